// Property path -> automaton (Glushkov) and path values: the automaton is checked structurally
// and by walking its product with small graphs, against the pairs SPARQL's path semantics give.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "wsiskg/query/path_expression.hpp"
#include "wsiskg/query/path_value.hpp"
#include "wsiskg/rdf/error.hpp"

namespace {

using namespace wsiskg;
using graph::Direction;
using graph::TermId;

// Predicates p, q, r, s have ids 1..4; IRIs "http://e/<name>".
const std::map<std::string, TermId> kIds = {
    {"http://e/p", 1}, {"http://e/q", 2}, {"http://e/r", 3}, {"http://e/s", 4}};

graph::PathAutomaton compile(std::string_view text) {
  rdf::PrefixMap prefixes(std::vector<std::pair<std::string, std::string>>{{"e", "http://e/"}});
  query::ast::Path path = query::parse_property_path(text, prefixes);
  return query::compile_path_automaton(path, [](const std::string& iri) -> std::optional<TermId> {
    auto it = kIds.find(iri);
    if (it == kIds.end()) return std::nullopt;
    return it->second;
  });
}

struct Edge {
  TermId s, p, o;
};

bool admits(const graph::AutomatonTransition& t, TermId predicate) {
  bool in = std::binary_search(t.predicates.begin(), t.predicates.end(), predicate);
  return t.negated ? !in : in;
}

// Every node reachable from `start` by a path the automaton accepts (product-graph BFS).
std::set<TermId> ends(const graph::PathAutomaton& a, const std::vector<Edge>& edges, TermId start) {
  std::set<std::pair<TermId, graph::AutomatonState>> seen{{start, a.start}};
  std::vector<std::pair<TermId, graph::AutomatonState>> frontier{{start, a.start}};
  std::set<TermId> out;
  while (!frontier.empty()) {
    auto [node, state] = frontier.back();
    frontier.pop_back();
    if (a.accepting.at(state)) out.insert(node);
    for (const auto& t : a.transitions) {
      if (t.from != state) continue;
      for (const Edge& e : edges) {
        if (!admits(t, e.p)) continue;
        TermId from = t.direction == Direction::Forward ? e.s : e.o;
        TermId to = t.direction == Direction::Forward ? e.o : e.s;
        if (from == node && seen.insert({to, t.to}).second) frontier.push_back({to, t.to});
      }
    }
  }
  return out;
}

// Nodes 100.. ; a chain 100 -p-> 101 -q-> 102 -p-> 103, a back edge 103 -r-> 100,
// and 104 -q-> 101.
const std::vector<Edge> kGraph = {
    {100, 1, 101}, {101, 2, 102}, {102, 1, 103}, {103, 3, 100}, {104, 2, 101}};

TEST(PathAutomaton, OneStateMoreThanLeavesAndNoEpsilon) {
  auto a = compile("e:p/(e:q|^e:r)*/e:p");
  EXPECT_EQ(a.state_count, 5u);  // four IRI occurrences + start
  EXPECT_EQ(a.start, 0u);
  EXPECT_FALSE(a.accepts_empty());
  for (const auto& t : a.transitions) {
    EXPECT_LT(t.from, a.state_count);
    EXPECT_LT(t.to, a.state_count);
    EXPECT_NE(t.to, a.start);  // Glushkov: nothing enters the start state
  }
}

TEST(PathAutomaton, ModifiersAndNullability) {
  EXPECT_TRUE(compile("e:p*").accepts_empty());
  EXPECT_TRUE(compile("e:p?").accepts_empty());
  EXPECT_FALSE(compile("e:p+").accepts_empty());
  EXPECT_TRUE(compile("e:p*/e:q?").accepts_empty());
  EXPECT_FALSE(compile("e:p*/e:q").accepts_empty());
  EXPECT_TRUE(compile("e:p|e:q*").accepts_empty());
}

TEST(PathAutomaton, WalksLikeSparqlPaths) {
  EXPECT_EQ(ends(compile("e:p"), kGraph, 100), (std::set<TermId>{101}));
  EXPECT_EQ(ends(compile("e:p/e:q"), kGraph, 100), (std::set<TermId>{102}));
  EXPECT_EQ(ends(compile("e:p/e:q/e:p"), kGraph, 100), (std::set<TermId>{103}));
  EXPECT_EQ(ends(compile("(e:p|e:q)+"), kGraph, 100), (std::set<TermId>{101, 102, 103}));
  EXPECT_EQ(ends(compile("(e:p|e:q|e:r)*"), kGraph, 100), (std::set<TermId>{100, 101, 102, 103}));
  EXPECT_EQ(ends(compile("e:p?"), kGraph, 101), (std::set<TermId>{101}));
  EXPECT_EQ(ends(compile("^e:q"), kGraph, 101), (std::set<TermId>{104}));
  // ^(p/q) is ^q/^p: from 102 back over q to 101, back over p to 100.
  EXPECT_EQ(ends(compile("^(e:p/e:q)"), kGraph, 102), (std::set<TermId>{100}));
  EXPECT_EQ(ends(compile("^(e:p/e:q)+"), kGraph, 102), (std::set<TermId>{100}));
  EXPECT_EQ(ends(compile("e:q/^e:q"), kGraph, 104), (std::set<TermId>{104}));
  EXPECT_EQ(ends(compile("^(^e:p)"), kGraph, 100), (std::set<TermId>{101}));
}

TEST(PathAutomaton, NegatedSets) {
  // !(p|q) forward: only the r edge from 103.
  EXPECT_EQ(ends(compile("!(e:p|e:q)"), kGraph, 103), (std::set<TermId>{100}));
  EXPECT_TRUE(ends(compile("!(e:p|e:q)"), kGraph, 100).empty());
  // !^q: backward edges whose predicate is not q: into 101 only p from 100.
  EXPECT_EQ(ends(compile("!^e:q"), kGraph, 101), (std::set<TermId>{100}));
  // !(p|^p): forward non-p (q to 102) or backward non-p (q from 104).
  EXPECT_EQ(ends(compile("!(e:p|^e:p)"), kGraph, 101), (std::set<TermId>{102, 104}));
  // ^!(q): backward over any non-q edge.
  EXPECT_EQ(ends(compile("^!e:q"), kGraph, 100), (std::set<TermId>{103}));
  auto a = compile("!(e:p|^e:q)");
  ASSERT_EQ(a.transitions.size(), 2u);
  for (const auto& t : a.transitions) {
    EXPECT_TRUE(t.negated);
    EXPECT_EQ(t.predicates.size(), 1u);
  }
}

TEST(PathAutomaton, UnknownIrisMatchNothingButExcludeNothing) {
  auto a = compile("<http://e/unknown>");
  EXPECT_TRUE(a.transitions.empty());  // never a transition with an empty (= any) set
  EXPECT_TRUE(ends(a, kGraph, 100).empty());
  EXPECT_EQ(ends(compile("<http://e/unknown>|e:p"), kGraph, 100), (std::set<TermId>{101}));
  EXPECT_EQ(ends(compile("!<http://e/unknown>"), kGraph, 100), (std::set<TermId>{101}));
}

TEST(PathAutomaton, ParseErrorsNameTheColumn) {
  rdf::PrefixMap prefixes(std::vector<std::pair<std::string, std::string>>{{"e", "http://e/"}});
  try {
    (void)query::parse_property_path("e:p/(e:q", prefixes);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("e:p/(e:q"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)query::parse_property_path("zz:p", prefixes), Error);
  EXPECT_THROW((void)query::parse_property_path("?x", prefixes), Error);
  EXPECT_THROW((void)query::parse_property_path("e:p ?x . ?y e:q", prefixes), Error);
  EXPECT_EQ(query::path_to_sparql(query::parse_property_path("e:p/^(e:q|e:r)+", prefixes)),
            "<http://e/p>/^(<http://e/q>|<http://e/r>)+");
}

TEST(PathValue, RoundTripsThroughItsTerm) {
  query::PathValue path;
  path.nodes = {rdf::Term::iri("http://e/a"), rdf::Term::blank("b1"),
                rdf::Term::literal("x \"y\" -<p>->\n", "http://e/dt"),
                rdf::Term::lang_literal("chat", "fr")};
  path.steps = {{rdf::Term::iri("http://e/p"), true},
                {rdf::Term::iri("http://e/q>"), false},
                {rdf::Term::iri("http://e/r"), true}};
  rdf::Term term = query::path_term(path);
  EXPECT_TRUE(query::is_path_term(term));
  EXPECT_EQ(term.datatype, query::kPathDatatype);
  EXPECT_EQ(query::decode_path_term(term), path);
  query::PathValue single;
  single.nodes = {rdf::Term::iri("http://e/a")};
  EXPECT_EQ(query::path_term(single).value, "<http://e/a>");
  EXPECT_EQ(query::decode_path_term(query::path_term(single)), single);
  EXPECT_FALSE(query::decode_path_term(rdf::Term::literal("<http://e/a>")));
  EXPECT_FALSE(query::decode_path_term(rdf::Term::literal("<a> -<p> <b>", query::kPathDatatype)));
}

TEST(PathValue, ArrowFormMatchesWsiskgPath) {
  query::PathValue path;
  path.nodes = {rdf::Term::iri("http://e/a"), rdf::Term::iri("http://e/b"),
                rdf::Term::iri("http://e/c")};
  path.steps = {{rdf::Term::iri("http://e/p"), true}, {rdf::Term::iri("http://e/q"), false}};
  EXPECT_EQ(query::path_arrow_form(path),
            "<http://e/a> -<http://e/p>-> <http://e/b> <-<http://e/q>- <http://e/c>");
  rdf::PrefixMap prefixes(std::vector<std::pair<std::string, std::string>>{{"e", "http://e/"}});
  EXPECT_EQ(query::path_arrow_form(path, [&](const rdf::Term& t) { return prefixes.show(t); }),
            "e:a -e:p-> e:b <-e:q- e:c");
}

}  // namespace
