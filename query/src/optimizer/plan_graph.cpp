// GRAPH: scans restricted to one named graph, or with ?g bound per scan; evaluated once per
// named graph when the pattern cannot bind ?g through its scans alone.

#include <algorithm>

#include "optimizer/plan_support.hpp"
#include "optimizer/planner.hpp"

namespace wsiskg::query::optimizer {

using exec::GraphSpec;
using store::kAnyTerm;
using store::TermId;

namespace {

// True when GRAPH ?g over `node` cannot be evaluated by binding ?g in its scans alone, so it is
// evaluated once per named graph instead (§18.6: the union over g of eval(P in g) joined with
// ?g = g): a VALUES table, a grouping or a sub-SELECT produce rows that never saw the graph
// term; a nested GRAPH scans another graph; MINUS would treat ?g as shared; and a pattern that
// mentions ?g itself must bind it independently of the graph being scanned.
bool needs_per_graph(const algebra::Node& node, const std::string& g) {
  using namespace algebra;
  auto mentions = [&](const ast::VarOrTerm& t) {
    const auto* v = std::get_if<ast::Var>(&t);
    return v != nullptr && v->name == g;
  };
  return std::visit(
      overloaded{
          [](const Table&) { return true; },
          [](const Group&) { return true; },
          [](const Project&) { return true; },
          [](const Graph&) { return true; },
          [](const Minus&) { return true; },
          [&](const Bgp& b) {
            return std::ranges::any_of(b.triples, [&](const Triple& t) {
              return mentions(t.subject) || mentions(t.predicate) || mentions(t.object);
            });
          },
          [&](const PathPattern& p) { return mentions(p.subject) || mentions(p.object); },
          [&](const Join& j) {
            return needs_per_graph(*j.left, g) || needs_per_graph(*j.right, g);
          },
          [&](const LeftJoin& j) {
            return needs_per_graph(*j.left, g) || needs_per_graph(*j.right, g);
          },
          [&](const Union& u) {
            return needs_per_graph(*u.left, g) || needs_per_graph(*u.right, g);
          },
          [&](const auto& n) {
            if constexpr (requires { n.input; }) return needs_per_graph(*n.input, g);
            return false;
          },
      },
      node.op);
}

}  // namespace

Plan Planner::compile_graph(const algebra::Graph& g, Plan input) {
  using namespace algebra;
  GraphSpec saved = active_graph_;
  GraphSpec spec = named_template_;
  if (const auto* v = std::get_if<ast::Var>(&g.name)) {
    spec.slot = slot(v->name);
  } else {
    const auto& t = std::get<rdf::Term>(g.name);
    auto id = ctx_.terms.find(t);
    spec.kind = GraphSpec::Kind::Single;
    if (!id || (spec.restricted &&
                std::find(spec.graphs.begin(), spec.graphs.end(), *id) == spec.graphs.end()))
      spec.kind = GraphSpec::Kind::Empty;
    else
      spec.graph = *id;
  }
  const auto* bgp = std::get_if<Bgp>(&g.input->op);
  if (spec.kind != GraphSpec::Kind::Variable && bgp != nullptr && bgp->triples.empty()) {
    // GRAPH <iri> {}: one empty row when the graph exists in the dataset, else none.
    bool exists = false;
    if (spec.kind == GraphSpec::Kind::Single) {
      std::vector<TermId> graphs = spec.restricted ? spec.graphs : ctx_.txn.named_graphs();
      exists = std::find(graphs.begin(), graphs.end(), spec.graph) != graphs.end();
    }
    if (!exists) {
      Plan base = input.op ? std::move(input) : single_row();
      base.op = exec::make_values(ctx_, std::move(base.op), {}, {});
      base.estimate = 0;
      base.op->estimate = 0;
      return base;
    }
  }
  if (spec.kind == GraphSpec::Kind::Variable && bgp != nullptr && bgp->triples.empty()) {
    // GRAPH ?g {}: one row per named graph.
    std::vector<exec::Row> rows;
    std::vector<TermId> graphs = spec.restricted ? spec.graphs : ctx_.txn.named_graphs();
    for (TermId id : graphs) {
      exec::Row row(static_cast<std::size_t>(ctx_.slot_count), kAnyTerm);
      row[static_cast<std::size_t>(spec.slot)] = id;
      rows.push_back(std::move(row));
    }
    Plan base = input.op ? std::move(input) : single_row();
    Plan out;
    out.certain = base.certain;
    out.maybe = base.maybe;
    out.certain.insert(spec.slot);
    out.maybe.insert(spec.slot);
    out.estimate = base.estimate * static_cast<double>(rows.size());
    out.op = exec::make_values(ctx_, std::move(base.op), {spec.slot}, std::move(rows));
    out.op->estimate = out.estimate;
    return out;
  }
  if (spec.kind == GraphSpec::Kind::Variable &&
      needs_per_graph(*g.input, std::get<ast::Var>(g.name).name)) {
    // §18.6 Graph(?g, P): the union over named graphs of eval(P in g) joined with ?g = g.
    std::vector<TermId> graphs = spec.restricted ? spec.graphs : ctx_.txn.named_graphs();
    std::vector<OperatorPtr> ops;
    Plan out;
    for (TermId id : graphs) {
      GraphSpec one = spec;
      one.kind = GraphSpec::Kind::Single;
      one.graph = id;
      active_graph_ = one;
      Plan body = compile(*g.input, Plan{});
      active_graph_ = saved;
      exec::Row row(static_cast<std::size_t>(ctx_.slot_count), kAnyTerm);
      row[static_cast<std::size_t>(spec.slot)] = id;
      std::vector<exec::Row> rows;
      rows.push_back(std::move(row));
      out.certain = ops.empty() ? body.certain : intersect(out.certain, body.certain);
      out.maybe.insert(body.maybe.begin(), body.maybe.end());
      out.estimate += body.estimate;
      ops.push_back(exec::make_values(ctx_, std::move(body.op), {spec.slot}, std::move(rows)));
    }
    if (ops.empty()) {
      Plan none = single_row();
      none.op = exec::make_values(ctx_, std::move(none.op), {spec.slot}, {});
      none.estimate = 0;
      ops.push_back(std::move(none.op));
    }
    out.certain.insert(spec.slot);
    out.maybe.insert(spec.slot);
    out.op = exec::make_union(ctx_, std::move(ops));
    out.op->estimate = out.estimate;
    return join_plans(std::move(input), std::move(out));
  }
  active_graph_ = spec;
  Plan out = compile(*g.input, std::move(input));
  active_graph_ = saved;
  if (spec.kind == GraphSpec::Kind::Variable) {
    out.maybe.insert(spec.slot);
    if (bgp != nullptr) out.certain.insert(spec.slot);
  }
  return out;
}

}  // namespace wsiskg::query::optimizer
