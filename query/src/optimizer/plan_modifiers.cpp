// Operators over one input: BIND (Extend), ORDER BY, SELECT projection (a sub-SELECT's own
// variable scope), DISTINCT/REDUCED, LIMIT/OFFSET, and SERVICE (local store only).

#include <fmt/format.h>

#include "optimizer/plan_support.hpp"
#include "optimizer/planner.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query::optimizer {

Plan Planner::compile_extend(const algebra::Extend& e, Plan input) {
  Plan p = compile(*e.input, std::move(input));
  int s = slot(e.var.name);
  ast::Expression expr = e.expression;
  prepare_exists(expr);
  std::string text = fmt::format("?{} := {}", e.var.name, algebra::to_sse(expr));
  // Right above another BIND it extends the same solutions (one BNODE(label) scope).
  bool continues = std::holds_alternative<algebra::Extend>(e.input->op);
  p.op = exec::make_extend(ctx_, std::move(p.op), s, std::move(expr), scope_, text, continues);
  p.maybe.insert(s);
  p.op->estimate = p.estimate;
  return p;
}

Plan Planner::compile_order_by(const algebra::OrderBy& o, Plan input) {
  std::optional<std::uint64_t> top_n = top_n_hint_;
  top_n_hint_.reset();
  Plan p = compile(*o.input, std::move(input));
  std::vector<exec::OrderKey> keys;
  std::string text;
  for (const auto& c : o.conditions) {
    prepare_exists(c.expression);
    keys.push_back({c.expression, c.descending});
    text += (text.empty() ? "" : " ") + std::string(c.descending ? "desc " : "") +
            algebra::to_sse(c.expression);
  }
  p.op = exec::make_order_by(ctx_, std::move(p.op), std::move(keys), scope_, top_n, text);
  p.op->estimate = p.estimate;
  return p;
}

Plan Planner::compile_project(const algebra::Project& pr, Plan input) {
  // A (sub-)SELECT: its own variable scope; only projected variables are shared
  // with the enclosing scope.
  auto outer = scope_;
  auto inner = std::make_shared<exec::Scope>();
  std::vector<int> keep;
  std::string text;
  for (const auto& v : pr.vars) {
    int s = slot(v.name);  // in the outer scope
    inner->emplace(v.name, s);
    keep.push_back(s);
    text += (text.empty() ? "?" : " ?") + v.name;
  }
  scope_ = inner;
  Plan p = compile(*pr.input, Plan{});
  scope_ = outer;
  std::set<int> kept(keep.begin(), keep.end());
  p.certain = intersect(p.certain, kept);
  p.maybe = intersect(p.maybe, kept);
  p.op = exec::make_project(ctx_, std::move(p.op), keep, text);
  p.op->estimate = p.estimate;
  return join_plans(std::move(input), std::move(p));
}

// DISTINCT and REDUCED (the latter may keep duplicates; removing them is allowed).
Plan Planner::compile_distinct(const algebra::Node& input_node, Plan input) {
  Plan p = compile(input_node, std::move(input));
  p.op = exec::make_distinct(ctx_, std::move(p.op), to_list(p.maybe));
  p.op->estimate = p.estimate;
  return p;
}

Plan Planner::compile_slice(const algebra::Slice& s, Plan input) {
  using algebra::Node;
  using algebra::OrderBy;
  using algebra::Project;
  std::uint64_t offset = s.offset.value_or(0);
  // ORDER BY … LIMIT n (through a projection): only the first offset+n rows are kept.
  const Node* below = &*s.input;
  if (const auto* pr = std::get_if<Project>(&below->op)) below = &*pr->input;
  if (s.limit && std::holds_alternative<OrderBy>(below->op)) top_n_hint_ = offset + *s.limit;
  Plan p = compile(*s.input, std::move(input));
  p.op = exec::make_slice(ctx_, std::move(p.op), offset, s.limit);
  if (s.limit) p.estimate = std::min(p.estimate, static_cast<double>(*s.limit));
  p.op->estimate = p.estimate;
  return p;
}

Plan Planner::compile_service(const algebra::Service& s, Plan input) {
  if (!s.silent)
    throw Error(ErrorKind::BadData,
                "SERVICE is not supported: wsiskg queries only its local store");
  return join_plans(std::move(input), single_row());
}

}  // namespace wsiskg::query::optimizer
