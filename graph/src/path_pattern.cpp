// find_pattern_paths: the GQL selectors x restrictors over the product of a path automaton
// with the store (semantics, algorithms and costs: graph/DESIGN.md, "Path patterns").
//
// Two searches, both level by level from the bound side with fewer terms (backward from the
// targets when that side is smaller or the sources are free):
//  - a distance field over product nodes (WALK with ANY / ANY SHORTEST / ALL SHORTEST): each
//    product node is visited once; paths are read off by walking the field downhill;
//  - a search over partial paths (every restricted mode, and SHORTEST k WALK): each partial
//    path is an arena entry pointing at its parent; an extension is kept when the restrictor
//    allows it (TRAIL: new triple; ACYCLIC: new node; SIMPLE: new node or back to the first,
//    which closes the path) or, for k walks, when its product node was reached fewer than k
//    times. Restricted searches are pruned by a walk distance field to the other end.

#include "wsiskg/graph/path_pattern.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <set>
#include <tuple>
#include <unordered_map>

#include "product_graph.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::graph {

namespace {

using detail::ProductGraph;
using Index = ProductGraph::Index;
constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kNoParent = std::numeric_limits<std::uint32_t>::max();

struct TimeUp {};
struct PathLimitHit {};
struct Probed {};

// A step between product-graph terms, in path orientation.
struct Move {
  Index from = 0;
  Index to = 0;
  TermId predicate = store::kAnyTerm;
  Direction direction = Direction::Forward;
};

// The base-graph triple a step uses.
std::array<std::uint64_t, 3> triple_of(Index from, Index to, TermId predicate, Direction d) {
  return d == Direction::Forward ? std::array<std::uint64_t, 3>{from, predicate, to}
                                 : std::array<std::uint64_t, 3>{to, predicate, from};
}

// A map keyed by product-node key that grows on demand and resets only what it touched.
class KeyMap {
 public:
  std::uint32_t get(std::uint64_t key) const { return key < values_.size() ? values_[key] : kFar; }
  std::uint32_t& at(std::uint64_t key) {
    if (key >= values_.size()) values_.resize(key + 1, kFar);
    if (values_[key] == kFar) touched_.push_back(key);
    return values_[key];
  }
  void clear() {
    for (std::uint64_t key : touched_) values_[key] = kFar;
    touched_.clear();
  }

 private:
  std::vector<std::uint32_t> values_;
  std::vector<std::uint64_t> touched_;
};

class PatternSearch {
 public:
  PatternSearch(const TripleSource& source, const PathAutomaton& automaton,
                const PathPatternQuery& query);
  PathResult run();

 private:
  struct Side {
    bool free = true;
    std::vector<TermId> terms;                    // bound: query order, distinct
    std::unordered_map<Index, std::size_t> rank;  // bound: position in `terms`
  };
  struct Found {
    std::uint64_t source_rank, target_rank, seq;
    Path path;
  };
  // What one search found for one term on the other side.
  struct Pair {
    std::uint32_t count = 0;
    std::uint32_t first_length = kFar;
    bool done = false;
    std::set<std::vector<std::uint64_t>> seen;  // paths already emitted (ambiguous automata)
  };
  struct Entry {  // a partial path: its last product node and the step into it
    std::uint32_t parent;
    Index node;
    AutomatonState state;
    TermId predicate;
    Direction direction;
    bool closed;  // SIMPLE: came back to the first node, may not go on
  };

  Side side(const std::optional<std::vector<TermId>>& terms);
  void tick() {
    if (!deadline_ || (++ticks_ & 63) != 0) return;
    if (std::chrono::steady_clock::now() > *deadline_) throw TimeUp{};
  }
  Side& other() { return reverse_ ? sources_ : targets_; }
  bool goal(Index v, AutomatonState q) {
    bool end_state = reverse_ ? q == graph_.start() : graph_.accepting(q);
    return end_state && (other().free || other().rank.contains(v));
  }
  bool one_path() const {
    return query_.selector == PathSelector::Any || query_.selector == PathSelector::AnyShortest;
  }
  // Records a path; `moves` in path orientation. False when it duplicates one already found.
  bool emit(Index seed, Index other_end, std::span<const Move> moves, Pair& pair);
  std::vector<std::pair<Index, AutomatonState>> seeds_of(Index seed);

