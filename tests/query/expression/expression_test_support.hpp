#pragma once
// Shared helpers: parse `SELECT (EXPR AS ?r) {}` and evaluate EXPR against a fake context.

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>

#include "evaluator.hpp"
#include "wsiskg/rdf/term.hpp"

namespace wsiskg::rdf {
inline void PrintTo(const Term& t, std::ostream* os) {
  *os << to_ntriples(t);
}
}  // namespace wsiskg::rdf

namespace wsiskg::query::expression::testing {

inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

class FakeContext final : public EvaluationContext {
 public:
  FakeContext() : constants_(make_query_constants("http://example.org/base/")) {}
  Value variable(std::string_view name) const override {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  }
  bool exists(const ast::ExistsExpr&) override {
    ++exists_calls;
    return exists_result;
  }
  rdf::Term blank_node(std::optional<std::string_view> label) override {
    if (label) return rdf::Term::blank("L" + std::string(*label));
    return rdf::Term::blank("b" + std::to_string(next_blank++));
  }
  const QueryConstants& constants() const override { return constants_; }

  std::map<std::string, rdf::Term> vars;
  bool exists_result = true;
  int exists_calls = 0;
  int next_blank = 0;

 private:
  QueryConstants constants_;
};

// The expression of the single select item of `SELECT (expr AS ?r) {}` (prefixes xsd:, ex:).
ast::Expression parse_expression(std::string_view expr);
Value eval(std::string_view expr, FakeContext& context);
Value eval(std::string_view expr);

inline rdf::Term I(std::string_view lex) {
  return rdf::Term::literal(lex, rdf::xsd::kInteger);
}
inline rdf::Term Dec(std::string_view lex) {
  return rdf::Term::literal(lex, rdf::xsd::kDecimal);
}
inline rdf::Term Dbl(std::string_view lex) {
  return rdf::Term::literal(lex, rdf::xsd::kDouble);
}
inline rdf::Term Flt(std::string_view lex) {
  return rdf::Term::literal(lex, std::string(kXsd) + "float");
}
inline rdf::Term S(std::string_view lex) {
  return rdf::Term::literal(lex);
}
inline rdf::Term L(std::string_view lex, std::string_view lang) {
  return rdf::Term::lang_literal(lex, lang);
}
inline rdf::Term T(std::string_view lex, std::string_view local) {
  return rdf::Term::literal(lex, std::string(kXsd) + std::string(local));
}
inline rdf::Term B(bool b) {
  return rdf::Term::literal(b ? "true" : "false", rdf::xsd::kBoolean);
}
inline rdf::Term Iri(std::string_view iri) {
  return rdf::Term::iri(iri);
}

struct Case {
  const char* expr;
  Value expected;  // nullopt: evaluation error
};

// Evaluates every case, reporting each mismatch with its expression.
inline void check_cases(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.expr);
    EXPECT_EQ(eval(c.expr), c.expected);
  }
}

}  // namespace wsiskg::query::expression::testing
