// find_pattern_paths on random graphs and random automata (ambiguous, negated, inverse steps,
// literals) against brute force: every accepted path up to a length, enumerated step by step
// with the automaton's state sets, then each selector x restrictor derived from that list.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "graph_test_support.hpp"
#include "wsiskg/graph/path_pattern.hpp"

namespace wsiskg::graph::testing {
namespace {

constexpr std::size_t kMaxLength = 4;

struct Key {
  std::vector<TermId> nodes;
  std::vector<Step> steps;
  friend auto operator<=>(const Key&, const Key&) = default;
};
Key key_of(const Path& p) {
  return {p.nodes, p.steps};
}

struct Case {
  std::vector<Triple> triples;
  std::vector<TermId> nodes;  // n0.. (some may have no triple)
  PathAutomaton automaton;
};

Case random_case(unsigned seed) {
  std::mt19937 rng(seed);
  Case c;
  std::size_t n = 4 + seed % 3;
  for (std::size_t i = 0; i < n; ++i) c.nodes.push_back(iri(100 + i));
  TermId literal = store::make_term_id(store::TermIdKind::SimpleLiteral, 7);
  std::uniform_int_distribution<std::size_t> node(0, n - 1), predicate(1, 3), coin(0, 9);
  std::size_t m = 5 + seed % 6;
  for (std::size_t i = 0; i < m; ++i) {
    TermId o = coin(rng) == 0 ? literal : c.nodes[node(rng)];
    Triple t{c.nodes[node(rng)], iri(predicate(rng)), o};
    if (std::ranges::find(c.triples, t) == c.triples.end()) c.triples.push_back(t);
  }
  PathAutomaton& a = c.automaton;
  a.state_count = 1 + seed % 3;
  a.accepting.assign(a.state_count, false);
  for (auto&& flag : a.accepting) flag = coin(rng) < 4;
  a.accepting[a.state_count - 1] = true;
  std::uniform_int_distribution<AutomatonState> state(0, a.state_count - 1);
  std::size_t transitions = 2 + seed % 4;
  for (std::size_t i = 0; i < transitions; ++i) {
    AutomatonTransition t;
    t.from = i == 0 ? 0 : state(rng);
    t.to = state(rng);
    t.direction = coin(rng) < 3 ? Direction::Backward : Direction::Forward;
    t.negated = coin(rng) == 0;
    std::set<TermId> predicates{iri(predicate(rng))};
    if (coin(rng) < 3) predicates.insert(iri(predicate(rng)));
    t.predicates.assign(predicates.begin(), predicates.end());
    a.transitions.push_back(t);
  }
  return c;
}

// Every accepted path of length <= kMaxLength from `from` satisfying the restrictor.
std::vector<Path> brute_force(const Case& c, TermId from, PathRestrictor restrictor) {
  std::vector<Path> paths;
  const PathAutomaton& a = c.automaton;
  Path current;
  current.nodes.push_back(from);
  std::function<void(std::set<AutomatonState>)> walk = [&](std::set<AutomatonState> states) {
    if (std::ranges::any_of(states, [&](AutomatonState q) { return a.accepting[q]; })) {
      paths.push_back(current);
    }
    if (current.steps.size() == kMaxLength) return;
    TermId u = current.nodes.back();
    if (restrictor == PathRestrictor::Simple && current.steps.size() > 0 &&
        u == current.nodes.front()) {
      return;  // closed
    }
    for (const Triple& t : c.triples) {
      for (Direction d : {Direction::Forward, Direction::Backward}) {
        TermId here = d == Direction::Forward ? t.subject : t.object;
        TermId there = d == Direction::Forward ? t.object : t.subject;
        if (here != u) continue;
        std::set<AutomatonState> next;
        for (const AutomatonTransition& tr : a.transitions) {
          bool listed = std::ranges::find(tr.predicates, t.predicate) != tr.predicates.end();
          if (tr.direction == d && states.contains(tr.from) && listed != tr.negated) {
            next.insert(tr.to);
          }
        }
        if (next.empty()) continue;
        bool ok = true;
        switch (restrictor) {
          case PathRestrictor::Walk:
            break;
          case PathRestrictor::Acyclic:
            ok = std::ranges::find(current.nodes, there) == current.nodes.end();
            break;
          case PathRestrictor::Simple:
            ok = there == current.nodes.front() ||
                 std::ranges::find(current.nodes, there) == current.nodes.end();
            break;
          case PathRestrictor::Trail:
            for (std::size_t i = 0; i < current.steps.size(); ++i) {
              const Step& s = current.steps[i];
              Triple used = s.direction == Direction::Forward
                                ? Triple{current.nodes[i], s.predicate, current.nodes[i + 1]}
                                : Triple{current.nodes[i + 1], s.predicate, current.nodes[i]};
              if (used == t) ok = false;
            }
            break;
        }
        if (!ok) continue;
        current.nodes.push_back(there);
        current.steps.push_back(Step{t.predicate, d});
        walk(next);
        current.nodes.pop_back();
        current.steps.pop_back();
      }
    }
  };
  walk({a.start});
  return paths;
}

std::string describe(const Path& p) {
  std::string s = std::to_string(p.nodes[0]);
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    s += p.steps[i].direction == Direction::Forward ? " -" : " <-";
    s += std::to_string(p.steps[i].predicate);
    s += p.steps[i].direction == Direction::Forward ? "-> " : "- ";
    s += std::to_string(p.nodes[i + 1]);
  }
  return s;
}

using PairPaths = std::map<std::pair<TermId, TermId>, std::vector<Path>>;

// Checks one answer against the brute-force paths of every pair it covers.
void check(const PathResult& result, const PairPaths& expected, PathSelector selector,
           std::size_t k, const std::string& context) {
  PairPaths got;
  for (const Path& p : result.paths) got[{p.source(), p.target()}].push_back(p);
  for (const auto& [pair, paths] : got) {
    for (std::size_t i = 1; i < paths.size(); ++i) {
      EXPECT_LE(paths[i - 1].length(), paths[i].length()) << context;
    }
  }
  for (const auto& [pair, all] : expected) {
    std::set<Key> reference;
    std::size_t shortest = kMaxLength + 1;
    for (const Path& p : all) {
      reference.insert(key_of(p));
      shortest = std::min(shortest, p.length());
    }
    const std::vector<Path>& mine = got[pair];
    std::set<Key> found;
    for (const Path& p : mine) {
      EXPECT_TRUE(reference.contains(key_of(p))) << context << ": not a valid path " << describe(p);
      EXPECT_TRUE(found.insert(key_of(p)).second) << context << ": twice " << describe(p);
    }
    std::string where =
        context + " pair " + std::to_string(pair.first) + "->" + std::to_string(pair.second);
    switch (selector) {
      case PathSelector::Any:
        EXPECT_EQ(mine.size(), reference.empty() ? 0u : 1u) << where;
        break;
      case PathSelector::AnyShortest:
        ASSERT_EQ(mine.size(), reference.empty() ? 0u : 1u) << where;
        if (!mine.empty()) {
          EXPECT_EQ(mine[0].length(), shortest) << where;
        }
        break;
      case PathSelector::AllShortest: {
        std::set<Key> wanted;
        for (const Path& p : all) {
          if (p.length() == shortest) wanted.insert(key_of(p));
        }
        EXPECT_EQ(found, wanted) << where;
        break;
      }
      case PathSelector::ShortestK: {
        std::vector<std::size_t> lengths;
        for (const Path& p : all) lengths.push_back(p.length());
        std::ranges::sort(lengths);
        lengths.resize(std::min(k, lengths.size()));
        std::vector<std::size_t> mine_lengths;
        for (const Path& p : mine) mine_lengths.push_back(p.length());
        EXPECT_EQ(mine_lengths, lengths) << where;
        break;
      }
      case PathSelector::All:
        EXPECT_EQ(found, reference) << where;
        break;
    }
  }
  for (const auto& [pair, paths] : got) {
    EXPECT_TRUE(expected.contains(pair) && !expected.at(pair).empty())
        << context << ": unexpected pair " << describe(paths.front());
  }
}

TEST(PathPatternRandom, EverySelectorAndRestrictorMatchesBruteForce) {
  const PathSelector selectors[] = {PathSelector::Any, PathSelector::AnyShortest,
                                    PathSelector::AllShortest, PathSelector::ShortestK,
                                    PathSelector::All};
  const PathRestrictor restrictors[] = {PathRestrictor::Walk, PathRestrictor::Trail,
                                        PathRestrictor::Simple, PathRestrictor::Acyclic};
  for (unsigned seed = 1; seed <= 60; ++seed) {
    Case c = random_case(seed);
    MemoryTripleSource source(c.triples);
    std::set<TermId> graph_nodes;
    for (const Triple& t : c.triples) graph_nodes.insert({t.subject, t.object});
    for (PathRestrictor restrictor : restrictors) {
      // Reference paths from every node (bound ones without triples too).
      std::set<TermId> starts(graph_nodes);
      starts.insert(c.nodes.begin(), c.nodes.end());
      std::map<TermId, std::vector<Path>> from;
      for (TermId s : starts) from[s] = brute_force(c, s, restrictor);
      for (PathSelector selector : selectors) {
        if (selector == PathSelector::All && restrictor == PathRestrictor::Walk) continue;
        std::size_t k = 1 + seed % 3;
        auto ask = [&](std::optional<std::vector<TermId>> sources,
                       std::optional<std::vector<TermId>> targets) {
          PathPatternQuery q;
          q.sources = sources;
          q.targets = targets;
          q.selector = selector;
          q.restrictor = restrictor;
          q.k = k;
          q.limits.max_length = kMaxLength;
          q.limits.max_paths = 1'000'000;
          return find_pattern_paths(source, c.automaton, q);
        };
        auto expected_for = [&](const std::set<TermId>& sources,
                                std::optional<std::set<TermId>> targets) {
          PairPaths expected;
          for (TermId s : sources) {
            for (const Path& p : from[s]) {
              if (!targets || targets->contains(p.target())) {
                expected[{s, p.target()}].push_back(p);
              }
            }
          }
          return expected;
        };
        std::string context = "seed " + std::to_string(seed) + " selector " +
                              std::to_string(static_cast<int>(selector)) + " restrictor " +
                              std::to_string(static_cast<int>(restrictor));
        // One bound source, free target; free source, one bound target.
        for (TermId n : c.nodes) {
          check(ask(std::vector{n}, std::nullopt), expected_for({n}, std::nullopt), selector, k,
                context + " from " + std::to_string(n));
          // A bound end has its zero-length path even when it is in no triple (SPARQL).
          std::set<TermId> sources = graph_nodes;
          sources.insert(n);
          check(ask(std::nullopt, std::vector{n}), expected_for(sources, std::set{n}), selector, k,
                context + " to " + std::to_string(n));
        }
        // Single pairs (bidirectional for ANY / ANY SHORTEST WALK).
        for (TermId t : c.nodes) {
          check(ask(std::vector{c.nodes[1]}, std::vector{t}),
                expected_for({c.nodes[1]}, std::set{t}), selector, k, context + " pair");
        }
        // Both free; and node sets on both sides (many-to-many).
        check(ask(std::nullopt, std::nullopt), expected_for(graph_nodes, std::nullopt), selector, k,
              context + " free");
        std::vector<TermId> S{c.nodes[0], c.nodes[1], c.nodes[2]}, T{c.nodes[2], c.nodes[3]};
        check(ask(S, T), expected_for({S.begin(), S.end()}, std::set<TermId>(T.begin(), T.end())),
              selector, k, context + " sets");
      }
    }
  }
}

}  // namespace
}  // namespace wsiskg::graph::testing
