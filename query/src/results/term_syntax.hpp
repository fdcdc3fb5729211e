#pragma once
// Turtle spellings of terms shared by the TSV and table writers (string escaping:
// rdf::append_escaped_literal_text).

#include <string>
#include <string_view>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::results {

// True when `literal` may be written bare in Turtle (integer, decimal, double, boolean whose
// lexical form is exactly the Turtle shorthand syntax), so the shorthand means the same term.
bool has_turtle_shorthand(const rdf::Term& literal);

}  // namespace wsiskg::query::results
