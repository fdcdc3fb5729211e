// Random graphs imported into a store: the (source, target) pairs the path searches find equal
// the SPARQL engine's property-path answer on the same store — find_pattern_paths for each
// expression (both ends free, and one bound), reachable() for `+` over predicate sets.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "wsiskg/graph/path_pattern.hpp"
#include "wsiskg/graph/path_search.hpp"
#include "wsiskg/graph/search_graph.hpp"
#include "wsiskg/import/importer.hpp"
#include "wsiskg/query/engine.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::graph {
namespace {

namespace fs = std::filesystem;
using Pairs = std::set<std::pair<TermId, TermId>>;

const std::string kBase = "http://test.wsiskg.org/";

std::string node_iri(std::size_t i) {
  return kBase + "n" + std::to_string(i);
}
std::string predicate_iri(int i) {
  return kBase + "p" + std::to_string(i);
}

// n nodes, m triples over p1..p3, self-loops and parallel edges allowed, a few literal objects
// (only with p3, so that p1 and p2 paths stay on IRIs, as SearchGraph's do).
std::string random_ntriples(unsigned seed, std::size_t n, std::size_t m) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> node(0, n - 1), coin(0, 9);
  std::uniform_int_distribution<int> predicate(1, 3);
  std::string text;
  for (std::size_t i = 0; i < m; ++i) {
    bool literal = coin(rng) == 0;
    std::string object =
        literal ? fmt::format("\"v{}\"", node(rng) % 3) : "<" + node_iri(node(rng)) + ">";
    text += fmt::format("<{}> <{}> {} .\n", node_iri(node(rng)),
                        predicate_iri(literal ? 3 : predicate(rng)), object);
  }
  return text;
}

struct Transition {
  AutomatonState from, to;
  std::vector<int> predicates;
  Direction direction = Direction::Forward;
  bool negated = false;
};

// A property path in SPARQL syntax and the automaton a compiler would build for it.
struct Expression {
  std::string sparql;
  std::uint32_t states;
  std::vector<AutomatonState> accepting;
  std::vector<Transition> transitions;
};

const Expression kExpressions[] = {
    {"(<P1>|<P3>)+", 2, {1}, {{0, 1, {1, 3}}, {1, 1, {1, 3}}}},
    {"<P1>*", 1, {0}, {{0, 0, {1}}}},
    {"(<P1>|^<P2>)+",
     2,
     {1},
     {{0, 1, {1}},
      {0, 1, {2}, Direction::Backward},
      {1, 1, {1}},
      {1, 1, {2}, Direction::Backward}}},
    {"<P1>/<P2>*", 2, {1}, {{0, 1, {1}}, {1, 1, {2}}}},
    {"!(<P1>)/^<P3>",
     3,
     {2},
     {{0, 1, {1}, Direction::Forward, true}, {1, 2, {3}, Direction::Backward}}},
    {"(<P2>/<P2>)+", 3, {2}, {{0, 1, {2}}, {1, 2, {2}}, {2, 1, {2}}}},
};

class SparqlConsistencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / fmt::format("wsiskg-graph-sparql-{}", ::getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string expand(std::string text) const {
    for (int i = 1; i <= 3; ++i) {
      std::string from = fmt::format("<P{}>", i);
      for (std::size_t at; (at = text.find(from)) != std::string::npos;) {
        text.replace(at, from.size(), "<" + predicate_iri(i) + ">");
      }
    }
    return text;
  }

  Pairs sparql_pairs(const store::ReadTransaction& txn, const std::string& query) {
    query::CollectingSink sink;
    query::execute_query(txn, query, query::QueryOptions{}, sink);
    Pairs pairs;
    for (const auto& row : sink.rows) {
      EXPECT_EQ(row.size(), 2u);
      auto s = txn.find(*row[0]);
      auto o = txn.find(*row[1]);
      EXPECT_TRUE(s && o) << query;
      if (s && o) pairs.emplace(*s, *o);
    }
    compared_ += pairs.size();
    return pairs;
  }

  PathAutomaton automaton(const store::ReadTransaction& txn, const Expression& e) {
    PathAutomaton a;
    a.state_count = e.states;
    a.accepting.assign(e.states, false);
    for (auto q : e.accepting) a.accepting[q] = true;
    for (const Transition& t : e.transitions) {
      AutomatonTransition x{t.from, t.to, {}, t.negated, t.direction};
      for (int p : t.predicates) {
        auto id = txn.find(rdf::Term::iri(predicate_iri(p)));
        // A predicate the random graph never used cannot match; a fresh id stands in for it.
        x.predicates.push_back(id ? *id : store::make_term_id(store::TermIdKind::Iri, 1u << 30));
      }
      std::ranges::sort(x.predicates);
      a.transitions.push_back(x);
    }
    return a;
  }

  fs::path dir_;
  std::size_t compared_ = 0;  // SPARQL answer pairs compared (the test must compare something)
};

