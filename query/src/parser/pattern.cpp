// Instantiates the group-graph-pattern rules (pattern_def.hpp).
#include "pattern_def.hpp"

namespace wsiskg::query::parser {
BOOST_SPIRIT_INSTANTIATE(group_graph_pattern_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(data_block_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(triples_template_type, iterator_type, context_type);
}  // namespace wsiskg::query::parser
