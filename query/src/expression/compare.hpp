#pragma once
// Value comparison behind the relational operators (§17.3 operator mapping).

#include <optional>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::expression {

// '<' family: <0, 0, >0 for two numerics, two xsd:string/simple literals, two booleans, two
// dateTimes or two dates; nullopt (type error) for anything else or an indeterminate order.
std::optional<int> value_compare(const rdf::Term& a, const rdf::Term& b);

}  // namespace wsiskg::query::expression
