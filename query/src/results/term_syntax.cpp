#include "term_syntax.hpp"

#include <cctype>

namespace wsiskg::query::results {

namespace {

bool digits(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i > start;
}

bool is_integer(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  return digits(s, i) && i == s.size();
}

bool is_decimal(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  digits(s, i);
  if (i >= s.size() || s[i] != '.') return false;
  ++i;
  return digits(s, i) && i == s.size();
}

bool is_double(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  const bool before = digits(s, i);
  bool after = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    after = digits(s, i);
  }
  if (!before && !after) return false;
  if (i >= s.size() || (s[i] != 'e' && s[i] != 'E')) return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return digits(s, i) && i == s.size();
}

}  // namespace

bool has_turtle_shorthand(const rdf::Term& literal) {
  if (!literal.is_literal() || !literal.language.empty()) return false;
  const std::string_view dt = literal.datatype;
  const std::string_view lex = literal.value;
  if (dt == rdf::xsd::kInteger) return is_integer(lex);
  if (dt == rdf::xsd::kDecimal) return is_decimal(lex);
  if (dt == rdf::xsd::kDouble) return is_double(lex);
  if (dt == rdf::xsd::kBoolean) return lex == "true" || lex == "false";
  return false;
}

}  // namespace wsiskg::query::results
