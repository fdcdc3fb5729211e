// The SPARQL conformance runner's own parts: expected-result readers and result comparison.

#include "result_set.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::conformance::sparql {
namespace {

using rdf::Term;

TEST(ResultParsers, SparqlXml) {
  const auto set = parse_srx(R"(<?xml version="1.0"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
  <head><variable name="x"/><variable name="y"/></head>
  <results>
    <result>
      <binding name="x"><uri>http://ex/a&amp;b</uri></binding>
      <binding name="y"><literal xml:lang="EN">hi</literal></binding>
    </result>
    <result>
      <binding name="y"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">7</literal></binding>
    </result>
    <result>
      <binding name="x"><bnode>r1</bnode></binding>
      <binding name="y"><literal>a
b</literal></binding>
    </result>
  </results>
</sparql>)",
                             "t.srx");
  ASSERT_EQ(set.variables, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(set.rows.size(), 3u);
  EXPECT_EQ(set.rows[0][0], Term::iri("http://ex/a&b"));
  EXPECT_EQ(set.rows[0][1], Term::lang_literal("hi", "en"));
  EXPECT_EQ(set.rows[1][0], std::nullopt);
  EXPECT_EQ(set.rows[1][1], Term::literal("7", rdf::xsd::kInteger));
  EXPECT_EQ(set.rows[2][0], Term::blank("r1"));
  EXPECT_EQ(set.rows[2][1], Term::literal("a\nb"));

  const auto ask = parse_srx(
      "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head/>"
      "<boolean>true</boolean></sparql>",
      "a.srx");
  EXPECT_EQ(ask.kind, ResultSet::Kind::Boolean);
  EXPECT_TRUE(ask.boolean);
  EXPECT_THROW(parse_srx("<sparql><head>", "bad.srx"), Error);
}

TEST(ResultParsers, SparqlJson) {
  const auto set = parse_srj(R"({"head": {"vars": ["s", "o"]}, "results": {"bindings": [
    {"s": {"type": "bnode", "value": "b0"}, "o": {"type": "literal", "value": "x", "xml:lang": "fr"}},
    {"o": {"type": "typed-literal", "value": "1.5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}}
  ]}})",
                             "t.srj");
  ASSERT_EQ(set.rows.size(), 2u);
  EXPECT_EQ(set.rows[0][0], Term::blank("b0"));
  EXPECT_EQ(set.rows[0][1], Term::lang_literal("x", "fr"));
  EXPECT_EQ(set.rows[1][0], std::nullopt);
  EXPECT_EQ(set.rows[1][1], Term::literal("1.5", rdf::xsd::kDecimal));
  const auto ask = parse_srj(R"({"head": {}, "boolean": false})", "a.srj");
  EXPECT_EQ(ask.kind, ResultSet::Kind::Boolean);
  EXPECT_FALSE(ask.boolean);
  EXPECT_THROW(parse_srj("{", "bad.srj"), Error);
}

TEST(ResultParsers, TsvTerms) {
  const auto set = parse_tsv(
      "?s\t?o\n<http://ex/s>\t\"a\\tb\"@en\n_:b0\t4\n\t5.5\n<http://ex/x>\t1e3\n"
      "<http://ex/y>\t\"d\"^^<http://ex/dt>\n",
      "t.tsv");
  ASSERT_EQ(set.variables, (std::vector<std::string>{"s", "o"}));
  ASSERT_EQ(set.rows.size(), 5u);
  EXPECT_EQ(set.rows[0][1], Term::lang_literal("a\tb", "en"));
  EXPECT_EQ(set.rows[1][0], Term::blank("b0"));
  EXPECT_EQ(set.rows[1][1], Term::literal("4", rdf::xsd::kInteger));
  EXPECT_EQ(set.rows[2][0], std::nullopt);
  EXPECT_EQ(set.rows[2][1], Term::literal("5.5", rdf::xsd::kDecimal));
  EXPECT_EQ(set.rows[3][1], Term::literal("1E3", rdf::xsd::kDouble));  // exponent as 'E'
  EXPECT_EQ(set.rows[4][1], Term::literal("d", "http://ex/dt"));
  EXPECT_THROW(parse_tsv("?a\tb\n1\n", "bad.tsv"), Error);
}

TEST(ResultParsers, CsvQuotingAndLineEnds) {
  const auto crlf = parse_csv("a,b\r\n\"x,\"\"y\"\"\",_:b1\r\n,z\r\n", "t.csv");
  const auto lf = parse_csv("a,b\n\"x,\"\"y\"\"\",_:b1\n,z\n", "t.csv");
  ASSERT_EQ(crlf.rows.size(), 2u);
  EXPECT_EQ(crlf.rows[0][0], Term::literal("x,\"y\""));
  EXPECT_EQ(crlf.rows[0][1], Term::blank("b1"));
  EXPECT_EQ(crlf.rows[1][0], std::nullopt);
  EXPECT_EQ(crlf.rows, lf.rows);
}

