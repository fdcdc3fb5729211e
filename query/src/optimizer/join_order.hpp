#pragma once
// Join order inside a group: each element (triple pattern, path, VALUES table) with what the
// cost model needs, the expected matches per input row, and the greedy choice of the next one.

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "execution/operators.hpp"
#include "wsiskg/query/algebra.hpp"
#include "wsiskg/store/statistics.hpp"

namespace wsiskg::query::optimizer {

// One element of a join group that can extend its input row by row.
struct ChainItem {
  enum class Kind { Triple, Path, Table } kind;
  const algebra::Triple* triple = nullptr;
  const algebra::PathPattern* path = nullptr;
  const algebra::Table* table = nullptr;
};

struct Candidate {
  ChainItem item;
  exec::PatternTerm s, p, o;
  double base = 0;  // matches with only the constants bound
  std::optional<store::PredicateStatistics> stats;
  std::set<int> slots;
};

// Expected matches per input row given the slots already bound.
double matches_per_row(const Candidate& c, const std::set<int>& bound);

// Estimated rows after extending `rows` rows by `c`: every variable the rows already bind is a
// join condition of selectivity 1 / max(values on either side), c's values coming from the
// predicate's distinct subject / object counts, the rows' from `domain` (per slot: the distinct
// values of the pattern that bound it; slots not listed: `rows`). Adds c's new variables to
// `domain`.
double join_rows(double rows, const std::set<int>& bound, std::map<int, double>& domain,
                 const Candidate& c);

struct NextStep {
  std::size_t index;
  double cost;  // matches_per_row of the chosen candidate
};
// The next candidate: patterns connected to what is bound first (no cross products), then the
// fewest matches per row; an empty pattern at once.
NextStep choose_next(const std::vector<Candidate>& cands, const std::vector<bool>& used,
                     const std::set<int>& bound);

// Merge joins. The slot a standalone scan of `c` (only its constants bound) comes sorted by:
// the variable at the first index component that is not bound, when the scan reads one sorted
// run (one graph); nullopt otherwise.
std::optional<int> scan_sort_slot(exec::ExecContext& ctx, const exec::GraphSpec& graph,
                                  const exec::GraphFacts& facts, const Candidate& c);
// Whether joining `left_rows` rows, sorted on `key`, with a standalone scan of `c` sorted on it
// too is cheaper as a merge (one pass over each side, each left row meeting the right rows of
// its key) than as one index lookup per left row.
bool merge_pays(double left_rows, const Candidate& c, int key);

}  // namespace wsiskg::query::optimizer
