// Unit tests of the conformance runner's own parts: dataset isomorphism, the manifest model and
// the expected-failures list. They need no parser, store or shared data.

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "dataset_isomorphism.hpp"
#include "expected_failures.hpp"
#include "manifest.hpp"
#include "reference_nquads.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::conformance {
namespace {

using rdf::Quad;
using rdf::Term;

Term iri(std::string_view local) {
  return Term::iri("http://example.org/" + std::string(local));
}
Term bnode(std::string_view label) {
  return Term::blank(label);
}
Quad triple(Term s, Term p, Term o) {
  return {std::move(s), std::move(p), std::move(o), {}};
}
Quad quad(Term s, Term p, Term o, Term g) {
  return {std::move(s), std::move(p), std::move(o), std::move(g)};
}

// A cycle of `n` blank nodes linked by :p, labels prefixed by `prefix`.
std::vector<Quad> cycle(int n, const std::string& prefix, int offset = 0) {
  std::vector<Quad> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(triple(bnode(prefix + std::to_string(offset + i)), iri("p"),
                         bnode(prefix + std::to_string(offset + (i + 1) % n))));
  }
  return out;
}

TEST(DatasetIsomorphism, EqualGroundDatasetsAreIsomorphic) {
  std::vector<Quad> a{triple(iri("s"), iri("p"), Term::literal("x")),
                      quad(iri("s"), iri("p"), iri("o"), iri("g"))};
  std::vector<Quad> b{a[1], a[0]};
  EXPECT_TRUE(isomorphic(a, b));
}

TEST(DatasetIsomorphism, DifferentGroundQuadsAreReported) {
  std::vector<Quad> a{triple(iri("s"), iri("p"), iri("o1"))};
  std::vector<Quad> b{triple(iri("s"), iri("p"), iri("o2"))};
  auto result = compare_datasets(a, b);
  EXPECT_FALSE(result.isomorphic);
  EXPECT_NE(result.explanation.find("<http://example.org/o2>"), std::string::npos)
      << result.explanation;
}

TEST(DatasetIsomorphism, LiteralsCompareExactly) {
  auto one = [](Term o) { return std::vector<Quad>{triple(iri("s"), iri("p"), std::move(o))}; };
  EXPECT_FALSE(isomorphic(one(Term::literal("1")), one(Term::literal("1", rdf::xsd::kInteger))));
  EXPECT_FALSE(isomorphic(one(Term::literal("01", rdf::xsd::kInteger)),
                          one(Term::literal("1", rdf::xsd::kInteger))));
  EXPECT_FALSE(isomorphic(one(Term::literal("a")), one(Term::lang_literal("a", "en"))));
  EXPECT_TRUE(
      isomorphic(one(Term::lang_literal("a", "EN-gb")), one(Term::lang_literal("a", "en-GB"))));
  EXPECT_FALSE(isomorphic(one(iri("x")), one(bnode("x"))));
}

TEST(DatasetIsomorphism, DefaultAndNamedGraphsDiffer) {
  std::vector<Quad> a{triple(iri("s"), iri("p"), iri("o"))};
  std::vector<Quad> b{quad(iri("s"), iri("p"), iri("o"), iri("g"))};
  EXPECT_FALSE(isomorphic(a, b));
}

TEST(DatasetIsomorphism, DuplicatesAreIgnored) {
  std::vector<Quad> a{triple(bnode("x"), iri("p"), iri("o")),
                      triple(bnode("x"), iri("p"), iri("o"))};
  std::vector<Quad> b{triple(bnode("y"), iri("p"), iri("o"))};
  EXPECT_TRUE(isomorphic(a, b));
}

TEST(DatasetIsomorphism, BlankNodesAreRenamed) {
  std::vector<Quad> a{triple(bnode("a"), iri("p"), bnode("b")),
                      triple(bnode("b"), iri("q"), Term::literal("v")),
                      quad(bnode("a"), iri("r"), iri("o"), bnode("g"))};
  std::vector<Quad> b{quad(bnode("n1"), iri("r"), iri("o"), bnode("n0")),
                      triple(bnode("n2"), iri("q"), Term::literal("v")),
                      triple(bnode("n1"), iri("p"), bnode("n2"))};
  EXPECT_TRUE(isomorphic(a, b));
  // Same shape, but the graph name is now the subject's own node.
  b[0] = quad(bnode("n1"), iri("r"), iri("o"), bnode("n1"));
  EXPECT_FALSE(isomorphic(a, b));
}

