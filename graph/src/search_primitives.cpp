// The search primitives: distance fields (Boost.Graph BFS / Dijkstra), walking a field
// downhill, and bidirectional BFS.

#include <algorithm>
#include <bit>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/detail/d_ary_heap.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <cmath>
#include <unordered_map>

#include "bgl_view.hpp"
#include "search_internal.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::graph::detail {

namespace {

struct StopSearch {};

bool same_cost(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

struct FieldState {
  SearchContext& ctx;
  const FieldOptions& options;
  GrowingMap<double> distance;
  std::vector<std::uint8_t> wanted;
  std::size_t remaining = 0;
  double wanted_max = 0;
  bool length_cut = false;

  bool is_wanted(NodeIndex v) const { return v < wanted.size() && wanted[v]; }
  void settle(NodeIndex v, double d) {
    if (!is_wanted(v)) return;
    wanted[v] = 0;
    --remaining;
    wanted_max = std::max(wanted_max, d);
  }
  bool all_found() const { return !options.wanted.empty() && remaining == 0; }
};

// BFS colours read from the distance map: white until a distance is set, then black. BFS only
// asks "white or not"; one array less to touch per edge.
struct DistanceColorMap {
  using key_type = NodeIndex;
  using value_type = boost::default_color_type;
  using reference = boost::default_color_type;
  using category = boost::read_write_property_map_tag;
  const std::vector<double>* distance;
  friend boost::default_color_type get(const DistanceColorMap& m, NodeIndex v) {
    return v < m.distance->size() && (*m.distance)[v] != kUnreached ? boost::black_color
                                                                    : boost::white_color;
  }
  friend void put(const DistanceColorMap&, NodeIndex, boost::default_color_type) {}
};

// A FIFO over one vector (Boost's BFS buffer concept: push, pop, top, empty).
class VectorQueue {
 public:
  void push(NodeIndex v) { items_.push_back(v); }
  void pop() { ++head_; }
  NodeIndex& top() { return items_[head_]; }
  bool empty() const { return head_ == items_.size(); }

 private:
  std::vector<NodeIndex> items_;
  std::size_t head_ = 0;
};

struct BfsVisitor : boost::default_bfs_visitor {
  FieldState* state;
  void examine_vertex(NodeIndex u, const BglView&) const {
    state->ctx.tick();
    double d = get(state->distance, u);
    if (state->all_found() && d >= state->wanted_max) throw StopSearch{};
    if (state->options.max_length && d >= static_cast<double>(*state->options.max_length)) {
      state->length_cut = true;
      throw StopSearch{};
    }
  }
  void tree_edge(const BglEdge& e, const BglView&) const {
    put(state->distance, e.arc->node, get(state->distance, e.source) + 1);
  }
  void discover_vertex(NodeIndex v, const BglView&) const {
    state->settle(v, get(state->distance, v));
    // BFS fixes a distance when it discovers a node, and every node nearer than the last
    // wanted one is discovered before it: nothing further is needed to walk the field.
    if (state->all_found()) throw StopSearch{};
  }
};

struct DijkstraVisitor : boost::default_dijkstra_visitor {
  FieldState* state;
  void examine_vertex(NodeIndex u, const BglView&) const {
    state->ctx.tick();
    double d = get(state->distance, u);
    if (d == kUnreached) throw StopSearch{};  // only blocked arcs lead further
    if (state->all_found() && d > state->wanted_max) throw StopSearch{};
    state->settle(u, d);
  }
  void edge_relaxed(const BglEdge& e, const BglView& g) const {
    if (!state->options.parents) return;
    auto& parents = *state->options.parents;
    NodeIndex v = e.arc->node;
    if (v >= parents.size()) parents.resize(std::size_t{v} + 1);
    parents[v] = g.reverse ? move_in(e.source, *e.arc) : move_out(e.source, *e.arc);
  }
};

// Breadth-first search on a snapshot, switching between top-down steps (expand the frontier)
// and bottom-up steps (every unreached node looks for a neighbour in the frontier) by
// Beamer's rule. On scale-free graphs the middle levels hold most nodes, and bottom-up stops at
// the first frontier neighbour instead of touching every arc. Not in Boost.Graph; only a
// snapshot, which knows all its nodes and both orientations cheaply, can do it.
// It reads the bare CSR columns (4 bytes per arc) and keeps "visited" and "in the frontier" as
// bitmaps (137 KiB each for 1.1M nodes: they stay in cache, where a double per node would not).
void direction_optimizing_bfs(CsrGraph& graph, std::span<const NodeIndex> seeds,
                              FieldState& state) {
  constexpr std::uint64_t kAlpha = 14;  // go bottom-up when frontier arcs > unexplored / alpha
  constexpr std::uint64_t kBeta = 24;   // back to top-down when the frontier < nodes / beta
  bool reverse = state.options.reverse;
  CsrGraph::Rows forward = graph.rows(!reverse);  // arcs the search follows
  CsrGraph::Rows backward = graph.rows(reverse);  // the same arcs, from their far end
  std::vector<double>& distance = *state.distance.data;
  std::size_t n = graph.node_count();
  distance.resize(n, kUnreached);
  std::size_t words = (n + 63) / 64;
  std::vector<std::uint64_t> visited(words, 0), in_frontier(words, 0);
  auto test = [](const std::vector<std::uint64_t>& bits, NodeIndex v) {
    return (bits[v >> 6] >> (v & 63)) & 1;
  };
  auto set = [](std::vector<std::uint64_t>& bits, NodeIndex v) {
    bits[v >> 6] |= std::uint64_t{1} << (v & 63);
  };
  std::vector<NodeIndex> frontier, next;
  for (NodeIndex s : seeds) {
    if (test(visited, s)) continue;
    set(visited, s);
    distance[s] = 0;
    frontier.push_back(s);
    state.settle(s, 0);
  }
  std::uint64_t unexplored = forward.starts[n];
  std::uint64_t rows_read = 0;
  // Arcs out of the frontier, summed while it is built (in bottom-up steps the new nodes come
  // in index order, so their row starts are read sequentially rather than in a second pass).
  std::uint64_t frontier_arcs = 0, next_arcs = 0;
  for (NodeIndex u : frontier) frontier_arcs += forward.degree(u);
  bool bottom_up = false;
  for (double level = 0; !frontier.empty(); ++level) {
    if (state.all_found()) break;
    if (state.options.max_length && level >= static_cast<double>(*state.options.max_length)) {
      state.length_cut = true;
      break;
    }
    unexplored = unexplored > frontier_arcs ? unexplored - frontier_arcs : 0;
    if (!bottom_up && frontier_arcs * kAlpha > unexplored) bottom_up = true;
    if (bottom_up && frontier.size() * kBeta < n && frontier_arcs * kAlpha <= unexplored) {
      bottom_up = false;
    }
    next.clear();
    next_arcs = 0;
    if (bottom_up) {
      std::ranges::fill(in_frontier, 0);
      for (NodeIndex u : frontier) set(in_frontier, u);
      for (std::size_t w = 0; w < words; ++w) {
        std::uint64_t open = ~visited[w];
        if (w + 1 == words && n % 64) open &= (std::uint64_t{1} << (n % 64)) - 1;
        if (!open) continue;
        if ((w & 15) == 0) state.ctx.tick();
        while (open) {
          auto v =
              static_cast<NodeIndex>(w * 64 + static_cast<std::size_t>(std::countr_zero(open)));
          open &= open - 1;
          ++rows_read;
          for (std::uint64_t j = backward.starts[v], end = backward.starts[v + 1]; j < end; ++j) {
            if (test(in_frontier, backward.columns[j])) {
              next.push_back(v);
              next_arcs += forward.degree(v);
              break;
            }
          }
        }
      }
      for (NodeIndex v : next) set(visited, v);  // after the sweep: level by level
    } else {
      for (NodeIndex u : frontier) {
        state.ctx.tick();
        ++rows_read;
        for (std::uint64_t j = forward.starts[u], end = forward.starts[u + 1]; j < end; ++j) {
          NodeIndex v = forward.columns[j];
          if (test(visited, v)) continue;
          set(visited, v);
          next.push_back(v);
          next_arcs += forward.degree(v);
        }
      }
    }
    for (NodeIndex v : next) {
      distance[v] = level + 1;
      state.settle(v, level + 1);
    }
    std::swap(frontier, next);
    frontier_arcs = next_arcs;
  }
  graph.count_expansions(rows_read);
}

}  // namespace

SearchContext::SearchContext(SearchGraph& g, const PathLimits& l) : graph(g), limits(l) {
  if (limits.timeout) deadline_ = std::chrono::steady_clock::now() + *limits.timeout;
}

Path SearchContext::to_path(NodeIndex source, std::span<const Move> moves) const {
  Path path;
  path.nodes.reserve(moves.size() + 1);
  path.steps.reserve(moves.size());
  path.nodes.push_back(graph.term(source));
  for (const Move& m : moves) {
    path.nodes.push_back(graph.term(m.to));
    path.steps.push_back(
        Step{graph.predicate(Arc{m.to, m.predicate, m.weight, m.direction}), m.direction});
    path.cost += graph.weighted() ? m.weight : 1.0;
  }
  return path;
}

Field search_field(SearchContext& ctx, std::span<const NodeIndex> seeds,
                   const FieldOptions& options) {
  Field field;
  field.reverse = options.reverse;
  FieldState state{ctx, options, GrowingMap<double>{&field.distance, kUnreached}, {}, 0, 0, false};
  for (NodeIndex w : options.wanted) {
    if (w >= state.wanted.size()) state.wanted.resize(std::size_t{w} + 1, 0);
    if (!state.wanted[w]) {
      state.wanted[w] = 1;
      ++state.remaining;
    }
  }
  std::vector<boost::default_color_type> colors;
  GrowingMap<boost::default_color_type> color{&colors, boost::white_color};
  // Sized up front for a snapshot (whose node count is final); an implicit graph grows them.
  field.distance.assign(ctx.graph.node_count(), kUnreached);
  if (ctx.graph.weighted() && !options.count_steps) {
    colors.assign(ctx.graph.node_count(), boost::white_color);
  }
  for (NodeIndex s : seeds) put(state.distance, s, 0.0);
  BglView view{&ctx.graph, options.reverse};
  ++ctx.statistics.searches;
  bool by_steps = !ctx.graph.weighted() || options.count_steps;
  auto* snapshot = dynamic_cast<CsrGraph*>(&ctx.graph);
  try {
    if (by_steps && snapshot) {
      direction_optimizing_bfs(*snapshot, seeds, state);
    } else if (by_steps) {
      BfsVisitor visitor;
      visitor.state = &state;
      VectorQueue queue;
      boost::breadth_first_visit(view, seeds.begin(), seeds.end(), queue, visitor,
                                 DistanceColorMap{&field.distance});
    } else {
      // Boost's Dijkstra is breadth_first_visit over an indirect heap with its relaxing
      // visitor; assembled here so the heap's index map can grow with the graph.
      std::vector<std::size_t> heap_slots;
      GrowingMap<std::size_t> heap_index{&heap_slots, static_cast<std::size_t>(-1)};
      using Queue = boost::d_ary_heap_indirect<NodeIndex, 4, GrowingMap<std::size_t>,
                                               GrowingMap<double>, std::less<double>>;
      Queue queue(state.distance, heap_index);
      auto weight_of = [&options](const BglEdge& e) -> double {
        if (options.blocked && options.blocked(e.source, *e.arc)) return kUnreached;
        return e.arc->weight;
      };
      auto weight = boost::make_function_property_map<BglEdge, double>(weight_of);
      DijkstraVisitor visitor;
      visitor.state = &state;
      boost::detail::dijkstra_bfs_visitor<DijkstraVisitor, Queue, decltype(weight),
                                          boost::dummy_property_map, GrowingMap<double>,
                                          std::plus<double>, std::less<double>>
          relaxing(visitor, queue, weight, boost::dummy_property_map(), state.distance,
                   std::plus<double>(), std::less<double>(), 0.0);
      boost::breadth_first_visit(view, seeds.begin(), seeds.end(), queue, relaxing, color);
    }
  } catch (const StopSearch&) {
  }
  field.length_cut = state.length_cut;
  field.seeds.assign(seeds.begin(), seeds.end());
  std::ranges::sort(field.seeds);
  return field;
}

void enumerate_shortest(SearchContext& ctx, const Field& field, NodeIndex start,
                        const std::function<bool(std::span<const Move>)>& emit, bool one) {
  if (field.at(start) == kUnreached) return;
  if (one && !ctx.graph.weighted()) {
    // Unweighted: distances drop by exactly one per step, so the first neighbour one step
    // nearer always leads on to a seed — no backtracking and no repeated node possible.
    std::vector<Move> moves;
    NodeIndex u = start;
    for (double here = field.at(u); here > 0; --here) {
      auto arcs = field.reverse ? ctx.graph.out_arcs(u) : ctx.graph.in_arcs(u);
      auto next = std::ranges::find_if(
          arcs, [&](const Arc& arc) { return field.at(arc.node) == here - 1; });
      if (next == arcs.end()) return;  // cannot happen on a BFS field
      moves.push_back(field.reverse ? move_out(u, *next) : move_in(u, *next));
      u = next->node;
    }
    if (!field.reverse) std::ranges::reverse(moves);
    if (std::ranges::binary_search(field.seeds, u)) emit(moves);
    return;
  }
  std::vector<Move> moves;       // from `start`, in walking order
  std::vector<NodeIndex> trail;  // nodes on the current walk, to keep paths simple
  std::vector<Move> oriented;
  bool stop = false;
  std::function<void(NodeIndex)> descend = [&](NodeIndex u) {
    if (stop) return;
    ctx.tick();
    if (std::ranges::binary_search(field.seeds, u)) {
      if (field.reverse) {
        stop = !emit(moves);
      } else {
        oriented.assign(moves.rbegin(), moves.rend());
        stop = !emit(oriented);
      }
      return;
    }
    double here = field.at(u);
    // Against the field's search direction: a reverse field (distance to the seeds) is walked
    // along path orientation, a forward one backwards from the target.
    auto arcs = field.reverse ? ctx.graph.out_arcs(u) : ctx.graph.in_arcs(u);
    for (const Arc& arc : arcs) {
      double there = field.at(arc.node);
      if (there == kUnreached || !same_cost(there + ctx.weight_of(arc), here)) continue;
      if (std::ranges::find(trail, arc.node) != trail.end()) continue;
      moves.push_back(field.reverse ? move_out(u, arc) : move_in(u, arc));
      trail.push_back(arc.node);
      descend(arc.node);
      trail.pop_back();
      moves.pop_back();
      if (stop) return;
    }
  };
  trail.push_back(start);
  descend(start);
}

bool Blocked::move(const Move& m) const {
  if (m.from != spur) return false;
  return std::ranges::find(spur_moves, m) != spur_moves.end();
}

std::optional<std::vector<Move>> bidirectional_bfs(SearchContext& ctx, NodeIndex s, NodeIndex t,
                                                   std::optional<std::size_t> max_length,
                                                   const Blocked* blocked) {
  ++ctx.statistics.searches;
  if (s == t) return std::vector<Move>{};
  struct Visit {
    Move move;  // forward side: the move into the node; backward side: the move out of it
    std::uint32_t depth = 0;
    bool root = false;
  };
  std::unordered_map<NodeIndex, Visit> seen[2];  // 0: from s, 1: from t
  std::vector<NodeIndex> frontier[2] = {{s}, {t}};
  std::uint32_t depth[2] = {0, 0};
  seen[0][s] = Visit{{}, 0, true};
  seen[1][t] = Visit{{}, 0, true};

  while (!frontier[0].empty() && !frontier[1].empty()) {
    if (max_length && depth[0] + depth[1] >= *max_length) {
      ctx.length_cut = true;
      return std::nullopt;
    }
    int side = frontier[0].size() <= frontier[1].size() ? 0 : 1;
    int other = 1 - side;
    std::vector<NodeIndex> next;
    std::optional<NodeIndex> meeting;
    std::uint32_t best = 0;
    for (NodeIndex u : frontier[side]) {
      ctx.tick();
      auto arcs = side == 0 ? ctx.graph.out_arcs(u) : ctx.graph.in_arcs(u);
      for (const Arc& arc : arcs) {
        NodeIndex v = arc.node;
        Move m = side == 0 ? move_out(u, arc) : move_in(u, arc);
        if (blocked && (blocked->node(v) || blocked->move(m))) continue;
        auto [it, inserted] = seen[side].try_emplace(v, Visit{m, depth[side] + 1, false});
        if (!inserted) continue;
        next.push_back(v);
        auto met = seen[other].find(v);
        if (met != seen[other].end()) {
          std::uint32_t total = depth[side] + 1 + met->second.depth;
          if (!meeting || total < best) {
            meeting = v;
            best = total;
          }
        }
      }
    }
    if (meeting) {
      std::vector<Move> moves;
      for (NodeIndex v = *meeting; !seen[0][v].root; v = seen[0][v].move.from) {
        moves.push_back(seen[0][v].move);
      }
      std::ranges::reverse(moves);
      for (NodeIndex v = *meeting; !seen[1][v].root; v = seen[1][v].move.to) {
        moves.push_back(seen[1][v].move);
      }
      return moves;
    }
    frontier[side] = std::move(next);
    ++depth[side];
  }
  return std::nullopt;
}

}  // namespace wsiskg::graph::detail
