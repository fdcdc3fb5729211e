// Joins of independently planned parts: hash join, OPTIONAL (per row when its right side is a
// plain pattern sharing a bound variable, else a hash left join), UNION and MINUS.

#include "optimizer/analysis.hpp"
#include "optimizer/plan_support.hpp"
#include "optimizer/planner.hpp"

namespace wsiskg::query::optimizer {

Plan Planner::join_plans(Plan left, Plan right) {
  if (!left.op) return right;
  Plan out;
  auto key = intersect(left.certain, right.certain);
  out.certain = left.certain;
  out.certain.insert(right.certain.begin(), right.certain.end());
  out.maybe = left.maybe;
  out.maybe.insert(right.maybe.begin(), right.maybe.end());
  out.estimate =
      key.empty() ? left.estimate * right.estimate : std::max(left.estimate, right.estimate);
  out.op = exec::make_hash_join(ctx_, std::move(left.op), std::move(right.op), to_list(key),
                                to_list(right.maybe));
  out.op->estimate = out.estimate;
  return out;
}

Plan Planner::compile_left_join(const algebra::LeftJoin& lj, Plan input) {
  Plan left = compile(*lj.left, std::move(input));
  std::optional<ast::Expression> cond = lj.condition;
  if (cond) prepare_exists(*cond);
  Names right_vars = maybe_vars(*lj.right);
  bool shares = false;
  for (const auto& n : right_vars) {
    auto it = scope_->find(n);
    shares = shares || (it != scope_->end() && left.certain.count(it->second));
  }
  Plan out;
  out.certain = left.certain;
  out.maybe = left.maybe;
  if (substitutable(*lj.right) && shares) {
    auto seed = std::make_unique<exec::Seed>(ctx_);
    exec::Seed* raw = seed.get();
    Plan seed_plan;
    seed_plan.op = std::move(seed);
    seed_plan.certain = left.certain;
    seed_plan.maybe = left.maybe;
    Plan right = compile(*lj.right, std::move(seed_plan));
    out.maybe.insert(right.maybe.begin(), right.maybe.end());
    out.estimate = left.estimate * std::max(1.0, right.estimate);
    out.op = exec::make_bind_left_join(ctx_, std::move(left.op), raw, std::move(right.op),
                                       std::move(cond), scope_);
  } else {
    Plan right = compile(*lj.right, Plan{});
    auto key = intersect(left.certain, right.certain);
    out.maybe.insert(right.maybe.begin(), right.maybe.end());
    out.estimate = std::max(left.estimate, right.estimate);
    out.op = exec::make_left_join(ctx_, std::move(left.op), std::move(right.op), to_list(key),
                                  to_list(right.maybe), std::move(cond), scope_);
  }
  out.op->estimate = out.estimate;
  return out;
}

Plan Planner::compile_union(const algebra::Union& u, Plan input) {
  Plan a = compile(*u.left, Plan{});
  Plan b = compile(*u.right, Plan{});
  Plan out;
  out.certain = intersect(a.certain, b.certain);
  out.maybe = a.maybe;
  out.maybe.insert(b.maybe.begin(), b.maybe.end());
  out.estimate = a.estimate + b.estimate;
  std::vector<OperatorPtr> ops;
  ops.push_back(std::move(a.op));
  ops.push_back(std::move(b.op));
  out.op = exec::make_union(ctx_, std::move(ops));
  out.op->estimate = out.estimate;
  return join_plans(std::move(input), std::move(out));
}

Plan Planner::compile_minus(const algebra::Minus& m, Plan input) {
  Plan left = compile(*m.left, std::move(input));
  Plan right = compile(*m.right, Plan{});
  Plan out;
  out.certain = left.certain;
  out.maybe = left.maybe;
  out.estimate = left.estimate;
  auto key = intersect(left.certain, right.certain);
  auto shared = intersect(left.maybe, right.maybe);
  out.op = exec::make_minus(ctx_, std::move(left.op), std::move(right.op), to_list(key),
                            to_list(shared), substitution_);
  out.op->estimate = out.estimate;
  return out;
}

}  // namespace wsiskg::query::optimizer