TEST(DatasetIsomorphism, BlankGraphNamesMustMapConsistently) {
  // Two graphs named by blank nodes, each holding a triple about a shared node.
  std::vector<Quad> a{quad(bnode("x"), iri("p"), iri("o1"), bnode("g1")),
                      quad(bnode("x"), iri("p"), iri("o2"), bnode("g2"))};
  std::vector<Quad> same{quad(bnode("y"), iri("p"), iri("o2"), bnode("h1")),
                         quad(bnode("y"), iri("p"), iri("o1"), bnode("h2"))};
  std::vector<Quad> merged{quad(bnode("y"), iri("p"), iri("o2"), bnode("h1")),
                           quad(bnode("y"), iri("p"), iri("o1"), bnode("h1"))};
  EXPECT_TRUE(isomorphic(a, same));
  EXPECT_FALSE(isomorphic(a, merged));
}

TEST(DatasetIsomorphism, SelfLoopsAreNotSwaps) {
  std::vector<Quad> loops{triple(bnode("a"), iri("p"), bnode("a")),
                          triple(bnode("b"), iri("p"), bnode("b"))};
  std::vector<Quad> swap{triple(bnode("a"), iri("p"), bnode("b")),
                         triple(bnode("b"), iri("p"), bnode("a"))};
  EXPECT_FALSE(isomorphic(loops, swap));
  EXPECT_TRUE(isomorphic(swap, swap));
}

TEST(DatasetIsomorphism, RegularGraphsNeedBacktracking) {
  // Colour refinement cannot tell a 6-cycle from two 3-cycles: every node looks alike.
  std::vector<Quad> six = cycle(6, "a");
  std::vector<Quad> two_triangles = cycle(3, "b");
  auto second = cycle(3, "b", 3);
  two_triangles.insert(two_triangles.end(), second.begin(), second.end());
  EXPECT_FALSE(isomorphic(six, two_triangles));
  EXPECT_TRUE(isomorphic(six, cycle(6, "z", 10)));
  EXPECT_TRUE(isomorphic(two_triangles, two_triangles));
}

TEST(DatasetIsomorphism, LargeRandomGraphUnderPermutation) {
  std::mt19937 random(42);
  const int nodes = 300;
  std::vector<Quad> a;
  for (int i = 0; i < 900; ++i) {
    int s = static_cast<int>(random() % nodes);
    int o = static_cast<int>(random() % nodes);
    a.push_back(triple(bnode("n" + std::to_string(s)), iri(random() % 2 ? "p" : "q"),
                       bnode("n" + std::to_string(o))));
  }
  std::vector<int> permutation(nodes);
  std::iota(permutation.begin(), permutation.end(), 0);
  std::shuffle(permutation.begin(), permutation.end(), random);
  auto rename = [&](const Term& t) {
    return bnode("m" + std::to_string(permutation[std::stoi(t.value.substr(1))]));
  };
  std::vector<Quad> b;
  for (const auto& q : a) b.push_back(triple(rename(q.subject), q.predicate, rename(q.object)));
  std::shuffle(b.begin(), b.end(), random);
  EXPECT_TRUE(isomorphic(a, b));
  // Redirect one edge to a different node: no longer isomorphic.
  b[0].object = b[0].object == b[1].object ? b[2].object : b[1].object;
  EXPECT_FALSE(isomorphic(a, b));
}

TEST(DatasetIsomorphism, ManyInterchangeableNodesStayCheap) {
  // 300 blank nodes that refinement cannot tell apart: the search must not try them all pairwise
  // at every level (first candidates succeed), and must still notice one odd node.
  std::vector<Quad> a, b;
  for (int i = 0; i < 300; ++i) {
    a.push_back(quad(bnode("a" + std::to_string(i)), iri("p"), iri("o"), bnode("g")));
    b.push_back(quad(bnode("b" + std::to_string(299 - i)), iri("p"), iri("o"), bnode("h")));
  }
  EXPECT_TRUE(isomorphic(a, b));
  b.back().object = iri("other");
  EXPECT_FALSE(isomorphic(a, b));
}

TEST(DatasetIsomorphism, DumpIsSortedAndTruncated) {
  std::vector<Quad> q{triple(iri("b"), iri("p"), iri("o")), triple(iri("a"), iri("p"), iri("o"))};
  EXPECT_EQ(dump_nquads(q),
            "  <http://example.org/a> <http://example.org/p> <http://example.org/o> .\n"
            "  <http://example.org/b> <http://example.org/p> <http://example.org/o> .\n");
  EXPECT_EQ(dump_nquads(q, 1),
            "  <http://example.org/a> <http://example.org/p> <http://example.org/o> .\n"
            "  ... 1 more\n");
}

// --- manifest model ---------------------------------------------------------------------------

