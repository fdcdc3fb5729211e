// Path searches (`?s ANY SHORTEST (path AS ?p) ?o`, README "Paths in queries"): the property
// path is compiled to an automaton against the store's predicate ids, and the operator extends
// the rows of its input, whose bound ends it searches from in one batch.
#include <fmt/format.h>

#include "execution/path_pattern.hpp"
#include "optimizer/join_order.hpp"
#include "optimizer/plan_support.hpp"
#include "optimizer/planner.hpp"
#include "wsiskg/query/path_expression.hpp"

namespace wsiskg::query::optimizer {

namespace {

graph::PathSelector selector_of(ast::PathSelector s) {
  switch (s) {
    case ast::PathSelector::Any:
      return graph::PathSelector::Any;
    case ast::PathSelector::All:
      return graph::PathSelector::All;
    case ast::PathSelector::AnyShortest:
      return graph::PathSelector::AnyShortest;
    case ast::PathSelector::AllShortest:
      return graph::PathSelector::AllShortest;
    case ast::PathSelector::ShortestK:
      return graph::PathSelector::ShortestK;
  }
  return graph::PathSelector::AnyShortest;
}

graph::PathRestrictor restrictor_of(ast::PathRestrictor r) {
  switch (r) {
    case ast::PathRestrictor::Walk:
      return graph::PathRestrictor::Walk;
    case ast::PathRestrictor::Trail:
      return graph::PathRestrictor::Trail;
    case ast::PathRestrictor::Simple:
      return graph::PathRestrictor::Simple;
    case ast::PathRestrictor::Acyclic:
      return graph::PathRestrictor::Acyclic;
  }
  return graph::PathRestrictor::Walk;
}

}  // namespace

Plan Planner::compile_path_search(const algebra::PathSearch& p, Plan input) {
  if (!input.op) input = single_row();
  const ast::PathSearch& search = p.search;
  exec::PathSearchPlan plan;
  plan.subject = term(p.subject);
  plan.object = term(p.object);
  if (search.var) plan.path_slot = slot(search.var->name);
  plan.automaton = compile_path_automaton(
      search.path, [&](const std::string& iri) { return ctx_.terms.find(rdf::Term::iri(iri)); });
  plan.selector = selector_of(search.selector);
  plan.k = static_cast<std::size_t>(search.k);
  plan.restrictor = restrictor_of(search.restrictor);
  plan.graph = active_graph_;
  plan.facts = facts_;
  plan.text = fmt::format("{} {} ({}{}) {}", show(p.subject), algebra::path_search_keywords(search),
                          path_to_sparql(search.path),
                          search.var ? " AS ?" + search.var->name : std::string(), show(p.object));

  Plan next;
  next.certain = input.certain;
  next.maybe = input.maybe;
  next.distinct = input.distinct;
  for (int s : {plan.subject.slot, plan.object.slot, plan.path_slot}) {
    if (s < 0) continue;
    next.certain.insert(s);
    next.maybe.insert(s);
  }
  if (active_graph_.kind == exec::GraphSpec::Kind::Variable) {
    next.certain.insert(active_graph_.slot);
    next.maybe.insert(active_graph_.slot);
  }
  // A rough guess: one path per bound pair, more when an end is free or the selector is ALL.
  bool both_bound = !plan.subject.is_var() && !plan.object.is_var();
  double per_row = both_bound ? 1 : 10;
  if (search.selector == ast::PathSelector::ShortestK) per_row *= static_cast<double>(search.k);
  if (search.selector == ast::PathSelector::All) per_row *= 10;
  next.estimate = input.estimate * per_row;
  next.op = exec::make_path_search(ctx_, std::move(input.op), std::move(plan));
  next.op->estimate = next.estimate;
  return next;
}

// A search whose variable ends no chain element mentions runs first (its rows then drive the
// chain's index lookups); one that shares an end with the chain runs after it, so the chain's
// distinct values become the search's sources or targets.
bool Planner::run_search_first(const algebra::PathSearch& p,
                               const std::vector<ChainItem>& chain) const {
  auto mentioned = [&](const ast::VarOrTerm& end) {
    const auto* v = std::get_if<ast::Var>(&end);
    if (v == nullptr) return false;
    auto is = [&](const ast::VarOrTerm& t) {
      const auto* w = std::get_if<ast::Var>(&t);
      return w != nullptr && w->name == v->name;
    };
    for (const ChainItem& item : chain) {
      if (item.triple != nullptr &&
          (is(item.triple->subject) || is(item.triple->predicate) || is(item.triple->object)))
        return true;
      if (item.path != nullptr && (is(item.path->subject) || is(item.path->object))) return true;
      if (item.table != nullptr)
        for (const auto& var : item.table->data.vars)
          if (var.name == v->name) return true;
    }
    return false;
  };
  return !mentioned(p.subject) && !mentioned(p.object);
}

}  // namespace wsiskg::query::optimizer
