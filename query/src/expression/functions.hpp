#pragma once
// The built-in function library (§17.4) and IRI-named casts (§17.5); see evaluator.hpp.

#include <string_view>

#include "evaluator.hpp"

namespace wsiskg::query::expression {

Value call_builtin(const ast::BuiltinCall& call, EvaluationContext& context);
// Casts (xsd:string(…), xsd:integer(…) …); any other IRI is an unknown function: error.
Value call_function(const ast::FunctionCall& call, EvaluationContext& context);
// XPath cast of one term to the XSD type named by `datatype`; nullopt when not allowed.
Value cast_term(std::string_view datatype, const rdf::Term& value);

}  // namespace wsiskg::query::expression