Pairs pattern_pairs(const PathResult& result) {
  Pairs pairs;
  for (const Path& p : result.paths) pairs.emplace(p.source(), p.target());
  EXPECT_EQ(result.truncation, Truncation::None);
  return pairs;
}

TEST_F(SparqlConsistencyTest, PathSearchesAgreeWithPropertyPaths) {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    std::size_t n = 10;
    std::string data = (dir_ / fmt::format("g{}.nt", seed)).string();
    std::ofstream(data) << random_ntriples(seed, n, seed % 3 == 0 ? 30 : 14);
    fs::path db = dir_ / fmt::format("db{}", seed);
    store::Store st = store::Store::open(db);
    std::vector<std::string> files{data};
    import::import_files(st, files, import::ImportOptions{});
    store::ReadTransaction txn = st.begin_read();
    StoreTripleSource source(txn);

    for (const Expression& e : kExpressions) {
      SCOPED_TRACE(e.sparql);
      PathAutomaton a = automaton(txn, e);
      std::string path = expand(e.sparql);
      PathPatternQuery free;
      free.limits.max_paths = 1'000'000;
      EXPECT_EQ(pattern_pairs(find_pattern_paths(source, a, free)),
                sparql_pairs(txn, "SELECT ?s ?o { ?s " + path + " ?o }"));
      // One bound end (forward from it, and backward to it).
      for (std::size_t i : {std::size_t{0}, std::size_t{3}}) {
        std::string iri = node_iri(i);
        auto id = txn.find(rdf::Term::iri(iri));
        if (!id) continue;
        PathPatternQuery from = free, to = free;
        from.sources = std::vector{*id};
        to.targets = std::vector{*id};
        EXPECT_EQ(
            pattern_pairs(find_pattern_paths(source, a, from)),
            sparql_pairs(txn, "SELECT ?s ?o { BIND(<" + iri + "> AS ?s) ?s " + path + " ?o }"));
        EXPECT_EQ(
            pattern_pairs(find_pattern_paths(source, a, to)),
            sparql_pairs(txn, "SELECT ?s ?o { BIND(<" + iri + "> AS ?o) ?s " + path + " ?o }"));
      }
    }

    // reachable() over predicate sets and directions = `+` over the matching alternative.
    struct Filtered {
      std::vector<int> predicates;
      TraversalDirection direction;
      std::string sparql;
    };
    const Filtered filtered[] = {
        {{1, 3}, TraversalDirection::Forward, "(<P1>|<P3>)+"},
        {{1, 3}, TraversalDirection::Backward, "(^<P1>|^<P3>)+"},
        {{2}, TraversalDirection::Both, "(<P2>|^<P2>)+"},
    };
    for (const Filtered& f : filtered) {
      SCOPED_TRACE(f.sparql);
      EdgeFilter filter;
      filter.direction = f.direction;
      for (int p : f.predicates) {
        if (auto id = txn.find(rdf::Term::iri(predicate_iri(p)))) {
          std::get<PredicateSet>(filter.selector).predicates.push_back(*id);
        }
      }
      if (std::get<PredicateSet>(filter.selector).predicates.empty()) continue;
      Pairs expected = sparql_pairs(txn, "SELECT ?s ?o { ?s " + expand(f.sparql) + " ?o }");
      StoreGraph implicit(source, filter);
      CsrGraph snapshot(source, filter);
      for (SearchGraph* g :
           {static_cast<SearchGraph*>(&implicit), static_cast<SearchGraph*>(&snapshot)}) {
        Pairs found;
        for (std::size_t i = 0; i < n; ++i) {
          auto id = txn.find(rdf::Term::iri(node_iri(i)));
          if (!id) continue;
          std::vector<TermId> from{*id};
          for (TermId o : reachable(*g, from)) found.emplace(*id, o);
        }
        // Literals are not SearchGraph nodes: compare on IRI targets only.
        Pairs iri_expected;
        for (auto [s, o] : expected) {
          if (!store::is_literal_id(o) && !store::is_literal_id(s)) iri_expected.emplace(s, o);
        }
        EXPECT_EQ(found, iri_expected);
      }
    }
  }
  EXPECT_GT(compared_, 2000u);
}

}  // namespace
}  // namespace wsiskg::graph
