// Hand-made graphs with known answers, run on both graph models.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "graph_test_support.hpp"

namespace wsiskg::graph::testing {
namespace {

using ::testing::ElementsAre;

class PathSearchTest : public ::testing::TestWithParam<Model> {
 protected:
  // Runs one query over the builder's triples.
  PathResult run(PathMode mode, const std::vector<std::string>& from,
                 const std::vector<std::string>& to, EdgeFilter filter = {}, PathLimits limits = {},
                 std::size_t k = 10) {
    source_ = std::make_unique<MemoryTripleSource>(g.triples);
    graph_ = make_graph(GetParam(), *source_, filter);
    PathQuery query;
    for (const auto& name : from) query.sources.push_back(g.id(name));
    for (const auto& name : to) query.targets.push_back(g.id(name));
    query.mode = mode;
    query.k = k;
    query.limits = limits;
    PathResult result = find_paths(*graph_, query);
    for (const Path& path : result.paths) {
      EXPECT_TRUE(is_valid_path(g.triples, filter, path)) << show(g, path);
    }
    return result;
  }
  std::vector<std::string> paths(PathMode mode, const std::string& from, const std::string& to,
                                 EdgeFilter filter = {}, PathLimits limits = {}) {
    return show_all(g, run(mode, {from}, {to}, filter, limits));
  }
  EdgeFilter via(std::initializer_list<const char*> predicates,
                 TraversalDirection direction = TraversalDirection::Forward) {
    EdgeFilter filter;
    for (const char* p : predicates)
      std::get<PredicateSet>(filter.selector).predicates.push_back(g.id(p));
    filter.direction = direction;
    return filter;
  }
  EdgeFilter direction(TraversalDirection d) {
    EdgeFilter filter;
    filter.direction = d;
    return filter;
  }

  GraphBuilder g;
  std::unique_ptr<MemoryTripleSource> source_;
  std::unique_ptr<SearchGraph> graph_;
};

TEST_P(PathSearchTest, ShortestPathOnAChainFollowsEveryStep) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("c", "p", "d");
  EXPECT_THAT(paths(PathMode::Shortest, "a", "d"), ElementsAre("a -p-> b -p-> c -p-> d"));
  auto result = run(PathMode::Shortest, {"a"}, {"d"});
  ASSERT_EQ(result.paths.size(), 1u);
  EXPECT_EQ(result.paths[0].length(), 3u);
  EXPECT_EQ(result.paths[0].cost, 3.0);
  EXPECT_FALSE(result.truncated());
}

TEST_P(PathSearchTest, ShortcutWinsOverTheLongWay) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("c", "p", "d").edge("a", "q", "d");
  EXPECT_THAT(paths(PathMode::Shortest, "a", "d"), ElementsAre("a -q-> d"));
  EXPECT_THAT(paths(PathMode::Shortest, "a", "d", via({"p"})),
              ElementsAre("a -p-> b -p-> c -p-> d"));
}

TEST_P(PathSearchTest, UnreachableTargetGivesNoPathAndNoTruncation) {
  g.edge("a", "p", "b").edge("c", "p", "b");
  auto result = run(PathMode::Shortest, {"a"}, {"c"});
  EXPECT_TRUE(result.paths.empty());
  EXPECT_FALSE(result.truncated());
  for (PathMode mode : {PathMode::AllShortest, PathMode::KShortest, PathMode::AllSimple}) {
    auto other = run(mode, {"a"}, {"c"});
    EXPECT_TRUE(other.paths.empty());
    EXPECT_FALSE(other.truncated());
  }
}

TEST_P(PathSearchTest, BackwardDirectionWalksEdgesAgainstTheirArrow) {
  g.edge("a", "p", "b").edge("b", "p", "c");
  EXPECT_TRUE(paths(PathMode::Shortest, "c", "a").empty());
  EXPECT_THAT(paths(PathMode::Shortest, "c", "a", direction(TraversalDirection::Backward)),
              ElementsAre("c <-p- b <-p- a"));
  EXPECT_TRUE(paths(PathMode::Shortest, "a", "c", direction(TraversalDirection::Backward)).empty());
}

