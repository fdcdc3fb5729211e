// Random graphs: the path searches against brute force, and the two graph models against
// each other.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "graph_test_support.hpp"

namespace wsiskg::graph::testing {
namespace {

struct RandomGraph {
  std::vector<Triple> triples;
  std::vector<TermId> nodes;
  std::vector<TermId> predicates;
};

// n nodes, m edges over three predicates, with self-loops and parallel edges allowed.
RandomGraph random_graph(unsigned seed, std::size_t n, std::size_t m) {
  std::mt19937 rng(seed);
  RandomGraph g;
  for (std::size_t i = 0; i < n; ++i) g.nodes.push_back(iri(100 + i));
  g.predicates = {iri(1), iri(2), iri(3)};
  std::uniform_int_distribution<std::size_t> node(0, n - 1), predicate(0, 2);
  for (std::size_t i = 0; i < m; ++i) {
    Triple t{g.nodes[node(rng)], g.predicates[predicate(rng)], g.nodes[node(rng)]};
    if (std::ranges::find(g.triples, t) == g.triples.end()) g.triples.push_back(t);
  }
  return g;
}

using Moves = std::vector<Reference::Move>;

Moves moves_of(const Path& path) {
  Moves moves;
  for (std::size_t i = 0; i < path.steps.size(); ++i)
    moves.push_back({path.nodes[i + 1], path.steps[i]});
  return moves;
}

std::set<Moves> move_set(const PathResult& result) {
  std::set<Moves> set;
  for (const Path& path : result.paths) set.insert(moves_of(path));
  return set;
}

struct Case {
  Model model;
  TraversalDirection direction;
};

class RandomGraphTest : public ::testing::TestWithParam<Case> {
 protected:
  EdgeFilter filter(bool all_predicates = true) const {
    EdgeFilter f;
    f.direction = GetParam().direction;
    if (!all_predicates) std::get<PredicateSet>(f.selector).predicates = {iri(1), iri(3)};
    return f;
  }
  PathQuery query(PathMode mode, std::vector<TermId> from, std::vector<TermId> to) const {
    PathQuery q;
    q.mode = mode;
    q.sources = std::move(from);
    q.targets = std::move(to);
    q.limits.max_paths = 1'000'000;
    return q;
  }
};

// Consistency: `reachable` equals the transitive closure, i.e. what SPARQL `s p+ ?x` answers.
// The same comparison against the SPARQL engine's `(p1|p3)+`, `(^p1|^p3)+` and `(p2|^p2)+` on
// random graphs imported into a store: sparql_consistency_test.cpp (graph_sparql_tests, a
// separate binary so that these tests do not depend on the query engine).
TEST_P(RandomGraphTest, ReachabilityEqualsTransitiveClosure) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    RandomGraph rg = random_graph(seed, 12, seed % 4 == 0 ? 30 : 14);
    for (bool all : {true, false}) {
      MemoryTripleSource source(rg.triples);
      auto graph = make_graph(GetParam().model, source, filter(all));
      Reference reference(rg.triples, filter(all));
      for (TermId s : rg.nodes) {
        auto closure = reference.closure(s);
        std::vector<TermId> expected(closure.begin(), closure.end());
        std::vector<TermId> from{s};
        EXPECT_EQ(reachable(*graph, from), expected) << "seed " << seed << " node " << s;
      }
    }
  }
}

TEST_P(RandomGraphTest, ShortestPathLengthsEqualBreadthFirstDistances) {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    RandomGraph rg = random_graph(seed, 14, 22);
    MemoryTripleSource source(rg.triples);
    Reference reference(rg.triples, filter());
    auto graph = make_graph(GetParam().model, source, filter());
    for (TermId s : rg.nodes) {
      auto distances = reference.distances(s);
      for (TermId t : rg.nodes) {  // single pairs: bidirectional search
        auto result = find_paths(*graph, query(PathMode::Shortest, {s}, {t}));
        auto it = distances.find(t);
        if (it == distances.end()) {
          EXPECT_TRUE(result.paths.empty());
        } else {
          ASSERT_EQ(result.paths.size(), 1u) << "seed " << seed;
          EXPECT_EQ(result.paths[0].length(), it->second) << "seed " << seed;
          EXPECT_TRUE(is_valid_path(rg.triples, filter(), result.paths[0]));
        }
      }
      // One-to-many in one search: the same lengths.
      auto many = find_paths(*graph, query(PathMode::Shortest, {s}, rg.nodes));
      std::size_t reachable_targets = 0;
      for (TermId t : rg.nodes) reachable_targets += distances.contains(t);
      ASSERT_EQ(many.paths.size(), reachable_targets);
      for (const Path& path : many.paths) {
        EXPECT_EQ(path.length(), distances.at(path.target()));
        EXPECT_TRUE(is_valid_path(rg.triples, filter(), path));
      }
    }
  }
}

