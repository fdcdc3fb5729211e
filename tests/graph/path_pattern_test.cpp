// find_pattern_paths on hand-made graphs with known answers: every selector x restrictor,
// cycles, self-loops, parallel edges, inverse and negated steps, literals, free ends, limits.

#include "wsiskg/graph/path_pattern.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "graph_test_support.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::graph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using Sel = PathSelector;
using Res = PathRestrictor;

class PathPatternTest : public ::testing::Test {
 protected:
  // Automaton construction: states 0..n-1, start 0.
  PathAutomaton& states(std::uint32_t n, std::initializer_list<AutomatonState> accepting) {
    a = PathAutomaton{};
    a.state_count = n;
    a.accepting.assign(n, false);
    for (auto q : accepting) a.accepting[q] = true;
    return a;
  }
  void arc(AutomatonState from, AutomatonState to, std::initializer_list<const char*> predicates,
           Direction direction = Direction::Forward, bool negated = false) {
    AutomatonTransition t{from, to, {}, negated, direction};
    for (const char* p : predicates) t.predicates.push_back(g.id(p));
    std::ranges::sort(t.predicates);
    a.transitions.push_back(t);
  }
  // p+ (one state per transition: 0 -p-> 1, 1 -p-> 1)
  void plus(const char* p) {
    states(2, {1});
    arc(0, 1, {p});
    arc(1, 1, {p});
  }
  void star(const char* p) {
    states(1, {0});
    arc(0, 0, {p});
  }

  PathResult run(std::optional<std::vector<std::string>> from,
                 std::optional<std::vector<std::string>> to, Sel selector, Res restrictor,
                 std::size_t k = 1, PathLimits limits = {}) {
    PathPatternQuery query;
    if (from) {
      query.sources.emplace();
      for (const auto& n : *from) query.sources->push_back(term(n));
    }
    if (to) {
      query.targets.emplace();
      for (const auto& n : *to) query.targets->push_back(term(n));
    }
    query.selector = selector;
    query.restrictor = restrictor;
    query.k = k;
    query.limits = limits;
    source_ = std::make_unique<MemoryTripleSource>(g.triples);
    PathResult result = find_pattern_paths(*source_, a, query);
    for (const Path& path : result.paths) {
      EXPECT_EQ(path.nodes.size(), path.steps.size() + 1);
      for (std::size_t i = 0; i < path.steps.size(); ++i) {
        const Step& s = path.steps[i];
        Triple t = s.direction == Direction::Forward
                       ? Triple{path.nodes[i], s.predicate, path.nodes[i + 1]}
                       : Triple{path.nodes[i + 1], s.predicate, path.nodes[i]};
        EXPECT_NE(std::ranges::find(g.triples, t), g.triples.end()) << show(g, path);
      }
    }
    return result;
  }
  std::vector<std::string> paths(std::optional<std::vector<std::string>> from,
                                 std::optional<std::vector<std::string>> to, Sel selector,
                                 Res restrictor, std::size_t k = 1) {
    PathResult result = run(from, to, selector, restrictor, k);
    EXPECT_EQ(result.truncation, Truncation::None);
    return show_all(g, result);
  }
  std::vector<std::string> paths(const std::string& from, const std::string& to, Sel selector,
                                 Res restrictor, std::size_t k = 1) {
    return paths(std::vector{from}, std::vector{to}, selector, restrictor, k);
  }
  // Names starting with a quote are literals.
  TermId term(const std::string& name) {
    if (name.starts_with('"')) return literal;
    return g.id(name);
  }

  GraphBuilder g;
  PathAutomaton a;
  TermId literal = store::make_term_id(store::TermIdKind::SimpleLiteral, 999);
  std::unique_ptr<MemoryTripleSource> source_;
};

const auto kAll = std::nullopt;

TEST_F(PathPatternTest, ChainFromABoundSourceToEveryTarget) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("c", "q", "d");
  plus("p");
  EXPECT_THAT(paths(std::vector<std::string>{"a"}, kAll, Sel::AnyShortest, Res::Walk),
              ElementsAre("a -p-> b", "a -p-> b -p-> c"));
  EXPECT_THAT(paths("a", "d", Sel::AnyShortest, Res::Walk), IsEmpty());  // unreachable
  EXPECT_THAT(paths("c", "a", Sel::AllShortest, Res::Acyclic), IsEmpty());
}

