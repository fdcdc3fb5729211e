#pragma once
// Path queries over a SearchGraph. Semantics (details in graph/DESIGN.md):
//  - Every returned path is simple: no node repeats. Shortest paths are simple anyway; k
//    shortest (Yen) and all-simple enumerate simple paths only. Walks and trails are not
//    enumerated, so cycles and self-loops never appear inside a path.
//  - A source that is also a target yields the zero-length path (SPARQL `*`); reachable()
//    gives the one-or-more-steps answer (SPARQL `+`).
//  - With node sets, answers are per (source, target) pair: Shortest gives one path per
//    reachable pair, AllShortest every shortest path of each pair, KShortest up to k per pair,
//    AllSimple every simple path of each pair up to max_length.
//  - Sets are searched as one multi-source search from the smaller side, not one per pair.

#include <cstddef>
#include <span>
#include <vector>

#include "wsiskg/graph/path.hpp"
#include "wsiskg/graph/search_graph.hpp"

namespace wsiskg::graph {

enum class PathMode : std::uint8_t { Shortest, AllShortest, KShortest, AllSimple };

// Without a max_length, AllSimple stops at this many steps (and says so when it cut paths).
inline constexpr std::size_t kDefaultSimplePathLength = 6;

struct PathQuery {
  std::vector<TermId> sources;
  std::vector<TermId> targets;
  PathMode mode = PathMode::Shortest;
  std::size_t k = 10;  // KShortest only
  PathLimits limits;
};

// Paths ordered by source (query order), target (query order), cost, then discovery.
PathResult find_paths(SearchGraph& graph, const PathQuery& query);

// Every node reachable from some source in one or more steps (SPARQL `sources p+ ?x`), ascending
// by term id. Breadth-first search from Boost.Graph over the graph.
std::vector<TermId> reachable(SearchGraph& graph, std::span<const TermId> sources);

}  // namespace wsiskg::graph
