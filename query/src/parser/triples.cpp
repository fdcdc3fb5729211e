// Instantiates the triple-pattern and property-path rules (triples_def.hpp).
#include "triples_def.hpp"

namespace wsiskg::query::parser {
BOOST_SPIRIT_INSTANTIATE(var_or_term_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(var_or_iri_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(triples_same_subject_type, iterator_type, context_type);
BOOST_SPIRIT_INSTANTIATE(triples_same_subject_path_type, iterator_type, context_type);
}  // namespace wsiskg::query::parser