TEST_F(PathPatternTest, FreeSourceSearchesBackwardFromTheTarget) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("x", "p", "c").edge("c", "p", "d");
  plus("p");
  auto result = run(kAll, std::vector<std::string>{"c"}, Sel::AnyShortest, Res::Walk);
  // Free ends are ordered by term id (GraphBuilder's ids depend on argument evaluation order).
  EXPECT_THAT(show_all(g, result), UnorderedElementsAre("a -p-> b -p-> c", "b -p-> c", "x -p-> c"));
  EXPECT_EQ(result.statistics.searches, 1u);  // one backward search, not one per source
}

TEST_F(PathPatternTest, BothEndsFreeGiveEveryPair) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("c", "q", "a");
  plus("p");
  EXPECT_THAT(paths(kAll, kAll, Sel::AnyShortest, Res::Walk),
              UnorderedElementsAre("a -p-> b", "a -p-> b -p-> c", "b -p-> c"));
}

TEST_F(PathPatternTest, ManyToOneAndOneToManyAreOneSearch) {
  g.edge("a", "p", "t").edge("b", "p", "a").edge("c", "p", "b").edge("d", "p", "x");
  plus("p");
  auto many = run(std::vector<std::string>{"c", "b", "d", "a"}, std::vector<std::string>{"t"},
                  Sel::AnyShortest, Res::Walk);
  EXPECT_THAT(show_all(g, many),
              ElementsAre("c -p-> b -p-> a -p-> t", "b -p-> a -p-> t", "a -p-> t"));
  EXPECT_EQ(many.statistics.searches, 1u);
  auto restricted = run(std::vector<std::string>{"c", "b", "d", "a"}, std::vector<std::string>{"t"},
                        Sel::AnyShortest, Res::Trail);
  EXPECT_THAT(show_all(g, restricted),
              ElementsAre("c -p-> b -p-> a -p-> t", "b -p-> a -p-> t", "a -p-> t"));
  EXPECT_EQ(restricted.statistics.searches, 1u);
}

TEST_F(PathPatternTest, TwoCycleUnderEachRestrictor) {
  g.edge("a", "p", "b").edge("b", "p", "a");
  plus("p");
  EXPECT_THAT(paths("a", "a", Sel::AnyShortest, Res::Walk), ElementsAre("a -p-> b -p-> a"));
  EXPECT_THAT(paths("a", "a", Sel::AnyShortest, Res::Trail), ElementsAre("a -p-> b -p-> a"));
  EXPECT_THAT(paths("a", "a", Sel::AnyShortest, Res::Simple), ElementsAre("a -p-> b -p-> a"));
  EXPECT_THAT(paths("a", "a", Sel::AnyShortest, Res::Acyclic), IsEmpty());
  EXPECT_THAT(paths("a", "b", Sel::All, Res::Trail), ElementsAre("a -p-> b"));
  EXPECT_THAT(
      paths("a", "b", Sel::ShortestK, Res::Walk, 3),
      ElementsAre("a -p-> b", "a -p-> b -p-> a -p-> b", "a -p-> b -p-> a -p-> b -p-> a -p-> b"));
}

TEST_F(PathPatternTest, SelfLoop) {
  g.edge("a", "p", "a").edge("a", "p", "b");
  plus("p");
  EXPECT_THAT(paths("a", "a", Sel::AnyShortest, Res::Walk), ElementsAre("a -p-> a"));
  EXPECT_THAT(paths("a", "a", Sel::AnyShortest, Res::Simple), ElementsAre("a -p-> a"));
  EXPECT_THAT(paths("a", "a", Sel::AnyShortest, Res::Acyclic), IsEmpty());
  EXPECT_THAT(paths("a", "b", Sel::All, Res::Trail), ElementsAre("a -p-> b", "a -p-> a -p-> b"));
  EXPECT_THAT(paths("a", "b", Sel::All, Res::Simple), ElementsAre("a -p-> b"));
  EXPECT_THAT(paths("a", "b", Sel::ShortestK, Res::Walk, 3),
              ElementsAre("a -p-> b", "a -p-> a -p-> b", "a -p-> a -p-> a -p-> b"));
  star("p");
  EXPECT_THAT(paths("a", "a", Sel::AllShortest, Res::Walk), ElementsAre("a"));
}