  void search(bool walk);  // every seed: a walk search, or the query's restricted one
  void run_field(Index seed);
  void run_bidirectional(Index source, Index target);
  void descend(Index seed, Index other_end, Index v, AutomatonState q, std::uint32_t d,
               std::vector<Move>& moves, Pair& pair, bool& stop);
  void run_partial(Index seed);
  bool allowed(std::uint32_t parent, Index next, TermId predicate, Direction direction) const;
  void goal_distances();

  ProductGraph graph_;
  const PathPatternQuery& query_;
  Side sources_, targets_;
  bool reverse_ = false;  // search from the targets, against path orientation
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::uint64_t ticks_ = 0;
  std::uint64_t searches_ = 0;
  std::vector<Found> found_;
  bool length_cut_ = false;
  KeyMap dist_;    // per search: field distance, or k-walk admission count
  struct Parent {  // ANY (SHORTEST) WALK: the arc that first reached a node
    Index node;
    AutomatonState state;
    TermId predicate;
    Direction direction;
  };
  std::vector<Parent> parents_;  // by product key; valid where dist_ is set
  KeyMap term_level_;            // per field search: level an other-end term was first reached
  KeyMap back_dist_;             // bidirectional search: distances on the target side
  std::vector<Parent> back_parents_;
  KeyMap to_goal_;  // restricted modes with a bound other end: distance to it
  bool prune_ = false;
  std::vector<Entry> arena_;
};

PatternSearch::PatternSearch(const TripleSource& source, const PathAutomaton& automaton,
                             const PathPatternQuery& query)
    : graph_(source, automaton), query_(query) {
  if (query.selector == PathSelector::All && query.restrictor == PathRestrictor::Walk) {
    throw Error(ErrorKind::Usage,
                "ALL WALK is not allowed: a cycle gives infinitely many walks; use a restrictor "
                "(ALL TRAIL, ALL SIMPLE, ALL ACYCLIC) or a selector (ANY, ANY SHORTEST, ALL "
                "SHORTEST, SHORTEST k)");
  }
  sources_ = side(query.sources);
  targets_ = side(query.targets);
  reverse_ = !targets_.free && (sources_.free || targets_.terms.size() < sources_.terms.size());
  if (query.limits.timeout) deadline_ = std::chrono::steady_clock::now() + *query.limits.timeout;
}

PatternSearch::Side PatternSearch::side(const std::optional<std::vector<TermId>>& terms) {
  Side s;
  if (!terms) return s;
  s.free = false;
  for (TermId t : *terms) {
    auto [it, inserted] = s.rank.try_emplace(graph_.intern(t), s.terms.size());
    if (inserted) s.terms.push_back(t);
  }
  return s;
}

bool PatternSearch::emit(Index seed, Index other_end, std::span<const Move> moves, Pair& pair) {
  Index source = reverse_ ? other_end : seed;
  Index target = reverse_ ? seed : other_end;
  Path path;
  path.nodes.reserve(moves.size() + 1);
  path.steps.reserve(moves.size());
  path.nodes.push_back(graph_.term(source));
  for (const Move& m : moves) {
    path.nodes.push_back(graph_.term(m.to));
    path.steps.push_back(Step{m.predicate, m.direction});
  }
  path.cost = static_cast<double>(moves.size());
  if (!one_path()) {
    std::vector<std::uint64_t> key(path.nodes.begin(), path.nodes.end());
    for (const Step& s : path.steps) {
      key.push_back(s.predicate);
      key.push_back(static_cast<std::uint64_t>(s.direction));
    }
    if (!pair.seen.insert(std::move(key)).second) return false;
  }
  if (found_.size() >= query_.limits.max_paths) throw PathLimitHit{};
  auto rank = [&](const Side& side, Index v) -> std::uint64_t {
    return side.free ? graph_.term(v) : side.rank.at(v);
  };
  found_.push_back(
      Found{rank(sources_, source), rank(targets_, target), found_.size(), std::move(path)});
  ++pair.count;
  return true;
}

std::vector<std::pair<Index, AutomatonState>> PatternSearch::seeds_of(Index seed) {
  std::vector<std::pair<Index, AutomatonState>> seeds;
  if (!reverse_) {
    seeds.emplace_back(seed, graph_.start());
  } else {
    for (AutomatonState q = 0; q < graph_.state_count(); ++q) {
      if (graph_.accepting(q)) seeds.emplace_back(seed, q);
    }
  }
  return seeds;
}

// ---------------------------------------------------------------------------------------------
// WALK with ANY / ANY SHORTEST / ALL SHORTEST: breadth-first distance field over product nodes.

void PatternSearch::run_field(Index seed) {
  ++searches_;
  dist_.clear();
  auto frontier = seeds_of(seed);
  decltype(frontier) next;
  for (auto [v, q] : frontier) dist_.at(graph_.key(v, q)) = 0;
  // Other-end terms by first level reached, and their end states at that level (every
  // state for ALL SHORTEST; the first for one path). A term may end in several states.
  term_level_.clear();
  struct Goal {
    Index node;
    AutomatonState state;
    std::uint32_t level;
  };
  std::vector<Goal> goals;
  std::size_t remaining =
      other().free ? std::numeric_limits<std::size_t>::max() : other().terms.size();
  bool cut = false;
  for (std::uint32_t level = 0; !frontier.empty(); ++level) {
    for (auto [v, q] : frontier) {
      if (!goal(v, q)) continue;
      std::uint32_t& first = term_level_.at(v);
      if (first == kFar) {
        first = level;
        --remaining;
      } else if (one_path() || first != level) {
        continue;
      }
      goals.push_back(Goal{v, q, level});
    }
    if (remaining == 0) break;
    if (query_.limits.max_length && level >= *query_.limits.max_length) {
      try {  // is there anything beyond?
        for (auto [v, q] : frontier) {
          graph_.next(v, q, reverse_, [&](Index w, AutomatonState r, TermId, Direction) {
            if (dist_.get(graph_.key(w, r)) == kFar) throw Probed{};
          });
        }
      } catch (const Probed&) {
        cut = true;
      }
      break;
    }
    next.clear();
    bool record = one_path();
    for (auto [v, q] : frontier) {
      tick();
      graph_.next(v, q, reverse_, [&](Index w, AutomatonState r, TermId p, Direction dir) {
        std::uint64_t key = graph_.key(w, r);
        std::uint32_t& d = dist_.at(key);
        if (d != kFar) return;
        d = level + 1;
        next.emplace_back(w, r);
        if (record) {
          if (key >= parents_.size()) parents_.resize(std::max(key + 1, 2 * parents_.size()));
          parents_[key] = Parent{v, q, p, dir};
        }
      });
    }
    std::swap(frontier, next);
  }
  if (cut) length_cut_ = true;
  std::vector<Move> moves;
  if (one_path()) {  // follow the recorded parents: no adjacency is read again
    for (const Goal& goal : goals) {
      moves.clear();
      Index node = goal.node;
      AutomatonState q = goal.state;
      for (std::uint32_t d = goal.level; d > 0; --d) {
        const Parent& parent = parents_[graph_.key(node, q)];
        moves.push_back(reverse_ ? Move{node, parent.node, parent.predicate, parent.direction}
                                 : Move{parent.node, node, parent.predicate, parent.direction});
        node = parent.node;
        q = parent.state;
      }
      if (!reverse_) std::ranges::reverse(moves);
      Pair pair;
      emit(seed, goal.node, moves, pair);
    }
    return;
  }
  // ALL SHORTEST: every downhill walk from every end state of a term, de-duplicated per term.
  std::unordered_map<Index, Pair> pairs;
  for (const Goal& goal : goals) {
    bool stop = false;
    descend(seed, goal.node, goal.node, goal.state, goal.level, moves, pairs[goal.node], stop);
  }
}

// ANY (SHORTEST) WALK between one source and one target: bidirectional BFS over product
// nodes, level-synchronous, expanding the smaller frontier; the level in which the two
// searches first meet holds the shortest meeting. Touches two small balls instead of one big one.
void PatternSearch::run_bidirectional(Index source, Index target) {
  ++searches_;
  if (source == target && graph_.accepting(graph_.start())) {
    Pair pair;
    emit(source, target, {}, pair);
    return;
  }
  KeyMap* dist[2] = {&dist_, &back_dist_};
  std::vector<Parent>* parents[2] = {&parents_, &back_parents_};
  dist_.clear();
  back_dist_.clear();
  std::vector<std::pair<Index, AutomatonState>> frontier[2], next;
  frontier[0].emplace_back(source, graph_.start());
  dist_.at(graph_.key(source, graph_.start())) = 0;
  for (AutomatonState q = 0; q < graph_.state_count(); ++q) {
    if (!graph_.accepting(q)) continue;
    frontier[1].emplace_back(target, q);
    back_dist_.at(graph_.key(target, q)) = 0;
  }
  std::uint32_t depth[2] = {0, 0};
  std::uint32_t best = kFar;
  std::pair<Index, AutomatonState> meeting{};
  while (!frontier[0].empty() && !frontier[1].empty()) {
    if (query_.limits.max_length && depth[0] + depth[1] >= *query_.limits.max_length) {
      length_cut_ = true;  // both sides could go on, and have not met within the limit
      return;
    }
    int side = frontier[0].size() <= frontier[1].size() ? 0 : 1;
    int other = 1 - side;
    next.clear();
    for (auto [v, q] : frontier[side]) {
      tick();
      graph_.next(v, q, side == 1, [&](Index w, AutomatonState r, TermId p, Direction d) {
        std::uint64_t key = graph_.key(w, r);
        std::uint32_t& here = dist[side]->at(key);
        if (here != kFar) return;
        here = depth[side] + 1;
        auto& list = *parents[side];
        if (key >= list.size()) list.resize(std::max(key + 1, 2 * list.size()));
        list[key] = Parent{v, q, p, d};
        next.emplace_back(w, r);
        std::uint32_t there = dist[other]->get(key);
        if (there != kFar && here + there < best) {
          best = here + there;
          meeting = {w, r};
        }
      });
    }
    std::swap(frontier[side], next);
    ++depth[side];
    if (best != kFar) break;
  }
  if (best == kFar) return;
  std::vector<Move> moves;
  auto [node, q] = meeting;
  while (dist_.get(graph_.key(node, q)) > 0) {  // back to the source
    const Parent& parent = parents_[graph_.key(node, q)];
    moves.push_back(Move{parent.node, node, parent.predicate, parent.direction});
    node = parent.node;
    q = parent.state;
  }
  std::ranges::reverse(moves);
  std::tie(node, q) = meeting;
  while (back_dist_.get(graph_.key(node, q)) > 0) {  // on to the target
    const Parent& parent = back_parents_[graph_.key(node, q)];
    moves.push_back(Move{node, parent.node, parent.predicate, parent.direction});
    node = parent.node;
    q = parent.state;
  }
  Pair pair;
  emit(source, target, moves, pair);
}

// Walks the field downhill from an other-end product node (v, q) at distance d to the seed.
void PatternSearch::descend(Index seed, Index other_end, Index v, AutomatonState q, std::uint32_t d,
                            std::vector<Move>& moves, Pair& pair, bool& stop) {
  tick();
  if (d == 0) {
    if (reverse_) {
      emit(seed, other_end, moves, pair);  // collected from the source onwards
    } else {
      std::vector<Move> oriented(moves.rbegin(), moves.rend());
      emit(seed, other_end, oriented, pair);
    }
    stop = one_path();
    return;
  }
  graph_.next(v, q, !reverse_, [&](Index w, AutomatonState r, TermId p, Direction dir) {
    if (stop || dist_.get(graph_.key(w, r)) != d - 1) return;
    moves.push_back(reverse_ ? Move{v, w, p, dir} : Move{w, v, p, dir});
    descend(seed, other_end, w, r, d - 1, moves, pair, stop);
    moves.pop_back();
  });
}

// ---------------------------------------------------------------------------------------------
// Restricted modes and SHORTEST k WALK: partial paths, level by level.

bool PatternSearch::allowed(std::uint32_t parent, Index next, TermId predicate,
                            Direction direction) const {
  switch (query_.restrictor) {
    case PathRestrictor::Walk:
      return true;
    case PathRestrictor::Acyclic:
    case PathRestrictor::Simple:
      for (std::uint32_t i = parent; i != kNoParent; i = arena_[i].parent) {
        if (arena_[i].node != next) continue;
        // SIMPLE lets the path come back to its first node (and end there).
        return query_.restrictor == PathRestrictor::Simple && arena_[i].parent == kNoParent;
      }
      return true;
    case PathRestrictor::Trail: {
      auto oriented = [&](Index near, Index far, TermId p, Direction d) {
        // In a reverse search the new node comes first in path orientation.
        return reverse_ ? triple_of(far, near, p, d) : triple_of(near, far, p, d);
      };
      auto step = oriented(arena_[parent].node, next, predicate, direction);
      for (std::uint32_t i = parent; arena_[i].parent != kNoParent; i = arena_[i].parent) {
        const Entry& e = arena_[i];
        if (oriented(arena_[e.parent].node, e.node, e.predicate, e.direction) == step) {
          return false;
        }
      }
      return true;
    }
  }
  return true;
}

// Walk distances from every product node to the other end (bound), for pruning: a partial
// path whose end cannot reach the other end is dropped, one that cannot reach it within
// max_length is dropped and reported (so the field is not cut at max_length).
void PatternSearch::goal_distances() {
  std::vector<std::pair<Index, AutomatonState>> frontier, next;
  for (const auto& [v, rank] : other().rank) {
    for (AutomatonState q = 0; q < graph_.state_count(); ++q) {
      if (!goal(v, q)) continue;
      to_goal_.at(graph_.key(v, q)) = 0;
      frontier.emplace_back(v, q);
    }
  }
  for (std::uint32_t level = 0; !frontier.empty(); ++level) {
    next.clear();
    for (auto [v, q] : frontier) {
      tick();
      graph_.next(v, q, !reverse_, [&](Index w, AutomatonState r, TermId, Direction) {
        std::uint32_t& d = to_goal_.at(graph_.key(w, r));
        if (d != kFar) return;
        d = level + 1;
        next.emplace_back(w, r);
      });
    }
    std::swap(frontier, next);
  }
}

void PatternSearch::run_partial(Index seed) {
  ++searches_;
  bool k_walks = query_.restrictor == PathRestrictor::Walk;  // SHORTEST k WALK
  bool simple = query_.restrictor == PathRestrictor::Simple;
  std::size_t k = query_.selector == PathSelector::ShortestK ? query_.k : 1;
  dist_.clear();  // k walks: how many partial walks reached each product node
  arena_.clear();
  std::vector<std::uint32_t> frontier, next;
  for (auto [v, q] : seeds_of(seed)) {
    if (prune_ && to_goal_.get(graph_.key(v, q)) == kFar) continue;
    if (k_walks) dist_.at(graph_.key(v, q)) = 1;
    frontier.push_back(static_cast<std::uint32_t>(arena_.size()));
    arena_.push_back(Entry{kNoParent, v, q, store::kAnyTerm, Direction::Forward, false});
  }
  std::unordered_map<Index, Pair> pairs;
  std::size_t remaining =
      other().free ? std::numeric_limits<std::size_t>::max() : other().terms.size();
  auto finish = [&](Pair& pair) {
    pair.done = true;
    pair.seen.clear();
    --remaining;
  };
  std::vector<Move> moves;
  auto path_of = [&](std::uint32_t i) {
    moves.clear();
    for (; arena_[i].parent != kNoParent; i = arena_[i].parent) {
      const Entry& e = arena_[i];
      Index near = arena_[e.parent].node;
      moves.push_back(reverse_ ? Move{e.node, near, e.predicate, e.direction}
                               : Move{near, e.node, e.predicate, e.direction});
    }
    if (!reverse_) std::ranges::reverse(moves);
    return std::span<const Move>(moves);
  };
  for (std::uint32_t level = 0; !frontier.empty(); ++level) {
    for (std::uint32_t i : frontier) {
      const Entry& e = arena_[i];
      if (!goal(e.node, e.state)) continue;
      Pair& pair = pairs[e.node];
      if (pair.done) continue;
      switch (query_.selector) {
        case PathSelector::Any:
        case PathSelector::AnyShortest:
          emit(seed, e.node, path_of(i), pair);
          finish(pair);
          break;
        case PathSelector::AllShortest:
          if (pair.first_length == kFar) pair.first_length = level;
          emit(seed, e.node, path_of(i), pair);
          break;
        case PathSelector::ShortestK:
          emit(seed, e.node, path_of(i), pair);
          if (pair.count >= k) finish(pair);
          break;
        case PathSelector::All:
          emit(seed, e.node, path_of(i), pair);
          break;
      }
    }
    if (query_.selector == PathSelector::AllShortest) {
      for (auto& [v, pair] : pairs) {
        if (!pair.done && pair.first_length == level) finish(pair);
      }
    }
    if (remaining == 0) break;
    bool at_limit = query_.limits.max_length && level >= *query_.limits.max_length;
    next.clear();
    for (std::uint32_t i : frontier) {
      if (arena_[i].closed) continue;
      tick();
      Entry e = arena_[i];
      graph_.next(e.node, e.state, reverse_, [&](Index w, AutomatonState r, TermId p, Direction d) {
        if (prune_) {
          std::uint32_t to_goal = to_goal_.get(graph_.key(w, r));
          if (to_goal == kFar) return;
          if (query_.limits.max_length && level + 1 + to_goal > *query_.limits.max_length &&
              !at_limit) {
            length_cut_ = true;  // the other end lies beyond the limit from here
            return;
          }
        }
        if (!allowed(i, w, p, d)) return;
        if (at_limit) throw Probed{};
        if (k_walks) {
          std::uint32_t& count = dist_.at(graph_.key(w, r));
          if (count == kFar) count = 0;
          if (count >= k) return;
          ++count;
        }
        next.push_back(static_cast<std::uint32_t>(arena_.size()));
        arena_.push_back(Entry{i, w, r, p, d, simple && w == seed});
      });
    }
    if (at_limit) break;
    std::swap(frontier, next);
  }
}

// Whether a path found by a walk search also satisfies the query's restrictor.
bool satisfies(const Path& path, PathRestrictor restrictor) {
  switch (restrictor) {
    case PathRestrictor::Walk:
      return true;
    case PathRestrictor::Trail: {
      std::set<Triple> used;
      for (std::size_t i = 0; i < path.steps.size(); ++i) {
        const Step& s = path.steps[i];
        Triple t = s.direction == Direction::Forward
                       ? Triple{path.nodes[i], s.predicate, path.nodes[i + 1]}
                       : Triple{path.nodes[i + 1], s.predicate, path.nodes[i]};
        if (!used.insert(t).second) return false;
      }
      return true;
    }
    case PathRestrictor::Simple:
    case PathRestrictor::Acyclic: {
      std::set<TermId> nodes;
      bool closed = restrictor == PathRestrictor::Simple && path.length() > 0 &&
                    path.source() == path.target();
      std::size_t count = path.nodes.size() - (closed ? 1 : 0);
      for (std::size_t i = 0; i < count; ++i) {
        if (!nodes.insert(path.nodes[i]).second) return false;
      }
      return true;
    }
  }
  return true;
}

void PatternSearch::search(bool walk) {
  bool field = walk && query_.selector != PathSelector::ShortestK;
  std::vector<Index> seeds;
  Side& seed_side = reverse_ ? targets_ : sources_;
  if (seed_side.free) {
    for (TermId t : graph_.candidate_sources()) seeds.push_back(graph_.intern(t));
  } else {
    for (TermId t : seed_side.terms) seeds.push_back(graph_.intern(t));
  }
  if (!walk && !other().free) {
    prune_ = true;
    goal_distances();
  }
  for (Index seed : seeds) {
    if (field && one_path() && !sources_.free && !targets_.free && sources_.terms.size() == 1 &&
        targets_.terms.size() == 1) {
      run_bidirectional(seed, graph_.intern(targets_.terms.front()));
    } else if (field) {
      run_field(seed);
    } else {
      try {
        run_partial(seed);
      } catch (const Probed&) {
        length_cut_ = true;
      }
    }
  }
}

PathResult PatternSearch::run() {
  auto started = std::chrono::steady_clock::now();
  PathResult result;
  try {
    if (!(query_.selector == PathSelector::ShortestK && query_.k == 0)) {
      bool walk = query_.restrictor == PathRestrictor::Walk;
      // ANY (SHORTEST) with a restrictor: the shortest walk of a pair is at most as long as
      // its shortest restricted path, so when every walk found satisfies the restrictor it is
      // the answer (typical: `p+` between distinct nodes), at the cost of a walk search.
      // Otherwise (or when a limit cut the walk search) run the restricted search.
      bool done = false;
      if (!walk && one_path()) {
        try {
          search(true);
          done = std::ranges::all_of(
              found_, [&](const Found& f) { return satisfies(f.path, query_.restrictor); });
        } catch (const PathLimitHit&) {
        }
        if (!done) {
          found_.clear();
          length_cut_ = false;
        }
      }
      if (!done) search(walk);
    }
  } catch (const TimeUp&) {
    result.truncation = Truncation::TimeLimit;
  } catch (const PathLimitHit&) {
    result.truncation = Truncation::PathLimit;
  }
  if (result.truncation == Truncation::None && length_cut_) {
    result.truncation = Truncation::LengthLimit;
  }
  std::ranges::sort(found_, [](const Found& a, const Found& b) {
    if (a.source_rank != b.source_rank) return a.source_rank < b.source_rank;
    if (a.target_rank != b.target_rank) return a.target_rank < b.target_rank;
    if (a.path.length() != b.path.length()) return a.path.length() < b.path.length();
    return a.seq < b.seq;
  });
  result.paths.reserve(found_.size());
  for (Found& f : found_) result.paths.push_back(std::move(f.path));
  result.statistics.expanded_nodes = graph_.expansions();
  result.statistics.searches = searches_;
  result.statistics.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace

PathResult find_pattern_paths(const TripleSource& source, const PathAutomaton& automaton,
                              const PathPatternQuery& query) {
  return PatternSearch(source, automaton, query).run();
}

}  // namespace wsiskg::graph
