// EXISTS / NOT EXISTS (§18.6): exists(P) for a row μ is true when eval(substitute(P, μ)) has a
// solution. Each pattern is planned once; every leaf of its plan (not only the first scan)
// starts from μ, so scans, filters, OPTIONAL, UNION, MINUS, GRAPH, BIND, sub-SELECTs and nested
// EXISTS all see μ's values where the variables stood. Also: which OPTIONAL right-hand sides
// may be evaluated per left row.

#include <functional>

#include "optimizer/analysis.hpp"
#include "optimizer/plan_support.hpp"
#include "optimizer/planner.hpp"

namespace wsiskg::query::optimizer {

namespace {

void walk_exists(const ast::Expression& e, const std::function<void(const ast::ExistsExpr&)>& f) {
  std::visit(overloaded{
                 [&](const ast::BinaryExpr& b) {
                   walk_exists(*b.lhs, f);
                   walk_exists(*b.rhs, f);
                 },
                 [&](const ast::UnaryExpr& u) { walk_exists(*u.operand, f); },
                 [&](const ast::InExpr& in) {
                   walk_exists(*in.lhs, f);
                   for (const auto& x : in.list) walk_exists(x, f);
                 },
                 [&](const ast::BuiltinCall& c) {
                   for (const auto& x : c.args) walk_exists(x, f);
                 },
                 [&](const ast::FunctionCall& c) {
                   for (const auto& x : c.args) walk_exists(x, f);
                 },
                 [&](const ast::Aggregate& a) {
                   if (a.arg) walk_exists(**a.arg, f);
                 },
                 [&](const ast::ExistsExpr& x) { f(x); },
                 [](const auto&) {},
             },
             e.node);
}

}  // namespace

void Planner::prepare_exists(const ast::Expression& e) {
  walk_exists(e, [&](const ast::ExistsExpr& x) {
    const void* key = &*x.pattern;
    if (exists_.count(key)) return;
    owned_.push_back(hoist_required(algebra::translate_pattern(*x.pattern)));
    exec::SubstitutionRow* mu = &substitutions_.emplace_back();
    auto saved = substitution_;
    auto saved_slots = substitution_slots_;
    substitution_ = mu;
    substitution_slots_.clear();
    for (const auto& [name, s] : *scope_) substitution_slots_.insert(s);
    Plan p = compile(owned_.back(), Plan{});
    substitution_ = saved;
    substitution_slots_ = std::move(saved_slots);
    exists_.emplace(key, ExistsPlan{mu, std::move(p.op)});
  });
}

bool Planner::substitutable(const algebra::Node& node) const {
  return std::visit(
      overloaded{
          [](const algebra::Bgp&) { return true; },
          [](const algebra::PathPattern&) { return true; },
          [](const algebra::Table&) { return true; },
          [&](const algebra::Join& j) { return substitutable(*j.left) && substitutable(*j.right); },
          [](const auto&) { return false; },
      },
      node.op);
}

}  // namespace wsiskg::query::optimizer
