#pragma once
// Small classification helpers over rdf::Term shared by the evaluator's parts.

#include <optional>
#include <string>
#include <string_view>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::expression {

inline constexpr std::string_view kXsdFloat = "http://www.w3.org/2001/XMLSchema#float";
inline constexpr std::string_view kXsdDayTimeDuration =
    "http://www.w3.org/2001/XMLSchema#dayTimeDuration";

// Simple literal or xsd:string (the same thing in RDF 1.1).
inline bool is_xsd_string(const rdf::Term& t) {
  return t.is_literal() && t.language.empty() && t.datatype == rdf::xsd::kString;
}
inline bool is_lang_string(const rdf::Term& t) {
  return t.is_literal() && !t.language.empty();
}
// §17.4.3.1.1 string literal: simple, xsd:string or language-tagged.
inline bool is_string_literal(const rdf::Term& t) {
  return is_xsd_string(t) || is_lang_string(t);
}

inline std::optional<bool> parse_boolean(const rdf::Term& t) {
  if (!t.is_literal() || t.datatype != rdf::xsd::kBoolean) return std::nullopt;
  if (t.value == "true" || t.value == "1") return true;
  if (t.value == "false" || t.value == "0") return false;
  return std::nullopt;
}

inline rdf::Term boolean_term(bool b) {
  return rdf::Term::literal(b ? "true" : "false", rdf::xsd::kBoolean);
}
inline rdf::Term string_term(std::string_view s) {
  return rdf::Term::literal(s);
}
// A string literal with the same language tag (or none) as `like` (§17.4.3 result typing).
inline rdf::Term string_like(const rdf::Term& like, std::string_view s) {
  return like.language.empty() ? rdf::Term::literal(s) : rdf::Term::lang_literal(s, like.language);
}

}  // namespace wsiskg::query::expression