TEST_P(RandomGraphTest, AllShortestAndAllSimpleEqualBruteForceEnumeration) {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    RandomGraph rg = random_graph(seed, 9, 18);
    MemoryTripleSource source(rg.triples);
    Reference reference(rg.triples, filter());
    auto graph = make_graph(GetParam().model, source, filter());
    for (TermId s : rg.nodes) {
      auto distances = reference.distances(s);
      for (TermId t : rg.nodes) {
        std::set<Moves> shortest, simple;
        if (distances.contains(t)) {
          for (auto& p : reference.simple_paths(s, t, distances.at(t))) shortest.insert(p);
        }
        for (auto& p : reference.simple_paths(s, t, 4)) simple.insert(p);
        EXPECT_EQ(move_set(find_paths(*graph, query(PathMode::AllShortest, {s}, {t}))), shortest)
            << "seed " << seed;
        auto q = query(PathMode::AllSimple, {s}, {t});
        q.limits.max_length = 4;
        EXPECT_EQ(move_set(find_paths(*graph, q)), simple) << "seed " << seed;
      }
      // Many-to-many all-simple answers each pair as the single-pair query does.
      auto q = query(PathMode::AllSimple, {s}, rg.nodes);
      q.limits.max_length = 3;
      std::set<Moves> expected;
      for (TermId t : rg.nodes) {
        for (auto& p : reference.simple_paths(s, t, 3)) expected.insert(p);
      }
      EXPECT_EQ(move_set(find_paths(*graph, q)), expected);
    }
  }
}

TEST_P(RandomGraphTest, KShortestLengthsAreTheSmallestSimplePathLengths) {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    RandomGraph rg = random_graph(seed, 8, 16);
    MemoryTripleSource source(rg.triples);
    Reference reference(rg.triples, filter());
    auto graph = make_graph(GetParam().model, source, filter());
    for (TermId s : rg.nodes) {
      for (TermId t : rg.nodes) {
        auto all = reference.simple_paths(s, t, 64);
        std::vector<std::size_t> lengths;
        for (auto& p : all) lengths.push_back(p.size());
        std::ranges::sort(lengths);
        if (lengths.size() > 5) lengths.resize(5);
        auto q = query(PathMode::KShortest, {s}, {t});
        q.k = 5;
        auto result = find_paths(*graph, q);
        std::vector<std::size_t> got;
        for (const Path& path : result.paths) {
          got.push_back(path.length());
          EXPECT_TRUE(is_valid_path(rg.triples, filter(), path));
        }
        EXPECT_EQ(got, lengths) << "seed " << seed;
        EXPECT_EQ(move_set(result).size(), result.paths.size()) << "duplicate paths";
      }
    }
  }
}

