#pragma once
// The path-search operator of the query extension `?s ANY SHORTEST (path AS ?p) ?o` (README,
// "Paths in queries"): extends each input row with the paths graph::find_pattern_paths finds,
// binding ?s, ?o and the path variable.

#include <string>

#include "execution/operators.hpp"
#include "wsiskg/graph/path_pattern.hpp"

namespace wsiskg::query::exec {

// Path values get ids of this kind in rows; the payload indexes the query's path table
// (PathTable). At the result boundary they become path terms (wsiskg/query/path_value.hpp).
struct PathSearchPlan {
  PatternTerm subject, object;
  int path_slot = -1;  // -1: the pattern has no path variable
  graph::PathAutomaton automaton;
  graph::PathSelector selector = graph::PathSelector::AnyShortest;
  std::size_t k = 1;
  graph::PathRestrictor restrictor = graph::PathRestrictor::Walk;
  GraphSpec graph;
  GraphFacts facts;
  std::string text;  // for explain
};

// Reads its whole input first, then runs one multi-source search per graph and per
// combination of bound ends (distinct bound values batched), and emits the rows.
OperatorPtr make_path_search(ExecContext& ctx, OperatorPtr input, PathSearchPlan plan);

}  // namespace wsiskg::query::exec
