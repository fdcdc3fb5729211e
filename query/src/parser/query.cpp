// Instantiates the query-level rules (query_def.hpp).
#include "query_def.hpp"

namespace wsiskg::query::parser {
BOOST_SPIRIT_INSTANTIATE(sub_select_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(query_unit_type, iterator_type, context_type);
}  // namespace wsiskg::query::parser
