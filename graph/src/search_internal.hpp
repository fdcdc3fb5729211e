#pragma once
// Shared pieces of the path algorithms: the per-query context (limits, deadline, answer),
// steps as moves between node indexes, and the two search primitives every mode builds on.

#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "wsiskg/graph/path_search.hpp"

namespace wsiskg::graph::detail {

inline constexpr double kUnreached = std::numeric_limits<double>::infinity();

// One step between node indexes, in path orientation.
struct Move {
  NodeIndex from = 0;
  NodeIndex to = 0;
  std::uint32_t predicate = 0;
  Direction direction = Direction::Forward;
  float weight = 1;
  friend bool operator==(const Move& a, const Move& b) {
    return a.from == b.from && a.to == b.to && a.predicate == b.predicate &&
           a.direction == b.direction;
  }
};

inline Move move_out(NodeIndex from, const Arc& arc) {  // arc from out_arcs(from)
  return {from, arc.node, arc.predicate, arc.direction(), arc.weight};
}
inline Move move_in(NodeIndex to, const Arc& arc) {  // arc from in_arcs(to)
  return {arc.node, to, arc.predicate, arc.direction(), arc.weight};
}

struct TimeUp {};        // thrown when the deadline passes
struct PathLimitHit {};  // thrown when the answer is full

class SearchContext {
 public:
  SearchContext(SearchGraph& graph, const PathLimits& limits);

  SearchGraph& graph;
  const PathLimits& limits;
  SearchStatistics statistics;
  bool length_cut = false;  // a bidirectional search stopped at max_length

  // Called once per expanded node; throws TimeUp when the deadline has passed.
  void tick() {
    if (!deadline_ || (++ticks_ & 63) != 0) return;
    if (std::chrono::steady_clock::now() > *deadline_) throw TimeUp{};
  }
  double weight_of(const Arc& arc) const { return graph.weighted() ? arc.weight : 1.0; }
  Path to_path(NodeIndex source, std::span<const Move> moves) const;

 private:
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::uint64_t ticks_ = 0;
};

// Distances from the seeds (forward: along path orientation; reverse: to the seeds, against
// it), by Boost.Graph BFS (unweighted) or Dijkstra (weighted).
struct Field {
  std::vector<double> distance;  // kUnreached beyond size()
  bool reverse = false;
  bool length_cut = false;       // stopped at max_length with nodes left to expand
  std::vector<NodeIndex> seeds;  // ascending
  double at(NodeIndex v) const { return v < distance.size() ? distance[v] : kUnreached; }
};

struct FieldOptions {
  bool reverse = false;
  std::span<const NodeIndex> wanted;      // stop once these are settled (empty: exhaust)
  std::optional<std::size_t> max_length;  // unweighted only: do not expand beyond
  bool count_steps = false;               // BFS by steps even when the graph is weighted
  // Weighted only: arcs for which this returns true are not taken (Yen's spur searches).
  std::function<bool(NodeIndex from, const Arc& arc)> blocked;
  // Weighted only: records the arc that last improved each node (Yen's spur path).
  std::vector<Move>* parents = nullptr;
};

Field search_field(SearchContext& ctx, std::span<const NodeIndex> seeds,
                   const FieldOptions& options);

// Follows the field downhill from `start` (a wanted node) to a seed and calls `emit` for each
// shortest path found, as moves in path orientation; `emit` returns false to stop. `one`: only
// the first path is wanted (on an unweighted field it is found without backtracking).
void enumerate_shortest(SearchContext& ctx, const Field& field, NodeIndex start,
                        const std::function<bool(std::span<const Move>)>& emit, bool one = false);

// What Yen's spur searches must avoid.
struct Blocked {
  std::span<const std::uint8_t> nodes;  // nodes[v] != 0: v may not be entered
  NodeIndex spur = 0;
  std::span<const Move> spur_moves;  // moves out of `spur` that may not be taken
  bool node(NodeIndex v) const { return v < nodes.size() && nodes[v]; }
  bool move(const Move& m) const;
};

// A shortest unweighted path s -> t by bidirectional BFS (level-synchronous, expanding the
// smaller frontier), or nullopt. Sets ctx.length_cut when max_length stopped it.
std::optional<std::vector<Move>> bidirectional_bfs(SearchContext& ctx, NodeIndex s, NodeIndex t,
                                                   std::optional<std::size_t> max_length,
                                                   const Blocked* blocked = nullptr);

}  // namespace wsiskg::graph::detail
