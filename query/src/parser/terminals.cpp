// Instantiates the lexical rules (terminals_def.hpp) for the parser's iterator and context.
#include "terminals_def.hpp"

namespace wsiskg::query::parser {
BOOST_SPIRIT_INSTANTIATE(iriref_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(pname_ns_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(iri_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(var_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(blank_node_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(string_literal_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(rdf_literal_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(numeric_literal_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(boolean_literal_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(nil_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(integer_type, iterator_type, context_type);
}  // namespace wsiskg::query::parser