TEST_P(PathSearchTest, BothDirectionsMixForwardAndBackwardSteps) {
  g.edge("a", "p", "b").edge("c", "q", "b").edge("c", "p", "d");
  EXPECT_TRUE(paths(PathMode::Shortest, "a", "d").empty());
  EXPECT_THAT(paths(PathMode::Shortest, "a", "d", direction(TraversalDirection::Both)),
              ElementsAre("a -p-> b <-q- c -p-> d"));
}

TEST_P(PathSearchTest, BothDirectionsKeepOppositeEdgesApart) {
  // a -p-> b and b -p-> a are two edges: two distinct one-step paths a to b.
  g.edge("a", "p", "b").edge("b", "p", "a");
  EXPECT_THAT(paths(PathMode::AllShortest, "a", "b", direction(TraversalDirection::Both)),
              ElementsAre("a -p-> b", "a <-p- b"));
}

TEST_P(PathSearchTest, CyclesDoNotTrapTheSearch) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("c", "p", "a").edge("c", "p", "d");
  EXPECT_THAT(paths(PathMode::Shortest, "b", "a"), ElementsAre("b -p-> c -p-> a"));
  EXPECT_THAT(paths(PathMode::AllSimple, "a", "d"), ElementsAre("a -p-> b -p-> c -p-> d"));
  EXPECT_THAT(paths(PathMode::KShortest, "a", "d"), ElementsAre("a -p-> b -p-> c -p-> d"));
}

TEST_P(PathSearchTest, SourceEqualToTargetIsTheZeroLengthPath) {
  g.edge("a", "p", "b").edge("b", "p", "a");
  for (PathMode mode :
       {PathMode::Shortest, PathMode::AllShortest, PathMode::KShortest, PathMode::AllSimple}) {
    EXPECT_THAT(paths(mode, "a", "a"), ElementsAre("a")) << static_cast<int>(mode);
  }
}

TEST_P(PathSearchTest, SelfLoopsNeverAppearInPathsButCountForReachability) {
  g.edge("a", "p", "a").edge("a", "p", "b").edge("c", "p", "c");
  EXPECT_THAT(paths(PathMode::AllSimple, "a", "b"), ElementsAre("a -p-> b"));
  EXPECT_THAT(paths(PathMode::KShortest, "a", "b"), ElementsAre("a -p-> b"));
  EXPECT_THAT(paths(PathMode::AllSimple, "a", "b", direction(TraversalDirection::Both)),
              ElementsAre("a -p-> b"));
  source_ = std::make_unique<MemoryTripleSource>(g.triples);
  for (auto d : {TraversalDirection::Forward, TraversalDirection::Both}) {
    auto graph = make_graph(GetParam(), *source_, direction(d));
    std::vector<TermId> from_a{g.id("a")};
    auto from_c = std::vector<TermId>{g.id("c")};
    auto expected_a = d == TraversalDirection::Both ? std::vector<TermId>{g.id("a"), g.id("b")}
                                                    : std::vector<TermId>{g.id("a"), g.id("b")};
    EXPECT_EQ(reachable(*graph, from_a), expected_a);
    EXPECT_EQ(reachable(*graph, from_c), std::vector<TermId>{g.id("c")});
  }
  // b is reached from a but has no way back: b p+ b is false.
  auto graph = make_graph(GetParam(), *source_, {});
  std::vector<TermId> from_b{g.id("b")};
  EXPECT_TRUE(reachable(*graph, from_b).empty());
}

TEST_P(PathSearchTest, AllShortestReturnsEveryShortestPathIncludingParallelPredicates) {
  g.edge("a", "p", "b").edge("a", "q", "b").edge("b", "p", "d");
  g.edge("a", "p", "c").edge("c", "p", "d");
  g.edge("a", "p", "x").edge("x", "p", "y").edge("y", "p", "d");  // longer: not shortest
  EXPECT_THAT(
      paths(PathMode::AllShortest, "a", "d"),
      ::testing::UnorderedElementsAre("a -p-> b -p-> d", "a -q-> b -p-> d", "a -p-> c -p-> d"));
  auto shortest = run(PathMode::Shortest, {"a"}, {"d"});
  ASSERT_EQ(shortest.paths.size(), 1u);
  EXPECT_EQ(shortest.paths[0].length(), 2u);
}