Term mf(std::string_view local) {
  return Term::iri(std::string(vocab::kMf) + std::string(local));
}
Term rdft(std::string_view local) {
  return Term::iri(std::string(vocab::kRdft) + std::string(local));
}
Term rdf_term(std::string_view local) {
  return Term::iri(std::string(vocab::kRdf) + std::string(local));
}

const std::string kBase = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/";

// A manifest listing `entries` (test IRIs) with an RDF list of blank nodes.
std::vector<Quad> manifest_with_entries(const std::vector<Term>& entries) {
  Term m = Term::iri(kBase + "manifest.ttl");
  std::vector<Quad> q{triple(m, rdf_term("type"), mf("Manifest")),
                      triple(m, mf("assumedTestBase"), Term::iri(kBase))};
  Term head = entries.empty() ? rdf_term("nil") : bnode("l0");
  q.push_back(triple(m, mf("entries"), head));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Term node = bnode("l" + std::to_string(i));
    q.push_back(triple(node, rdf_term("first"), entries[i]));
    q.push_back(
        triple(node, rdf_term("rest"),
               i + 1 == entries.size() ? rdf_term("nil") : bnode("l" + std::to_string(i + 1))));
  }
  return q;
}

TEST(Manifest, ReadsEntriesInListOrder) {
  Term t1 = Term::iri(kBase + "manifest.ttl#eval-1");
  Term t2 = Term::iri(kBase + "manifest.ttl#bad-1");
  auto q = manifest_with_entries({t1, t2});
  q.push_back(triple(t1, rdf_term("type"), rdft("TestTurtleEval")));
  q.push_back(triple(t1, mf("name"), Term::literal("eval-1")));
  q.push_back(triple(t1, mf("action"), Term::iri(kBase + "a.ttl")));
  q.push_back(triple(t1, mf("result"), Term::iri(kBase + "a.nt")));
  q.push_back(triple(t1, rdft("approval"), rdft("Approved")));
  q.push_back(triple(t2, rdf_term("type"), rdft("TestTrigNegativeSyntax")));
  q.push_back(triple(t2, mf("action"), Term::iri(kBase + "b.trig")));
  // A typed test that is not listed must not be read.
  Term unlisted = Term::iri(kBase + "manifest.ttl#unlisted");
  q.push_back(triple(unlisted, rdf_term("type"), rdft("TestTurtleEval")));
  std::ranges::reverse(q);

  Manifest m = read_manifest(q);
  EXPECT_EQ(m.iri, kBase + "manifest.ttl");
  EXPECT_EQ(m.assumed_test_base, kBase);
  ASSERT_EQ(m.tests.size(), 2u);
  EXPECT_EQ(m.tests[0].iri, t1.value);
  EXPECT_EQ(m.tests[0].name, "eval-1");
  EXPECT_EQ(m.tests[0].kind, TestKind::Eval);
  EXPECT_EQ(m.tests[0].action, kBase + "a.ttl");
  EXPECT_EQ(m.tests[0].result, kBase + "a.nt");
  EXPECT_EQ(m.tests[0].approval, "Approved");
  EXPECT_EQ(m.tests[1].name, "bad-1");  // from the IRI when there is no mf:name
  EXPECT_EQ(m.tests[1].kind, TestKind::NegativeSyntax);
  EXPECT_FALSE(m.tests[1].result.has_value());
  EXPECT_EQ(m.tests[1].approval, "");
}

TEST(Manifest, RejectsMalformedManifests) {
  EXPECT_THROW(read_manifest(std::vector<Quad>{}), Error);  // no mf:Manifest node

  Term t = Term::iri(kBase + "manifest.ttl#t");
  auto no_action = manifest_with_entries({t});
  no_action.push_back(triple(t, rdf_term("type"), rdft("TestTurtleEval")));
  EXPECT_THROW(read_manifest(no_action), Error);

  auto cyclic = manifest_with_entries({t, t});
  std::erase(cyclic, triple(bnode("l1"), rdf_term("rest"), rdf_term("nil")));
  cyclic.push_back(triple(bnode("l1"), rdf_term("rest"), bnode("l0")));
  cyclic.push_back(triple(t, rdf_term("type"), rdft("TestTurtleEval")));
  cyclic.push_back(triple(t, mf("action"), Term::iri(kBase + "a.ttl")));
  EXPECT_THROW(read_manifest(cyclic), Error);
}

TEST(Manifest, EmptyEntriesListGivesNoTests) {
  EXPECT_TRUE(read_manifest(manifest_with_entries({})).tests.empty());
}

