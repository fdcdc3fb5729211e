#pragma once
// What a path search returns: paths as alternating node / step sequences, and whether a limit
// cut the answer short.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "wsiskg/store/term_id.hpp"

namespace wsiskg::graph {

using store::TermId;

// How one step uses its triple (s p o): Forward walks s -> o, Backward walks o -> s.
enum class Direction : std::uint8_t { Forward, Backward };

struct Step {
  TermId predicate = store::kAnyTerm;
  Direction direction = Direction::Forward;
  friend bool operator==(const Step&, const Step&) = default;
  friend auto operator<=>(const Step&, const Step&) = default;
};

// nodes[i] -steps[i]-> nodes[i+1]; a zero-length path is one node and no steps.
struct Path {
  std::vector<TermId> nodes;
  std::vector<Step> steps;
  double cost = 0;  // sum of step weights; equals length() when the search is unweighted

  std::size_t length() const { return steps.size(); }
  TermId source() const { return nodes.front(); }
  TermId target() const { return nodes.back(); }
  friend bool operator==(const Path& a, const Path& b) {
    return a.nodes == b.nodes && a.steps == b.steps;
  }
};

// Why an answer is incomplete. None means every path the query asks for is in the answer.
enum class Truncation : std::uint8_t {
  None,
  PathLimit,    // more paths exist than PathLimits::max_paths
  LengthLimit,  // a pair may have (more) paths longer than PathLimits::max_length
  TimeLimit,    // the deadline passed; the answer holds what was found until then
};
std::string_view to_string(Truncation truncation);

struct SearchStatistics {
  std::uint64_t expanded_nodes = 0;  // adjacency lists read
  std::uint64_t searches = 0;        // graph searches run (BFS/Dijkstra/bidirectional/spur)
  std::chrono::microseconds elapsed{0};
};

struct PathResult {
  std::vector<Path> paths;
  Truncation truncation = Truncation::None;
  SearchStatistics statistics;

  bool truncated() const { return truncation != Truncation::None; }
};

struct PathLimits {
  std::optional<std::size_t> max_length;  // in steps
  std::size_t max_paths = 1000;           // over the whole answer
  std::optional<std::chrono::milliseconds> timeout;
};

}  // namespace wsiskg::graph
