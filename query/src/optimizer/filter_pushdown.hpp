#pragma once
// FILTER placement inside a join group: each filter runs right after the step that makes every
// variable it reads certainly bound, so rows are dropped as early as possible.

#include <set>
#include <vector>

#include "optimizer/planner.hpp"

namespace wsiskg::query::optimizer {

class PendingFilters {
 public:
  // `slots`: the slots the filter reads; `fixed_last`: it must run after the whole group
  // (it contains EXISTS, which sees the complete row).
  void add(ast::Expression expression, std::set<int> slots, bool fixed_last);
  // Wraps plan.op in one Filter with every pending filter that can run now (all that remain
  // when `last`), and lowers the estimate.
  void place(ExecContext& ctx, const exec::ScopePtr& scope, Plan& plan, bool last);

 private:
  struct Pending {
    ast::Expression expression;
    std::set<int> slots;
    bool fixed_last;
  };
  std::vector<Pending> pending_;
};

}  // namespace wsiskg::query::optimizer
