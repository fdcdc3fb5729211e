#pragma once
// Path patterns with the GQL / SQL-PGQ path vocabulary, as the query language's extension
// `?s ANY SHORTEST TRAIL (path AS ?p) ?o` uses them (grammar and semantics: README, "Paths
// in queries"; algorithms: graph/DESIGN.md).
//
// Selectors: ANY (one path per pair), ALL (every path per pair), ANY SHORTEST, ALL SHORTEST,
// SHORTEST k (the k shortest per pair). Restrictors (modes): WALK (no restriction), TRAIL (no
// repeated edge), SIMPLE (no repeated node, except that the first may equal the last),
// ACYCLIC (no repeated node at all). Repetition is judged on the store's nodes and edges, not on
// automaton states. ALL WALK can be infinite and is rejected (wsiskg::Error, Usage).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wsiskg/graph/path.hpp"
#include "wsiskg/graph/path_automaton.hpp"
#include "wsiskg/graph/triple_source.hpp"

namespace wsiskg::graph {

enum class PathSelector : std::uint8_t { Any, All, AnyShortest, AllShortest, ShortestK };
enum class PathRestrictor : std::uint8_t { Walk, Trail, Simple, Acyclic };

struct PathPatternQuery {
  // nullopt: the end is free (a SPARQL variable not bound yet) — every node that can start
  // (end) an accepted path. Sets are searched as one multi-source search.
  std::optional<std::vector<TermId>> sources;
  std::optional<std::vector<TermId>> targets;
  PathSelector selector = PathSelector::AnyShortest;
  std::size_t k = 1;  // ShortestK only
  PathRestrictor restrictor = PathRestrictor::Walk;
  PathLimits limits;
};

// Paths as in path.hpp (base-graph nodes and steps; automaton states are not exposed), ordered
// by source, target, length, then discovery. Truncation says when a limit cut the answer.
PathResult find_pattern_paths(const TripleSource& source, const PathAutomaton& automaton,
                              const PathPatternQuery& query);

}  // namespace wsiskg::graph