TEST(Manifest, TestKindsFromTypeIris) {
  std::string rdft_ns(vocab::kRdft);
  EXPECT_EQ(test_kind_for_type(rdft_ns + "TestNTriplesPositiveSyntax"), TestKind::PositiveSyntax);
  EXPECT_EQ(test_kind_for_type(rdft_ns + "TestNQuadsNegativeSyntax"), TestKind::NegativeSyntax);
  EXPECT_EQ(test_kind_for_type(rdft_ns + "TestTurtleEval"), TestKind::Eval);
  EXPECT_EQ(test_kind_for_type(rdft_ns + "TestTrigEval"), TestKind::Eval);
  EXPECT_EQ(test_kind_for_type(rdft_ns + "TestTriGEval"), TestKind::Other);  // spelled Trig
  EXPECT_EQ(test_kind_for_type(rdft_ns + "TestXMLEval"), TestKind::Other);
  EXPECT_EQ(test_kind_for_type(std::string(vocab::kMf) + "PositiveSyntaxTest11"), TestKind::Other);
}

TEST(Manifest, MapsIrisToLocalFiles) {
  EXPECT_EQ(local_file_for(kBase + "a.ttl", kBase, "/data/rdf-turtle"),
            std::filesystem::path("/data/rdf-turtle/a.ttl"));
  EXPECT_THROW(local_file_for("http://example.org/a.ttl", kBase, "/data"), Error);
  EXPECT_THROW(local_file_for(kBase + "../x.ttl", kBase, "/data"), Error);
  EXPECT_THROW(local_file_for(kBase, kBase, "/data"), Error);
  EXPECT_EQ(iri_local_name(kBase + "manifest.ttl#IRI_subject"), "IRI_subject");
}

// --- expected failures ------------------------------------------------------------------------

TEST(ExpectedFailuresList, ParsesEntriesWithReasons) {
  auto list = ExpectedFailures::parse(
      "# header\n\n"
      "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl#x  # serd: why\n"
      "turtle/y\t#   another reason  \r\n",
      "list.txt");
  EXPECT_EQ(list.entries().size(), 2u);
  EXPECT_EQ(list.reason("https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl#x"),
            "serd: why");
  EXPECT_EQ(list.reason("turtle/y"), "another reason");
  EXPECT_FALSE(list.reason("turtle/z").has_value());
}

TEST(ExpectedFailuresList, RequiresReasonsAndRejectsDuplicates) {
  EXPECT_THROW(ExpectedFailures::parse("turtle/x\n", "l"), Error);
  EXPECT_THROW(ExpectedFailures::parse("turtle/x #\n", "l"), Error);
  EXPECT_THROW(ExpectedFailures::parse("turtle/x # a\nturtle/x # b\n", "l"), Error);
  EXPECT_TRUE(ExpectedFailures::parse("", "l").entries().empty());
}

// --- reference N-Quads reader ------------------------------------------------------------------

TEST(ReferenceNQuads, ReadsTermsEscapesAndGraphs) {
  auto quads = read_reference_nquads(
      "# comment\n"
      "<http://a/s> <http://a/p> \"x\\u0000y\\t\\\"\\U0001F600\" .\n"
      "_:b1.x <http://a/p> \"chat\"@EN-gb <http://a/g> .   # trailing comment\n"
      "<http://a/\\u00E9><http://a/p>\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>_:g.\n",
      "t.nq");
  ASSERT_EQ(quads.size(), 3u);
  EXPECT_EQ(quads[0].object, Term::literal(std::string("x\0y\t\"\xF0\x9F\x98\x80", 9)));
  EXPECT_FALSE(quads[0].graph.has_value());
  EXPECT_EQ(quads[1].subject, bnode("b1.x"));
  EXPECT_EQ(quads[1].object, Term::lang_literal("chat", "en-gb"));
  EXPECT_EQ(quads[1].graph, Term::iri("http://a/g"));
  EXPECT_EQ(quads[2].subject, Term::iri("http://a/\xC3\xA9"));
  EXPECT_EQ(quads[2].object, Term::literal("1", rdf::xsd::kInteger));
  EXPECT_EQ(quads[2].graph, bnode("g"));
}

TEST(ReferenceNQuads, RejectsWhatItCannotRead) {
  EXPECT_THROW(read_reference_nquads("<http://a/s> <http://a/p> \"x\"", "t"), Error);  // no '.'
  EXPECT_THROW(read_reference_nquads("\"s\" <http://a/p> <http://a/o> .", "t"), Error);
  EXPECT_THROW(read_reference_nquads("<http://a/s> <http://a/p> \"\\ud800\" .", "t"), Error);
  EXPECT_THROW(read_reference_nquads("<http://a/s> <http://a/p> \"\\q\" .", "t"), Error);
  EXPECT_TRUE(read_reference_nquads("  \n# only a comment\n", "t").empty());
}

}  // namespace
}  // namespace wsiskg::conformance