TEST(ResultParsers, ResultSetVocabularyWithIndexAndBoolean) {
  const std::string rs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";
  const Term root = Term::blank("r");
  auto q = [](Term s, const std::string& p, Term o) {
    return rdf::Quad{std::move(s), Term::iri(p), std::move(o), std::nullopt};
  };
  std::vector<rdf::Quad> graph = {
      q(root, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", Term::iri(rs + "ResultSet")),
      q(root, rs + "resultVariable", Term::literal("v")),
      q(root, rs + "solution", Term::blank("s2")),
      q(root, rs + "solution", Term::blank("s1")),
      q(Term::blank("s1"), rs + "index", Term::literal("1", rdf::xsd::kInteger)),
      q(Term::blank("s2"), rs + "index", Term::literal("2", rdf::xsd::kInteger)),
      q(Term::blank("s1"), rs + "binding", Term::blank("b1")),
      q(Term::blank("s2"), rs + "binding", Term::blank("b2")),
      q(Term::blank("b1"), rs + "variable", Term::literal("v")),
      q(Term::blank("b1"), rs + "value", Term::literal("first")),
      q(Term::blank("b2"), rs + "variable", Term::literal("v")),
      q(Term::blank("b2"), rs + "value", Term::literal("second")),
  };
  const auto set = result_set_from_graph(graph);
  ASSERT_EQ(set.kind, ResultSet::Kind::Solutions);
  ASSERT_EQ(set.rows.size(), 2u);
  EXPECT_EQ(set.rows[0][0], Term::literal("first"));
  EXPECT_EQ(set.rows[1][0], Term::literal("second"));

  std::vector<rdf::Quad> plain = {q(Term::iri("http://ex/s"), "http://ex/p", Term::literal("o"))};
  EXPECT_EQ(result_set_from_graph(plain).kind, ResultSet::Kind::Graph);
}

ResultSet solutions(std::vector<std::string> vars, std::vector<Row> rows) {
  ResultSet set;
  set.variables = std::move(vars);
  set.rows = std::move(rows);
  return set;
}

TEST(CompareResults, MultisetUpToBlankNodeBijection) {
  const auto expected = solutions({"x", "y"}, {{Term::blank("a"), Term::literal("1")},
                                               {Term::blank("a"), Term::literal("2")},
                                               {Term::blank("b"), Term::literal("3")}});
  // Same structure, other labels, other row order, other column order.
  const auto same = solutions({"y", "x"}, {{Term::literal("3"), Term::blank("q")},
                                           {Term::literal("1"), Term::blank("p")},
                                           {Term::literal("2"), Term::blank("p")}});
  EXPECT_EQ(compare_results(same, expected, {}), std::nullopt);
  // One label for both: not a bijection.
  const auto merged = solutions({"x", "y"}, {{Term::blank("p"), Term::literal("1")},
                                             {Term::blank("p"), Term::literal("2")},
                                             {Term::blank("p"), Term::literal("3")}});
  auto msg = compare_results(merged, expected, {});
  ASSERT_TRUE(msg);
  EXPECT_NE(msg->find("blank nodes differ"), std::string::npos) << *msg;
  // Split labels: not consistent either.
  const auto split = solutions({"x", "y"}, {{Term::blank("p"), Term::literal("1")},
                                            {Term::blank("r"), Term::literal("2")},
                                            {Term::blank("q"), Term::literal("3")}});
  EXPECT_TRUE(compare_results(split, expected, {}));
}

TEST(CompareResults, MissingUnexpectedDuplicatesAndVariables) {
  const auto expected = solutions({"x"}, {{Term::literal("1")}, {Term::literal("1")}});
  auto msg = compare_results(solutions({"x"}, {{Term::literal("1")}}), expected, {});
  ASSERT_TRUE(msg);
  EXPECT_NE(msg->find("missing rows"), std::string::npos) << *msg;
  msg = compare_results(
      solutions({"x"}, {{Term::literal("1")}, {Term::literal("1")}, {std::nullopt}}), expected, {});
  ASSERT_TRUE(msg);
  EXPECT_NE(msg->find("unexpected rows"), std::string::npos) << *msg;
  msg =
      compare_results(solutions({"z"}, {{Term::literal("1")}, {Term::literal("1")}}), expected, {});
  ASSERT_TRUE(msg);
  EXPECT_NE(msg->find("variables differ"), std::string::npos) << *msg;
  // Exact terms for non-numeric literals: "01" is not "1".
  EXPECT_TRUE(compare_results(solutions({"x"}, {{Term::literal("01")}}),
                              solutions({"x"}, {{Term::literal("1")}}), {}));
}

TEST(CompareResults, NumericLiteralsOfOneDatatypeCompareByValue) {
  const auto one = [](std::string_view lexical, std::string_view datatype) {
    return solutions({"x"}, {{Term::literal(lexical, datatype)}});
  };
  constexpr std::string_view kFloat = "http://www.w3.org/2001/XMLSchema#float";
  constexpr std::string_view kInt = "http://www.w3.org/2001/XMLSchema#int";
  using rdf::xsd::kDecimal, rdf::xsd::kDouble, rdf::xsd::kInteger;
  EXPECT_EQ(compare_results(one("3.0", kDecimal), one("3", kDecimal), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("-0.50", kDecimal), one("-.5", kDecimal), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("-0.0", kDecimal), one("0", kDecimal), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("+007", kInteger), one("7", kInteger), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("07", kInt), one("7", kInt), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("2E-1", kDouble), one("2.0E-1", kDouble), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("1.05E3", kDouble), one("1050", kDouble), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("0.0E0", kFloat), one("0E0", kFloat), {}), std::nullopt);
  EXPECT_EQ(compare_results(one("INF", kDouble), one("+INF", kDouble), {}), std::nullopt);
  // Different values, different datatypes, and invalid forms stay different.
  EXPECT_TRUE(compare_results(one("3.01", kDecimal), one("3", kDecimal), {}));
  EXPECT_TRUE(compare_results(one("30", kDecimal), one("3", kDecimal), {}));
  EXPECT_TRUE(compare_results(one("2E-1", kDouble), one("2E-2", kDouble), {}));
  EXPECT_TRUE(compare_results(one("1", kInteger), one("1.0", kDecimal), {}));
  EXPECT_TRUE(compare_results(one("1.0E0", kDouble), one("1.0E0", kFloat), {}));
  EXPECT_TRUE(compare_results(one("1.0", kInteger), one("1", kInteger), {}));
  EXPECT_TRUE(compare_results(one("1x", kDecimal), one("1", kDecimal), {}));
  EXPECT_TRUE(compare_results(one("-INF", kDouble), one("INF", kDouble), {}));
}

TEST(CompareResults, LaxCardinalityAllowsFewerDuplicates) {
  const auto expected =
      solutions({"x"}, {{Term::literal("1")}, {Term::literal("1")}, {Term::literal("2")}});
  CompareOptions lax;
  lax.lax_cardinality = true;
  EXPECT_EQ(compare_results(solutions({"x"}, {{Term::literal("2")}, {Term::literal("1")}}),
                            expected, lax),
            std::nullopt);
  EXPECT_TRUE(compare_results(solutions({"x"}, {{Term::literal("2")}}), expected, lax));
  EXPECT_TRUE(compare_results(solutions({"x"}, {{Term::literal("2")}, {Term::literal("1")}}),
                              expected, {}));
}

TEST(CompareResults, OrderByTiesMayComeInAnyOrder) {
  // Ordered by ?k; rows with k=1 tie.
  const auto expected = solutions({"k", "v"}, {{Term::literal("1"), Term::literal("a")},
                                               {Term::literal("1"), Term::literal("b")},
                                               {Term::literal("2"), Term::literal("c")}});
  const std::vector<std::string> keys = {"k"};
  CompareOptions ordered;
  ordered.ordered_group_ends = tie_groups(expected, keys);
  EXPECT_EQ(ordered.ordered_group_ends, (std::vector<std::size_t>{2, 3}));
  const auto swapped_tie = solutions({"k", "v"}, {{Term::literal("1"), Term::literal("b")},
                                                  {Term::literal("1"), Term::literal("a")},
                                                  {Term::literal("2"), Term::literal("c")}});
  EXPECT_EQ(compare_results(swapped_tie, expected, ordered), std::nullopt);
  const auto wrong = solutions({"k", "v"}, {{Term::literal("2"), Term::literal("c")},
                                            {Term::literal("1"), Term::literal("a")},
                                            {Term::literal("1"), Term::literal("b")}});
  auto msg = compare_results(wrong, expected, ordered);
  ASSERT_TRUE(msg);
  EXPECT_NE(msg->find("order differs"), std::string::npos) << *msg;
  EXPECT_EQ(compare_results(wrong, expected, {}), std::nullopt);
}

TEST(CompareResults, Booleans) {
  ResultSet t, f;
  t.kind = f.kind = ResultSet::Kind::Boolean;
  t.boolean = true;
  EXPECT_EQ(compare_results(t, t, {}), std::nullopt);
  EXPECT_TRUE(compare_results(t, f, {}));
  EXPECT_TRUE(compare_results(solutions({"x"}, {}), t, {}));
}

// Real W3C files, when the shared data is present.
TEST(ResultParsers, ReadsW3cFiles) {
  const std::filesystem::path root = std::filesystem::path(WSISKG_SHARED_DIR) / "w3c" / "sparql";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "W3C data not found at " << root;
  const auto sorted = read_result_file(root / "sparql10/sort/result-sort-1.rdf");
  ASSERT_EQ(sorted.kind, ResultSet::Kind::Solutions);
  EXPECT_FALSE(sorted.rows.empty());
  const auto tsv = read_result_file(root / "sparql11/csv-tsv-res/csvtsv01.tsv");
  EXPECT_EQ(tsv.rows.size(), 6u);
  const auto srj = read_result_file(root / "sparql11/json-res/jsonres01.srj");
  EXPECT_FALSE(srj.variables.empty());
  const auto ttl = read_result_file(root / "sparql10/dataset/dataset-03.ttl");
  EXPECT_EQ(ttl.variables.size(), 4u);
}

}  // namespace
}  // namespace wsiskg::conformance::sparql