TEST_P(RandomGraphTest, WeightedShortestCostEqualsCheapestSimplePath) {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    RandomGraph rg = random_graph(seed, 9, 18);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> toll(0, 5);
    TermId toll_property = iri(9);
    std::vector<Triple> triples = rg.triples;
    std::map<TermId, int> tolls;
    for (TermId node : rg.nodes) {
      tolls[node] = toll(rng);
      triples.push_back({node, toll_property, *store::inline_integer(tolls[node])});
    }
    EdgeFilter f = filter(false);
    f.weight = {toll_property, WeightSource::Node};
    MemoryTripleSource source(triples);
    Reference reference(triples, f);
    auto graph = make_graph(GetParam().model, source, f);
    for (TermId s : rg.nodes) {
      for (TermId t : rg.nodes) {
        std::optional<int> cheapest;
        std::vector<int> costs;
        for (auto& p : reference.simple_paths(s, t, 64)) {
          int cost = 0;
          for (auto& m : p) cost += tolls[m.to];
          costs.push_back(cost);
        }
        std::ranges::sort(costs);
        auto result = find_paths(*graph, query(PathMode::Shortest, {s}, {t}));
        if (costs.empty()) {
          EXPECT_TRUE(result.paths.empty());
          continue;
        }
        ASSERT_EQ(result.paths.size(), 1u);
        EXPECT_EQ(result.paths[0].cost, costs[0]) << "seed " << seed;
        auto k = query(PathMode::KShortest, {s}, {t});
        k.k = 4;
        auto k_result = find_paths(*graph, k);
        std::vector<int> got;
        for (const Path& path : k_result.paths) got.push_back(static_cast<int>(path.cost));
        costs.resize(std::min<std::size_t>(costs.size(), 4));
        EXPECT_EQ(got, costs) << "seed " << seed;
        auto all = find_paths(*graph, query(PathMode::AllShortest, {s}, {t}));
        for (const Path& path : all.paths) EXPECT_EQ(path.cost, costs[0]);
      }
    }
  }
}

TEST(GraphModels, ImplicitAndSnapshotGiveTheSameAnswers) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    RandomGraph rg = random_graph(seed, 30, 70);
    MemoryTripleSource source(rg.triples);
    for (auto direction :
         {TraversalDirection::Forward, TraversalDirection::Backward, TraversalDirection::Both}) {
      EdgeFilter f;
      f.direction = direction;
      StoreGraph implicit(source, f);
      CsrGraph snapshot(source, f);
      PathQuery q;
      q.sources = {rg.nodes[0], rg.nodes[1], rg.nodes[2]};
      q.targets = {rg.nodes[3], rg.nodes[4]};
      q.limits.max_length = 4;
      q.limits.max_paths = 1'000'000;
      for (PathMode mode : {PathMode::AllShortest, PathMode::AllSimple}) {
        q.mode = mode;
        EXPECT_EQ(move_set(find_paths(implicit, q)), move_set(find_paths(snapshot, q)));
      }
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  static constexpr const char* kNames[] = {"Out", "In", "Both"};
  return model_name(info.param.model) + kNames[static_cast<int>(info.param.direction)];
}

// Large enough that the snapshot's breadth-first search goes bottom-up in the middle levels.
TEST(GraphModels, ManyToOneAgreesOnAThousandNodeGraph) {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    RandomGraph rg = random_graph(seed, 1000, 4000);
    MemoryTripleSource source(rg.triples);
    for (auto direction : {TraversalDirection::Forward, TraversalDirection::Both}) {
      EdgeFilter f;
      f.direction = direction;
      StoreGraph implicit(source, f);
      CsrGraph snapshot(source, f);
      Reference reference(rg.triples, f);
      PathQuery q;
      q.sources = rg.nodes;
      q.targets = {rg.nodes[seed]};
      q.limits.max_paths = 1'000'000;
      auto a = find_paths(implicit, q);
      auto b = find_paths(snapshot, q);
      ASSERT_EQ(a.paths.size(), b.paths.size());
      for (std::size_t i = 0; i < a.paths.size(); ++i) {
        EXPECT_EQ(a.paths[i].source(), b.paths[i].source());
        EXPECT_EQ(a.paths[i].length(), b.paths[i].length());
        // Distances from the reference, run from each source.
        EXPECT_EQ(b.paths[i].length(), reference.distances(b.paths[i].source()).at(q.targets[0]));
      }
      std::vector<TermId> from{rg.nodes[0]};
      EXPECT_EQ(reachable(implicit, from), reachable(snapshot, from));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Directions, RandomGraphTest,
                         ::testing::Values(Case{Model::Implicit, TraversalDirection::Forward},
                                           Case{Model::Implicit, TraversalDirection::Backward},
                                           Case{Model::Implicit, TraversalDirection::Both},
                                           Case{Model::Snapshot, TraversalDirection::Forward},
                                           Case{Model::Snapshot, TraversalDirection::Backward},
                                           Case{Model::Snapshot, TraversalDirection::Both}),
                         case_name);

}  // namespace
}  // namespace wsiskg::graph::testing
