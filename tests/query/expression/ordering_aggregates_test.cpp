// ORDER BY ordering (§15.1) and aggregates (§18.5).
#include <algorithm>
#include <vector>

#include "expression_test_support.hpp"

namespace wsiskg::query::expression::testing {
namespace {

int cmp(const Value& a, const Value& b) {
  return order_compare(a, b);
}

TEST(OrderCompare, KindsOrderedUnboundBlankIriLiteral) {
  Value unbound, blank = rdf::Term::blank("z"), iri = Iri("http://a/"), lit = S("a");
  EXPECT_LT(cmp(unbound, blank), 0);
  EXPECT_LT(cmp(blank, iri), 0);
  EXPECT_LT(cmp(iri, lit), 0);
  EXPECT_LT(cmp(unbound, lit), 0);
  EXPECT_GT(cmp(lit, blank), 0);
  EXPECT_EQ(cmp(unbound, unbound), 0);
  EXPECT_EQ(cmp(lit, lit), 0);
  EXPECT_LT(cmp(Iri("http://a/1"), Iri("http://a/2")), 0);
  EXPECT_LT(cmp(rdf::Term::blank("a"), rdf::Term::blank("b")), 0);
}

TEST(OrderCompare, LiteralsByValue) {
  EXPECT_LT(cmp(I("2"), I("10")), 0);  // numerically, not lexically
  EXPECT_LT(cmp(Dec("1.5"), I("2")), 0);
  EXPECT_GT(cmp(Dbl("1.0E1"), I("9")), 0);
  EXPECT_NE(cmp(I("1"), Dec("1.0")), 0);  // equal values, different terms: still ordered
  EXPECT_EQ(cmp(I("1"), Dec("1.0")), -cmp(Dec("1.0"), I("1")));
  EXPECT_LT(cmp(S("a"), S("b")), 0);
  EXPECT_LT(cmp(B(false), B(true)), 0);
  EXPECT_LT(cmp(T("2002-04-02T12:00:00Z", "dateTime"), T("2002-04-02T13:00:00Z", "dateTime")), 0);
  EXPECT_GT(cmp(T("2002-04-02T12:00:00-05:00", "dateTime"), T("2002-04-02T16:00:00Z", "dateTime")),
            0);
  EXPECT_LT(cmp(T("2002-04-01", "date"), T("2002-04-02", "date")), 0);
}

TEST(OrderCompare, TotalOrderOverMixedTerms) {
  std::vector<Value> values = {S("b"),
                               I("10"),
                               Dbl("NaN"),
                               L("a", "en"),
                               Iri("http://x/"),
                               std::nullopt,
                               B(true),
                               Dec("2.5"),
                               rdf::Term::blank("q"),
                               rdf::Term::literal("z", "http://x/t"),
                               I("abc"),
                               T("2002-04-02T12:00:00", "dateTime"),
                               T("2002-04-02T12:00:00Z", "dateTime"),
                               S("a"),
                               I("-1"),
                               Flt("3.0E0")};
  // Antisymmetric and transitive on every triple, so std::sort is well defined.
  for (const auto& a : values)
    for (const auto& b : values) {
      EXPECT_EQ(cmp(a, b) < 0, cmp(b, a) > 0);
      for (const auto& c : values)
        if (cmp(a, b) < 0 && cmp(b, c) < 0) {
          EXPECT_LT(cmp(a, c), 0);
        }
    }
  std::sort(values.begin(), values.end(),
            [](const Value& a, const Value& b) { return cmp(a, b) < 0; });
  EXPECT_FALSE(values.front().has_value());
  EXPECT_TRUE(values[1]->is_blank());
  EXPECT_TRUE(values[2]->is_iri());
  // Numbers sort together, by value.
  auto pos = [&](const rdf::Term& t) {
    return std::find(values.begin(), values.end(), Value(t)) - values.begin();
  };
  EXPECT_LT(pos(I("-1")), pos(Dec("2.5")));
  EXPECT_LT(pos(Dec("2.5")), pos(Flt("3.0E0")));
  EXPECT_LT(pos(Flt("3.0E0")), pos(I("10")));
  EXPECT_LT(pos(S("a")), pos(S("b")));
}

// Runs an aggregate over values, as the executor would per group.
Value aggregate(const char* agg, std::vector<Value> rows) {
  auto expr = parse_expression(agg);
  const auto& node = std::get<ast::Aggregate>(expr.node);
  auto a = make_aggregator(node);
  for (const auto& v : rows) a->add(v);
  return a->result();
}

TEST(Aggregates, Count) {
  EXPECT_EQ(aggregate("COUNT(?x)", {I("1"), I("2"), I("2")}), I("3"));
  EXPECT_EQ(aggregate("COUNT(DISTINCT ?x)", {I("1"), I("2"), I("2")}), I("2"));
  EXPECT_EQ(aggregate("COUNT(?x)", {I("1"), std::nullopt, S("a")}), I("2"));
  EXPECT_EQ(aggregate("COUNT(?x)", {}), I("0"));
  EXPECT_EQ(aggregate("COUNT(*)", {B(true), B(true), B(true)}), I("3"));
  EXPECT_EQ(aggregate("COUNT(DISTINCT ?x)", {I("1"), Dec("1.0")}), I("2"));  // by term
}

TEST(Aggregates, SumAvg) {
  EXPECT_EQ(aggregate("SUM(?x)", {I("1"), I("2"), I("3")}), I("6"));
  EXPECT_EQ(aggregate("SUM(?x)", {I("1"), Dec("2.5")}), Dec("3.5"));
  EXPECT_EQ(aggregate("SUM(?x)", {I("1"), Dbl("2.0E0")}), Dbl("3.0E0"));
  EXPECT_EQ(aggregate("SUM(?x)", {}), I("0"));
  EXPECT_EQ(aggregate("SUM(?x)", {I("1"), S("a")}), std::nullopt);
  EXPECT_EQ(aggregate("SUM(?x)", {I("1"), std::nullopt}), std::nullopt);
  EXPECT_EQ(aggregate("SUM(DISTINCT ?x)", {I("1"), I("1"), I("2")}), I("3"));
  EXPECT_EQ(aggregate("AVG(?x)", {I("1"), I("2"), I("3"), I("4")}), Dec("2.5"));
  EXPECT_EQ(aggregate("AVG(?x)", {Dec("1.0"), Dec("2.0"), Dec("3.0"), I("4")}), Dec("2.5"));
  EXPECT_EQ(aggregate("AVG(?x)", {I("2"), I("4")}), Dec("3.0"));
  EXPECT_EQ(aggregate("AVG(?x)", {Dbl("1.0E0"), I("2")}), Dbl("1.5E0"));
  EXPECT_EQ(aggregate("AVG(?x)", {}), I("0"));
  EXPECT_EQ(aggregate("AVG(?x)", {I("1"), rdf::Term::blank("b")}), std::nullopt);
  EXPECT_EQ(aggregate("AVG(DISTINCT ?x)", {I("1"), I("1"), I("4")}), Dec("2.5"));
}

TEST(Aggregates, MinMaxSample) {
  EXPECT_EQ(aggregate("MIN(?x)", {I("3"), I("1"), Dec("2.5")}), I("1"));
  EXPECT_EQ(aggregate("MAX(?x)", {I("3"), I("10"), Dec("2.5")}), I("10"));
  EXPECT_EQ(aggregate("MAX(?x)", {I("3"), S("a"), Iri("http://x/")}), S("a"));
  EXPECT_EQ(aggregate("MIN(?x)", {I("3"), S("a"), Iri("http://x/")}), Iri("http://x/"));
  EXPECT_EQ(aggregate("MIN(?x)", {I("1"), rdf::Term::blank("b"), I("3")}), rdf::Term::blank("b"));
  EXPECT_EQ(aggregate("MIN(?x)", {std::nullopt, I("2")}), I("2"));
  EXPECT_EQ(aggregate("MIN(?x)", {I("1"), I("2"), Dec("1.0")}), Dec("1.0"));  // agg-min-01
  EXPECT_EQ(aggregate("MAX(?x)", {}), std::nullopt);
  EXPECT_EQ(aggregate("MAX(DISTINCT ?x)", {I("2"), I("2")}), I("2"));
  EXPECT_EQ(aggregate("SAMPLE(?x)", {std::nullopt, I("7"), I("8")}), I("7"));
  EXPECT_EQ(aggregate("SAMPLE(?x)", {}), std::nullopt);
}

TEST(Aggregates, GroupConcat) {
  EXPECT_EQ(aggregate("GROUP_CONCAT(?x)", {S("a"), S("b"), S("c")}), S("a b c"));
  EXPECT_EQ(aggregate("GROUP_CONCAT(?x; SEPARATOR=\", \")", {S("a"), I("1")}), S("a, 1"));
  EXPECT_EQ(aggregate("GROUP_CONCAT(DISTINCT ?x; SEPARATOR=\"|\")", {S("a"), S("a"), S("b")}),
            S("a|b"));
  EXPECT_EQ(aggregate("GROUP_CONCAT(?x)", {}), S(""));
  EXPECT_EQ(aggregate("GROUP_CONCAT(?x)", {S("a"), std::nullopt, S("b")}), S("a b"));
  EXPECT_EQ(aggregate("GROUP_CONCAT(?x)", {L("a", "en"), L("b", "en")}), S("a b"));
  EXPECT_EQ(aggregate("GROUP_CONCAT(?x)", {L("a", "en"), S("b")}), S("a b"));
  EXPECT_EQ(aggregate("GROUP_CONCAT(?x)", {S("a"), Iri("http://x/")}), std::nullopt);
}

TEST(NumericForms, CanonicalLexicalForms) {
  // Results of arithmetic are canonical whatever the input spelling.
  check_cases({
      {"\"+007\"^^xsd:integer * 1", I("7")},
      {"\"-0\"^^xsd:integer + 0", I("0")},
      {"\"0010.500\"^^xsd:decimal + 0", Dec("10.5")},
      {"\".5\"^^xsd:decimal + 0", Dec("0.5")},
      {"\"5.\"^^xsd:decimal + 0", Dec("5.0")},
      {"\"1e3\"^^xsd:double + 0", Dbl("1.0E3")},
      {"\"0.00012\"^^xsd:double + 0", Dbl("1.2E-4")},
      {"\"-INF\"^^xsd:double + 0", Dbl("-INF")},
      {"\"1.5\"^^xsd:double * 2", Dbl("3.0E0")},
      {"\"1e400\"^^xsd:double + 0", Dbl("INF")},
      {"\"1.0E\"^^xsd:double + 0", std::nullopt},
      {"\"inf\"^^xsd:double + 0", std::nullopt},
  });
}

}  // namespace
}  // namespace wsiskg::query::expression::testing
