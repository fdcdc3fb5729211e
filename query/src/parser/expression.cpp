// Instantiates the expression rules (expression_def.hpp).
#include "expression_def.hpp"

namespace wsiskg::query::parser {
BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(bracketted_expression_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(builtin_call_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(function_call_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(constraint_type, iterator_type, context_type);
}  // namespace wsiskg::query::parser