TEST_F(PathPatternTest, SeveralShortestPathsAndParallelEdges) {
  g.edge("a", "p", "b").edge("b", "p", "d").edge("a", "p", "c").edge("c", "p", "d");
  g.edge("a", "q", "e").edge("e", "p", "f").edge("f", "p", "d");
  g.edge("a", "q", "b");  // parallel to a -p-> b
  states(2, {1});
  arc(0, 1, {"p", "q"});
  arc(1, 1, {"p", "q"});
  for (Res r : {Res::Walk, Res::Trail, Res::Simple, Res::Acyclic}) {
    EXPECT_THAT(paths("a", "d", Sel::AllShortest, r),
                UnorderedElementsAre("a -p-> b -p-> d", "a -p-> c -p-> d", "a -q-> b -p-> d"));
    EXPECT_EQ(paths("a", "d", Sel::AnyShortest, r).size(), 1u);
    EXPECT_EQ(paths("a", "d", Sel::Any, r).size(), 1u);
    auto four = paths("a", "d", Sel::ShortestK, r, 4);
    ASSERT_EQ(four.size(), 4u);
    EXPECT_EQ(four[3], "a -q-> e -p-> f -p-> d");
  }
  EXPECT_EQ(paths("a", "d", Sel::All, Res::Acyclic).size(), 4u);
}

TEST_F(PathPatternTest, InverseStepsSeparateTheRestrictors) {
  // p/^p from a: a -p-> b <-p- c, and back to a itself over the same triple.
  g.edge("a", "p", "b").edge("c", "p", "b");
  states(3, {2});
  arc(0, 1, {"p"});
  arc(1, 2, {"p"}, Direction::Backward);
  std::vector<std::string> a_only{"a"};
  EXPECT_THAT(paths(a_only, kAll, Sel::AllShortest, Res::Walk),
              ElementsAre("a -p-> b <-p- a", "a -p-> b <-p- c"));
  EXPECT_THAT(paths(a_only, kAll, Sel::AllShortest, Res::Trail), ElementsAre("a -p-> b <-p- c"));
  EXPECT_THAT(paths(a_only, kAll, Sel::AllShortest, Res::Simple),
              ElementsAre("a -p-> b <-p- a", "a -p-> b <-p- c"));
  EXPECT_THAT(paths(a_only, kAll, Sel::AllShortest, Res::Acyclic), ElementsAre("a -p-> b <-p- c"));
  // Backward search (free source) gives the same paths.
  EXPECT_THAT(paths(kAll, std::vector<std::string>{"c"}, Sel::All, Res::Acyclic),
              ElementsAre("a -p-> b <-p- c"));
  EXPECT_THAT(paths(kAll, std::vector<std::string>{"c"}, Sel::All, Res::Simple),
              UnorderedElementsAre("a -p-> b <-p- c", "c -p-> b <-p- c"));
}

TEST_F(PathPatternTest, TrailMayRepeatNodesButNotTriples) {
  g.edge("x", "p", "c").edge("c", "q", "d").edge("d", "q", "c").edge("c", "r", "y");
  states(5, {4});  // p/q/q/r
  arc(0, 1, {"p"});
  arc(1, 2, {"q"});
  arc(2, 3, {"q"});
  arc(3, 4, {"r"});
  for (Res r : {Res::Walk, Res::Trail}) {
    EXPECT_THAT(paths("x", "y", Sel::AnyShortest, r), ElementsAre("x -p-> c -q-> d -q-> c -r-> y"));
  }
  EXPECT_THAT(paths("x", "y", Sel::AnyShortest, Res::Simple), IsEmpty());
  EXPECT_THAT(paths("x", "y", Sel::AnyShortest, Res::Acyclic), IsEmpty());
  states(4, {3});  // q/q/q: c -> d -> c -> d uses (c q d) twice
  arc(0, 1, {"q"});
  arc(1, 2, {"q"});
  arc(2, 3, {"q"});
  EXPECT_THAT(paths("c", "d", Sel::AnyShortest, Res::Walk), ElementsAre("c -q-> d -q-> c -q-> d"));
  EXPECT_THAT(paths("c", "d", Sel::AnyShortest, Res::Trail), IsEmpty());
}

