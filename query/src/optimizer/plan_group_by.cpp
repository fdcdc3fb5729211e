// GROUP BY with aggregates (AggregateJoin over Group in the algebra).

#include "optimizer/plan_support.hpp"
#include "optimizer/planner.hpp"

namespace wsiskg::query::optimizer {

Plan Planner::compile_group_by(const algebra::Group& g, Plan input) {
  Plan in = compile(*g.input, Plan{});
  exec::GroupPlan gp;
  std::string text;
  for (const auto& k : g.keys) {
    prepare_exists(k);
    const auto* v = std::get_if<ast::Var>(&k.node);
    gp.key_slots.push_back(v ? slot(v->name) : -1);
    gp.keys.push_back(k);
    text += (text.empty() ? "keys=" : " ") + algebra::to_sse(k);
  }
  gp.implicit_group = g.keys.size() == 1 && std::holds_alternative<rdf::Term>(g.keys[0].node);
  Plan out;
  for (int s : gp.key_slots)
    if (s >= 0) out.maybe.insert(s);
  for (const auto& a : g.aggregates) {
    int s = slot(a.var.name);
    gp.aggregates.push_back({s, a.aggregate});
    out.maybe.insert(s);
  }
  out.estimate = gp.implicit_group ? 1 : std::max(1.0, in.estimate / 10);
  out.op = exec::make_group(ctx_, std::move(in.op), std::move(gp), scope_, text);
  out.op->estimate = out.estimate;
  return join_plans(std::move(input), std::move(out));
}

}  // namespace wsiskg::query::optimizer
