#pragma once
// A SPARQL property-path expression compiled to an epsilon-free automaton over steps. The
// query layer builds it (query/ knows the syntax; graph/ knows only predicates and directions);
// a search walks the product of the automaton with the store: a product node is
// (term, automaton state), and a path is accepted when it ends in an accepting state.

#include <cstdint>
#include <vector>

#include "wsiskg/graph/path.hpp"

namespace wsiskg::graph {

using AutomatonState = std::uint32_t;

// One labelled transition. The step uses a triple whose predicate is in `predicates` (or, when
// `negated`, any predicate NOT in `predicates`, as SPARQL's `!(...)`), walked in `direction`:
// Forward uses (node p next), Backward uses (next p node) — SPARQL's `^p`.
struct AutomatonTransition {
  AutomatonState from = 0;
  AutomatonState to = 0;
  std::vector<TermId> predicates;  // ascending, distinct
  bool negated = false;
  Direction direction = Direction::Forward;
};

struct PathAutomaton {
  std::uint32_t state_count = 0;
  AutomatonState start = 0;
  std::vector<bool> accepting;  // size state_count; accepting[start] admits the zero-length path
  std::vector<AutomatonTransition> transitions;

  bool accepts_empty() const { return accepting.at(start); }
};

}  // namespace wsiskg::graph