TEST_F(PathPatternTest, NegatedAndBackwardTransitions) {
  g.edge("a", "p", "b").edge("a", "q", "c").edge("d", "r", "a").edge("a", "p", "a");
  states(2, {1});  // !(p)
  arc(0, 1, {"p"}, Direction::Forward, true);
  EXPECT_THAT(paths(std::vector<std::string>{"a"}, kAll, Sel::AllShortest, Res::Walk),
              ElementsAre("a -q-> c"));
  states(2, {1});  // !(^p) = backward over any predicate but p
  arc(0, 1, {"p"}, Direction::Backward, true);
  EXPECT_THAT(paths(std::vector<std::string>{"a"}, kAll, Sel::AllShortest, Res::Walk),
              ElementsAre("a <-r- d"));
  states(2, {1});  // (p|^p): the self-loop both ways is one triple, two steps
  arc(0, 1, {"p"});
  arc(0, 1, {"p"}, Direction::Backward);
  EXPECT_THAT(paths("a", "a", Sel::AllShortest, Res::Walk), ElementsAre("a -p-> a", "a <-p- a"));
}

TEST_F(PathPatternTest, LiteralsEndPathsAndStartInverseSteps) {
  g.triple(g.id("a"), g.id("name"), literal).triple(g.id("b"), g.id("name"), literal);
  g.edge("a", "p", "b");
  states(2, {1});
  arc(0, 1, {"name"});
  EXPECT_THAT(paths(std::vector<std::string>{"a"}, kAll, Sel::AnyShortest, Res::Walk),
              ElementsAre("a -name-> #" + std::to_string(literal)));
  states(2, {1});  // ^name from the literal
  arc(0, 1, {"name"}, Direction::Backward);
  EXPECT_EQ(paths(std::vector<std::string>{"\"lit"}, kAll, Sel::AnyShortest, Res::Walk).size(), 2u);
  states(3, {2});  // name/^name: things sharing a name, through the literal
  arc(0, 1, {"name"});
  arc(1, 2, {"name"}, Direction::Backward);
  EXPECT_THAT(paths("a", "b", Sel::AnyShortest, Res::Acyclic),
              ElementsAre("a -name-> #" + std::to_string(literal) + " <-name- b"));
}

TEST_F(PathPatternTest, ZeroLengthPaths) {
  g.edge("a", "p", "b");
  g.triple(g.id("b"), g.id("name"), literal);
  star("p");
  // Both ends free: every subject and object of the graph (SPARQL ZeroLengthPath), literal too.
  auto all = run(kAll, kAll, Sel::AnyShortest, Res::Walk);
  EXPECT_THAT(show_all(g, all),
              UnorderedElementsAre("a", "a -p-> b", "b", "#" + std::to_string(literal)));
  // A bound end that is not in the graph still has its zero-length path.
  EXPECT_THAT(paths(std::vector<std::string>{"zz"}, kAll, Sel::AnyShortest, Res::Acyclic),
              ElementsAre("zz"));
  EXPECT_THAT(paths(kAll, std::vector<std::string>{"zz"}, Sel::AllShortest, Res::Walk),
              ElementsAre("zz"));
  EXPECT_THAT(paths("a", "a", Sel::All, Res::Acyclic), ElementsAre("a"));
}

TEST_F(PathPatternTest, AllWalkIsAUsageError) {
  g.edge("a", "p", "b");
  plus("p");
  try {
    run(std::vector<std::string>{"a"}, kAll, Sel::All, Res::Walk);
    FAIL() << "ALL WALK accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("ALL WALK"));
  }
}

