#pragma once
// Turtle spellings of terms shared by the TSV and table writers.

#include <string>
#include <string_view>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::results {

// True when `literal` may be written bare in Turtle (integer, decimal, double, boolean whose
// lexical form is exactly the Turtle shorthand syntax), so the shorthand means the same term.
bool has_turtle_shorthand(const rdf::Term& literal);

// A quoted string body with the escapes Turtle's STRING_LITERAL_QUOTE needs, plus \t (TSV
// fields cannot hold a raw tab).
void append_turtle_string(std::string& out, std::string_view text);

}  // namespace wsiskg::query::results
