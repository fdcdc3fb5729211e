// The planner's entry point (plan) and its single dispatch over algebra nodes (compile).

#include "optimizer/planner.hpp"

#include <algorithm>

#include "optimizer/analysis.hpp"
#include "optimizer/plan_support.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query::optimizer {

using exec::GraphSpec;
using exec::PatternTerm;
using store::TermId;

Planner::Planner(ExecContext& ctx, const std::vector<ast::DatasetClause>& dataset,
                 DefaultGraph default_graph)
    : ctx_(ctx), scope_(std::make_shared<exec::Scope>()) {
  auto stats = ctx.txn.statistics();
  facts_.has_default = stats.default_graph_quads > 0;
  facts_.has_named = stats.named_graphs > 0;
  named_template_.kind = GraphSpec::Kind::Variable;
  if (dataset.empty()) {
    if (default_graph == DefaultGraph::Union) active_graph_.kind = GraphSpec::Kind::UnionAll;
    return;
  }
  std::vector<TermId> from;
  bool any_from = false;
  named_template_.restricted = true;
  for (const auto& d : dataset) {
    auto id = ctx.terms.find(rdf::Term::iri(d.iri));
    if (d.named) {
      if (id) named_template_.graphs.push_back(*id);
    } else {
      any_from = true;
      if (id) from.push_back(*id);
    }
  }
  std::sort(from.begin(), from.end());
  from.erase(std::unique(from.begin(), from.end()), from.end());
  if (!any_from || from.empty()) {
    active_graph_.kind = GraphSpec::Kind::Empty;
  } else if (from.size() == 1) {
    active_graph_.graph = from[0];
  } else {
    active_graph_.kind = GraphSpec::Kind::Merge;
    active_graph_.graphs = from;
  }
}

int Planner::slot(const std::string& name) {
  auto it = scope_->find(name);
  if (it != scope_->end()) return it->second;
  int s = ctx_.slot_count++;
  scope_->emplace(name, s);
  return s;
}

PatternTerm Planner::term(const ast::VarOrTerm& v) {
  PatternTerm t;
  if (const auto* var = std::get_if<ast::Var>(&v)) {
    t.slot = slot(var->name);
  } else {
    const auto& term = std::get<rdf::Term>(v);
    if (term.is_blank())
      t.slot = slot("_:" + term.value);  // blank nodes in patterns act as variables
    else
      t.constant = ctx_.terms.encode(term);  // unknown to the store: a local id, matches nothing
  }
  return t;
}

Plan Planner::single_row() {
  Plan p;
  if (substitution_ != nullptr) {  // inside EXISTS: every leaf starts from μ
    p.op = exec::make_substitution_leaf(ctx_, substitution_);
    p.maybe = substitution_slots_;
    p.estimate = 1;
    p.op->estimate = 1;
    return p;
  }
  p.op = exec::make_single_row(ctx_);
  p.estimate = 1;
  p.op->estimate = 1;
  return p;
}

Plan Planner::plan(const algebra::Node& node) {
  owned_.push_back(hoist_required(node));
  const algebra::Node& root = owned_.back();
  // EXISTS: plans prepared while planning, run per row with the row as μ.
  ctx_.exists = [this](const ast::ExistsExpr& e, const exec::Scope&, const exec::Row& row) {
    auto it = exists_.find(&*e.pattern);
    if (it == exists_.end()) throw Error(ErrorKind::BadData, "internal: EXISTS not planned");
    exec::SubstitutionRow& mu = *it->second.mu;
    const exec::Row* outer = mu.row;  // a nested evaluation of the same EXISTS restores it
    mu.row = &row;
    it->second.op->open();
    exec::Row out;
    bool found = it->second.op->next(out);
    mu.row = outer;
    return found;
  };
  return compile(root, Plan{});
}

Plan Planner::compile(const algebra::Node& node, Plan input) {
  using namespace algebra;
  return std::visit(
      overloaded{
          // Join groups: BGPs, paths, VALUES and joins of them, with their filters.
          [&](const Bgp&) { return compile_group(node, {}, std::move(input)); },
          [&](const PathPattern&) { return compile_group(node, {}, std::move(input)); },
          [&](const PathSearch&) { return compile_group(node, {}, std::move(input)); },
          [&](const Join&) { return compile_group(node, {}, std::move(input)); },
          [&](const Table&) { return compile_group(node, {}, std::move(input)); },
          [&](const Filter& f) { return compile_group(*f.input, f.conditions, std::move(input)); },
          [&](const LeftJoin& lj) { return compile_left_join(lj, std::move(input)); },
          [&](const Union& u) { return compile_union(u, std::move(input)); },
          [&](const Minus& m) { return compile_minus(m, std::move(input)); },
          [&](const Graph& g) { return compile_graph(g, std::move(input)); },
          [&](const Service& s) { return compile_service(s, std::move(input)); },
          [&](const Extend& e) { return compile_extend(e, std::move(input)); },
          [&](const Group& g) { return compile_group_by(g, std::move(input)); },
          [&](const OrderBy& o) { return compile_order_by(o, std::move(input)); },
          [&](const Project& pr) { return compile_project(pr, std::move(input)); },
          [&](const Distinct& d) { return compile_distinct(*d.input, std::move(input)); },
          [&](const Reduced& d) { return compile_distinct(*d.input, std::move(input)); },
          [&](const Slice& s) { return compile_slice(s, std::move(input)); },
      },
      node.op);
}

}  // namespace wsiskg::query::optimizer