TEST_F(PathPatternTest, LengthLimitCutsAndSaysSo) {
  g.edge("a", "p", "b").edge("b", "p", "c").edge("c", "p", "d");
  plus("p");
  PathLimits limits;
  limits.max_length = 2;
  for (Res r : {Res::Walk, Res::Trail, Res::Simple, Res::Acyclic}) {
    for (Sel s : {Sel::AnyShortest, Sel::AllShortest, Sel::ShortestK, Sel::Any}) {
      auto cut = run(std::vector<std::string>{"a"}, std::vector<std::string>{"d"}, s, r, 2, limits);
      EXPECT_THAT(cut.paths, IsEmpty());
      EXPECT_EQ(cut.truncation, Truncation::LengthLimit)
          << static_cast<int>(s) << " " << static_cast<int>(r);
      auto within =
          run(std::vector<std::string>{"a"}, std::vector<std::string>{"c"}, s, r, 1, limits);
      EXPECT_EQ(within.paths.size(), 1u);
      EXPECT_EQ(within.truncation, Truncation::None);
    }
  }
  limits.max_length = 3;  // enough: nothing is cut
  auto whole = run(std::vector<std::string>{"a"}, kAll, Sel::All, Res::Acyclic, 1, limits);
  EXPECT_EQ(whole.paths.size(), 3u);
  EXPECT_EQ(whole.truncation, Truncation::None);
}

TEST_F(PathPatternTest, PathLimitCutsAndSaysSo) {
  g.edge("a", "p", "b").edge("b", "p", "d").edge("a", "p", "c").edge("c", "p", "d");
  plus("p");
  PathLimits limits;
  limits.max_paths = 1;
  for (Res r : {Res::Walk, Res::Trail, Res::Simple, Res::Acyclic}) {
    auto cut = run(std::vector<std::string>{"a"}, std::vector<std::string>{"d"}, Sel::AllShortest,
                   r, 1, limits);
    EXPECT_EQ(cut.paths.size(), 1u);
    EXPECT_EQ(cut.truncation, Truncation::PathLimit);
  }
  limits.max_paths = 2;
  auto exact = run(std::vector<std::string>{"a"}, std::vector<std::string>{"d"}, Sel::AllShortest,
                   Res::Trail, 1, limits);
  EXPECT_EQ(exact.paths.size(), 2u);
  EXPECT_EQ(exact.truncation, Truncation::None);
}

TEST_F(PathPatternTest, TimeLimitCutsAndSaysSo) {
  // A complete graph on 9 nodes has ~10^5 trails from one node; with no time they cannot
  // all be listed.
  for (int i = 0; i < 9; ++i) {
    for (int j = 0; j < 9; ++j) {
      g.edge("n" + std::to_string(i), "p", "n" + std::to_string(j));
    }
  }
  plus("p");
  PathLimits limits;
  limits.max_paths = 100'000'000;
  limits.timeout = std::chrono::milliseconds(0);
  auto cut = run(std::vector<std::string>{"n0"}, kAll, Sel::All, Res::Trail, 1, limits);
  EXPECT_EQ(cut.truncation, Truncation::TimeLimit);
  limits.timeout = std::chrono::milliseconds(60'000);
  auto whole = run(std::vector<std::string>{"n0"}, kAll, Sel::AnyShortest, Res::Walk, 1, limits);
  EXPECT_EQ(whole.paths.size(), 9u);
  EXPECT_EQ(whole.truncation, Truncation::None);
}

TEST_F(PathPatternTest, ShortestKPerPairOverSeveralSources) {
  g.edge("a", "p", "t").edge("a", "q", "m").edge("m", "p", "t").edge("b", "p", "t");
  states(2, {1});
  arc(0, 1, {"p", "q"});
  arc(1, 1, {"p", "q"});
  for (Res r : {Res::Walk, Res::Acyclic}) {
    EXPECT_THAT(paths(std::vector<std::string>{"a", "b"}, std::vector<std::string>{"t"},
                      Sel::ShortestK, r, 2),
                ElementsAre("a -p-> t", "a -q-> m -p-> t", "b -p-> t"));
  }
}

}  // namespace
}  // namespace wsiskg::graph::testing