TEST_P(PathSearchTest, PathLimitCutsTheAnswerAndSaysSo) {
  g.edge("a", "p", "b").edge("a", "q", "b").edge("b", "p", "d");
  g.edge("a", "p", "c").edge("c", "p", "d");
  PathLimits limits;
  limits.max_paths = 2;
  auto cut = run(PathMode::AllShortest, {"a"}, {"d"}, {}, limits);
  EXPECT_EQ(cut.paths.size(), 2u);
  EXPECT_EQ(cut.truncation, Truncation::PathLimit);
  limits.max_paths = 3;  // exactly enough: complete
  auto full = run(PathMode::AllShortest, {"a"}, {"d"}, {}, limits);
  EXPECT_EQ(full.paths.size(), 3u);
  EXPECT_FALSE(full.truncated());
  limits.max_paths = 1;
  auto k_cut = run(PathMode::KShortest, {"a"}, {"d"}, {}, limits, 3);
  EXPECT_EQ(k_cut.paths.size(), 1u);
  EXPECT_EQ(k_cut.truncation, Truncation::PathLimit);
}

TEST_P(PathSearchTest, LengthLimitCutsLongPathsAndSaysSo) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("c", "p", "d").edge("d", "p", "e");
  PathLimits limits;
  limits.max_length = 3;
  for (PathMode mode : {PathMode::Shortest, PathMode::AllShortest, PathMode::KShortest}) {
    auto cut = run(mode, {"a"}, {"e"}, {}, limits);
    EXPECT_TRUE(cut.paths.empty());
    EXPECT_EQ(cut.truncation, Truncation::LengthLimit) << static_cast<int>(mode);
    auto inside = run(mode, {"a"}, {"d"}, {}, limits);
    EXPECT_EQ(inside.paths.size(), 1u);
    EXPECT_FALSE(inside.truncated());
  }
  // For all-simple the length is part of the question: no truncation when it was given...
  auto simple = run(PathMode::AllSimple, {"a"}, {"e"}, {}, limits);
  EXPECT_TRUE(simple.paths.empty());
  EXPECT_FALSE(simple.truncated());
  // ...but the default bound says when it cut something.
  for (int i = 0; i < 8; ++i) {
    g.edge("e" + std::to_string(i), "p", "e" + std::to_string(i + 1));
  }
  g.edge("e", "p", "e0");
  auto defaulted = run(PathMode::AllSimple, {"a"}, {"e8"});
  EXPECT_TRUE(defaulted.paths.empty());
  EXPECT_EQ(defaulted.truncation, Truncation::LengthLimit);
}

TEST_P(PathSearchTest, TimeLimitStopsALargeEnumeration) {
  // A ladder with 2^40 simple paths from start to end.
  std::string previous = "n0";
  for (int i = 1; i <= 40; ++i) {
    std::string next = "n" + std::to_string(i);
    g.edge(previous, "p", next).edge(previous, "q", next);
    previous = next;
  }
  PathLimits limits;
  limits.max_length = 40;
  limits.max_paths = std::numeric_limits<std::size_t>::max();
  limits.timeout = std::chrono::milliseconds(50);
  auto started = std::chrono::steady_clock::now();
  auto result = run(PathMode::AllSimple, {"n0"}, {"n40"}, {}, limits);
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.truncation, Truncation::TimeLimit);
  EXPECT_GT(result.paths.size(), 0u);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_P(PathSearchTest, KShortestFollowsYensClassicExample) {
  // Weighted graph from Yen's algorithm's textbook example: cost per predicate.
  EdgeFilter filter;
  filter.weight.property = g.id("cost");
  for (int w = 1; w <= 4; ++w) {
    g.triple(g.id("w" + std::to_string(w)), g.id("cost"), *store::inline_integer(w));
  }
  g.edge("C", "w3", "D").edge("C", "w2", "E").edge("D", "w4", "F").edge("E", "w1", "D");
  g.edge("E", "w2", "F").edge("E", "w3", "G").edge("F", "w2", "G").edge("F", "w1", "H");
  g.edge("G", "w2", "H");
  std::get<PredicateSet>(filter.selector).predicates = {g.id("w1"), g.id("w2"), g.id("w3"),
                                                        g.id("w4")};
  auto result = run(PathMode::KShortest, {"C"}, {"H"}, filter, {}, 3);
  ASSERT_EQ(result.paths.size(), 3u);
  EXPECT_EQ(show(g, result.paths[0]), "C -w2-> E -w2-> F -w1-> H");
  EXPECT_EQ(result.paths[0].cost, 5.0);
  EXPECT_EQ(show(g, result.paths[1]), "C -w2-> E -w3-> G -w2-> H");
  EXPECT_EQ(result.paths[1].cost, 7.0);
  EXPECT_EQ(result.paths[2].cost, 8.0);  // C-D-F-H or C-E-D-F-H
  auto all = run(PathMode::KShortest, {"C"}, {"H"}, filter, {}, 100);
  EXPECT_EQ(all.paths.size(), 7u);  // every simple C-H path
  EXPECT_FALSE(all.truncated());
  auto weighted_shortest = run(PathMode::Shortest, {"C"}, {"H"}, filter);
  ASSERT_EQ(weighted_shortest.paths.size(), 1u);
  EXPECT_EQ(weighted_shortest.paths[0].cost, 5.0);
}

