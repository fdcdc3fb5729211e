#include "optimizer/filter_pushdown.hpp"

#include <algorithm>

#include "optimizer/plan_support.hpp"

namespace wsiskg::query::optimizer {

void PendingFilters::add(ast::Expression expression, std::set<int> slots, bool fixed_last) {
  pending_.push_back({std::move(expression), std::move(slots), fixed_last});
}

void PendingFilters::place(ExecContext& ctx, const exec::ScopePtr& scope, Plan& plan, bool last) {
  std::vector<ast::Expression> ready;
  for (auto it = pending_.begin(); it != pending_.end();) {
    bool ok = last || (!it->fixed_last && std::includes(plan.certain.begin(), plan.certain.end(),
                                                        it->slots.begin(), it->slots.end()));
    if (ok) {
      ready.push_back(std::move(it->expression));
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  if (ready.empty()) return;
  std::string text = sse_list(ready);
  plan.op = exec::make_filter(ctx, std::move(plan.op), std::move(ready), scope, text);
  plan.estimate = std::max(plan.estimate * 0.5, 0.0);
  plan.op->estimate = plan.estimate;
}

}  // namespace wsiskg::query::optimizer