namespace wsiskg::graph::testing {
namespace {

// Indexed by subject and object: the long-chain test reads 70,000 adjacency lists.
class IndexedTripleSource final : public TripleSource {
 public:
  explicit IndexedTripleSource(std::vector<Triple> triples) : triples_(std::move(triples)) {
    for (std::size_t i = 0; i < triples_.size(); ++i) {
      by_subject_[triples_[i].subject].push_back(i);
      by_object_[triples_[i].object].push_back(i);
    }
  }
  void scan(TermId s, TermId p, TermId o, const Sink& sink) const override {
    auto visit = [&](const Triple& t) {
      if ((s == store::kAnyTerm || t.subject == s) && (p == store::kAnyTerm || t.predicate == p) &&
          (o == store::kAnyTerm || t.object == o)) {
        return sink(t);
      }
      return true;
    };
    const auto* index = s != store::kAnyTerm   ? &by_subject_
                        : o != store::kAnyTerm ? &by_object_
                                               : nullptr;
    if (!index) {
      for (const Triple& t : triples_) {
        if (!visit(t)) return;
      }
      return;
    }
    auto it = index->find(s != store::kAnyTerm ? s : o);
    if (it == index->end()) return;
    for (std::size_t i : it->second) {
      if (!visit(triples_[i])) return;
    }
  }

 private:
  std::vector<Triple> triples_;
  std::map<TermId, std::vector<std::size_t>> by_subject_, by_object_;
};

// Past 65,536 terms the product graph moves dictionary ids from its hash map to a table
// indexed by their sequence number; a literal with the same sequence number as an IRI must
// stay a different node.
TEST(PathPatternLarge, WideTreeAcrossTheTermTableSwitch) {
  // iri(1) -> iri(2..kNodes) -> (iri(k) -> iri(k + kNodes)) for a few, and the last -> literal.
  constexpr std::uint64_t kNodes = 70'000;
  TermId p = store::make_term_id(store::TermIdKind::Iri, 1'000'000);
  TermId clash = store::make_term_id(store::TermIdKind::SimpleLiteral, 5);  // payload of iri(5)
  std::vector<Triple> triples;
  for (std::uint64_t i = 2; i <= kNodes; ++i) triples.push_back({iri(1), p, iri(i)});
  triples.push_back({iri(kNodes), p, clash});
  triples.push_back({iri(5), p, iri(kNodes + 5)});
  IndexedTripleSource source(std::move(triples));
  PathAutomaton plus;
  plus.state_count = 2;
  plus.accepting = {false, true};
  plus.transitions = {{0, 1, {p}, false, Direction::Forward},
                      {1, 1, {p}, false, Direction::Forward}};
  PathPatternQuery query;
  query.sources = std::vector{iri(1)};
  query.limits.max_paths = 1'000'000;
  PathResult result = find_pattern_paths(source, plus, query);
  ASSERT_EQ(result.paths.size(), kNodes + 1);  // iri(2 .. kNodes), iri(kNodes + 5), literal
  EXPECT_EQ(result.truncation, Truncation::None);
  std::map<TermId, std::size_t> length;
  for (const Path& path : result.paths) length[path.target()] = path.length();
  EXPECT_EQ(length.at(iri(5)), 1u);
  EXPECT_EQ(length.at(iri(kNodes + 5)), 2u);
  EXPECT_EQ(length.at(clash), 2u);
  ASSERT_EQ(result.paths.back().nodes.size(), 3u);
  // Backward to the literal: only through iri(kNodes), not through iri(5).
  PathPatternQuery back;
  back.targets = std::vector{clash};
  PathResult reverse = find_pattern_paths(source, plus, back);
  std::vector<std::vector<TermId>> nodes;
  for (const Path& path : reverse.paths) nodes.push_back(path.nodes);
  EXPECT_THAT(nodes, UnorderedElementsAre(std::vector{iri(kNodes), clash},
                                          std::vector{iri(1), iri(kNodes), clash}));
}

}  // namespace
}  // namespace wsiskg::graph::testing