TEST_P(PathSearchTest, NodeWeightsPriceTheNodeAStepEnters) {
  EdgeFilter filter;
  filter.weight = {g.id("toll"), WeightSource::Node};
  g.edge("a", "p", "b").edge("b", "p", "d").edge("a", "p", "c").edge("c", "p", "x");
  g.edge("x", "p", "d");
  g.triple(g.id("b"), g.id("toll"), *store::inline_integer(10));
  auto result = run(PathMode::Shortest, {"a"}, {"d"}, filter);
  ASSERT_EQ(result.paths.size(), 1u);
  EXPECT_EQ(show(g, result.paths[0]), "a -p-> c -p-> x -p-> d");
  EXPECT_EQ(result.paths[0].cost, 3.0);
}

TEST_P(PathSearchTest, ManyToOneGivesOnePathPerReachablePair) {
  g.edge("a", "p", "b").edge("b", "p", "t").edge("c", "p", "t").edge("x", "p", "a");
  auto result = run(PathMode::Shortest, {"x", "c", "lonely", "t"}, {"t"});
  EXPECT_THAT(show_all(g, result), ElementsAre("x -p-> a -p-> b -p-> t", "c -p-> t", "t"));
  EXPECT_EQ(result.statistics.searches, 1u);  // one backward search for all sources
}

TEST_P(PathSearchTest, ManyToManyAnswersEveryPairInQueryOrder) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("a", "p", "c").edge("d", "p", "b");
  auto result = run(PathMode::AllShortest, {"a", "d"}, {"c", "b"});
  EXPECT_THAT(show_all(g, result),
              ElementsAre("a -p-> c", "a -p-> b", "d -p-> b -p-> c", "d -p-> b"));
  EXPECT_EQ(result.statistics.searches, 2u);
}

TEST_P(PathSearchTest, LiteralsAreNotNodes) {
  g.edge("a", "p", "b");
  g.triple(g.id("a"), g.id("p"), *store::inline_integer(3));
  g.triple(g.id("b"), g.id("p"), *store::inline_integer(3));
  EXPECT_TRUE(paths(PathMode::Shortest, "a", "b", direction(TraversalDirection::Both)).size() == 1);
  source_ = std::make_unique<MemoryTripleSource>(g.triples);
  auto graph = make_graph(GetParam(), *source_, direction(TraversalDirection::Both));
  EXPECT_FALSE(graph->node(*store::inline_integer(3)).has_value());
}

TEST_P(PathSearchTest, InstancesOfListsEverySubjectOfAType) {
  g.edge("x", "type", "C").edge("y", "type", "C").edge("z", "type", "D").edge("x", "type", "C");
  MemoryTripleSource source(g.triples);
  EXPECT_EQ(instances_of(source, g.id("type"), g.id("C")),
            (std::vector<TermId>{g.id("x"), g.id("y")}));
}

INSTANTIATE_TEST_SUITE_P(Models, PathSearchTest,
                         ::testing::Values(Model::Implicit, Model::Snapshot),
                         [](const auto& info) { return model_name(info.param); });

}  // namespace
}  // namespace wsiskg::graph::testing
