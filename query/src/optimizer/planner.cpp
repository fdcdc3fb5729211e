#include "optimizer/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "optimizer/analysis.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query::optimizer {

using store::TermId;

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

using exec::GraphSpec;
using exec::PatternTerm;
using store::kAnyTerm;
using store::TermId;

std::string show(const ast::VarOrTerm& t) {
  if (const auto* v = std::get_if<ast::Var>(&t)) return "?" + v->name;
  return rdf::to_ntriples(std::get<rdf::Term>(t));
}

std::set<int> intersect(const std::set<int>& a, const std::set<int>& b) {
  std::set<int> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

exec::SlotList to_list(const std::set<int>& s) {
  return {s.begin(), s.end()};
}

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

std::string sse_list(const std::vector<ast::Expression>& es) {
  std::string out;
  for (const auto& e : es) out += (out.empty() ? "" : " ") + algebra::to_sse(e);
  return out;
}

}  // namespace

// One element of a join group that can extend its input row by row.
struct Planner::ChainItem {
  enum class Kind { Triple, Path, Table } kind;
  const algebra::Triple* triple = nullptr;
  const algebra::PathPattern* path = nullptr;
  const algebra::Table* table = nullptr;
};

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
  p.op = exec::make_single_row(ctx_);
  p.estimate = 1;
  p.op->estimate = 1;
  return p;
}

Plan Planner::plan(const algebra::Node& node) {
  owned_.push_back(hoist_required(node));
  const algebra::Node& root = owned_.back();
  // EXISTS: plans prepared while planning, run per row with the row as the seed.
  ctx_.exists = [this](const ast::ExistsExpr& e, const exec::Scope&, const exec::Row& row) {
    auto it = exists_.find(&*e.pattern);
    if (it == exists_.end()) throw Error(ErrorKind::BadData, "internal: EXISTS not planned");
    it->second.seed->set(row);
    it->second.op->open();
    exec::Row out;
    return it->second.op->next(out);
  };
  return compile(root, Plan{});
}

void Planner::prepare_exists(const ast::Expression& e) {
  walk_exists(e, [&](const ast::ExistsExpr& x) {
    const void* key = &*x.pattern;
    if (exists_.count(key)) return;
    owned_.push_back(hoist_required(algebra::translate_pattern(*x.pattern)));
    auto seed = std::make_unique<exec::Seed>(ctx_);
    exec::Seed* raw = seed.get();
    Plan input;
    input.op = std::move(seed);
    for (const auto& [name, s] : *scope_) input.maybe.insert(s);
    Plan p = compile(owned_.back(), std::move(input));
    exists_.emplace(key, ExistsPlan{raw, std::move(p.op)});
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

void Planner::flatten(const algebra::Node& node, std::vector<ChainItem>& chain,
                      std::vector<const algebra::Node*>& opaque,
                      std::vector<ast::Expression>& filters) {
  if (const auto* j = std::get_if<algebra::Join>(&node.op)) {
    flatten(*j->left, chain, opaque, filters);
    flatten(*j->right, chain, opaque, filters);
  } else if (const auto* b = std::get_if<algebra::Bgp>(&node.op)) {
    for (const auto& t : b->triples)
      chain.push_back({ChainItem::Kind::Triple, &t, nullptr, nullptr});
  } else if (const auto* p = std::get_if<algebra::PathPattern>(&node.op)) {
    chain.push_back({ChainItem::Kind::Path, nullptr, p, nullptr});
  } else if (const auto* t = std::get_if<algebra::Table>(&node.op)) {
    chain.push_back({ChainItem::Kind::Table, nullptr, nullptr, t});
  } else if (const auto* f = std::get_if<algebra::Filter>(&node.op)) {
    // A filter inside a join may move up to the join when it only reads variables its own
    // pattern always binds (then it sees the same values either way).
    Names certain = certain_vars(*f->input);
    bool movable = true;
    for (const auto& c : f->conditions) {
      Names used;
      bool ex = false;
      expression_vars(c, used, ex);
      movable =
          movable && !ex && std::includes(certain.begin(), certain.end(), used.begin(), used.end());
    }
    if (movable) {
      flatten(*f->input, chain, opaque, filters);
      filters.insert(filters.end(), f->conditions.begin(), f->conditions.end());
    } else {
      opaque.push_back(&node);
    }
  } else {
    opaque.push_back(&node);
  }
}

Plan Planner::compile_group(const algebra::Node& node, std::vector<ast::Expression> filters,
                            Plan input) {
  std::vector<ChainItem> chain;
  std::vector<const algebra::Node*> opaque;
  flatten(node, chain, opaque, filters);

  Plan current = std::move(input);
  for (const auto* o : opaque) current = join_plans(std::move(current), compile(*o, Plan{}));
  if (!current.op) current = single_row();

  // Filters: variables each one reads; placed once those are all certainly bound.
  struct Pending {
    ast::Expression expression;
    std::set<int> slots;
    bool fixed_last;  // EXISTS or reads a variable not always bound here: after everything
  };
  std::vector<Pending> pending;
  for (auto& f : filters) {
    prepare_exists(f);
    Names used;
    bool ex = false;
    expression_vars(f, used, ex);
    Pending p{std::move(f), {}, ex};
    for (const auto& n : used) p.slots.insert(slot(n));
    pending.push_back(std::move(p));
  }
  auto place_filters = [&](Plan& plan, bool last) {
    std::vector<ast::Expression> ready;
    for (auto it = pending.begin(); it != pending.end();) {
      bool ok = last || (!it->fixed_last && std::includes(plan.certain.begin(), plan.certain.end(),
                                                          it->slots.begin(), it->slots.end()));
      if (ok) {
        ready.push_back(std::move(it->expression));
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
    if (ready.empty()) return;
    std::string text = sse_list(ready);
    plan.op = exec::make_filter(ctx_, std::move(plan.op), std::move(ready), scope_, text);
    plan.estimate = std::max(plan.estimate * 0.5, 0.0);
    plan.op->estimate = plan.estimate;
  };
  place_filters(current, false);

  // Per-item facts for ordering.
  struct Candidate {
    ChainItem item;
    PatternTerm s, p, o;
    double base = 0;  // matches with only the constants bound
    std::optional<store::PredicateStatistics> stats;
    std::set<int> slots;
  };
  std::vector<Candidate> cands;
  for (const auto& item : chain) {
    Candidate c{item, {}, {}, {}, 0, std::nullopt, {}};
    if (item.kind == ChainItem::Kind::Triple) {
      c.s = term(item.triple->subject);
      c.p = term(item.triple->predicate);
      c.o = term(item.triple->object);
      store::QuadPattern qp;
      bool impossible = false;
      auto fix = [&](const PatternTerm& t, TermId& out) {
        if (t.is_var()) return;
        if (exec::is_local(t.constant)) impossible = true;
        out = t.constant;
      };
      fix(c.s, qp.subject);
      fix(c.p, qp.predicate);
      fix(c.o, qp.object);
      c.base = impossible ? 0 : exec::estimate_pattern(ctx_, active_graph_, qp);
      if (!c.p.is_var() && !impossible) c.stats = ctx_.txn.predicate_statistics(c.p.constant);
      for (const auto* t : {&c.s, &c.p, &c.o})
        if (t->is_var()) c.slots.insert(t->slot);
    } else if (item.kind == ChainItem::Kind::Path) {
      c.s = term(item.path->subject);
      c.o = term(item.path->object);
      c.base = 1000;
      for (const auto* t : {&c.s, &c.o})
        if (t->is_var()) c.slots.insert(t->slot);
    } else {
      c.base = static_cast<double>(item.table->data.rows.size());
      for (const auto& v : item.table->data.vars) c.slots.insert(slot(v.name));
    }
    if (active_graph_.kind == GraphSpec::Kind::Variable) c.slots.insert(active_graph_.slot);
    cands.push_back(std::move(c));
  }

  // Matches per input row given the slots already bound.
  auto per_row = [&](const Candidate& c, const std::set<int>& bound) {
    auto is_bound = [&](const PatternTerm& t) { return t.is_var() && bound.count(t.slot); };
    double est = c.base;
    if (est == 0) return 0.0;
    switch (c.item.kind) {
      case ChainItem::Kind::Triple: {
        bool sb = is_bound(c.s), ob = is_bound(c.o), pb = is_bound(c.p);
        if (c.stats) {
          if (sb) est *= 1.0 / std::max<double>(1, c.stats->distinct_subjects);
          if (ob) est *= 1.0 / std::max<double>(1, c.stats->distinct_objects);
        } else {
          if (sb) est = std::min(est, 20.0);
          if (ob) est = std::min(est, 50.0);
          if (pb) est /= 10;
        }
        if (sb && ob) est = std::min(est, 1.0);
        return std::max(est, 1e-4);
      }
      case ChainItem::Kind::Path:
        if (is_bound(c.s) || is_bound(c.o) || !c.s.is_var() || !c.o.is_var()) return 10.0;
        return 1e6;
      case ChainItem::Kind::Table: {
        bool shares = false;
        for (int s : c.slots) shares = shares || bound.count(s);
        return shares ? 1.0 : est;
      }
    }
    return est;
  };

  std::vector<bool> used(cands.size(), false);
  for (std::size_t step = 0; step < cands.size(); ++step) {
    std::size_t best = cands.size();
    double best_cost = std::numeric_limits<double>::infinity();
    bool best_connected = false;
    for (std::size_t i = 0; i < cands.size(); ++i) {
      if (used[i]) continue;
      bool connected = false;
      for (int s : cands[i].slots) connected = connected || current.certain.count(s);
      double cost = per_row(cands[i], current.certain);
      // Prefer patterns connected to what is bound (no cross products), unless empty.
      bool better = (cost == 0 && best_cost != 0) ||
                    (best_cost != 0 && ((connected && !best_connected) ||
                                        (connected == best_connected && cost < best_cost)));
      if (best == cands.size() || better) {
        best = i;
        best_cost = cost;
        best_connected = connected;
      }
    }
    used[best] = true;
    Candidate& c = cands[best];
    Plan next;
    next.certain = current.certain;
    next.maybe = current.maybe;
    next.estimate = current.estimate * best_cost;
    switch (c.item.kind) {
      case ChainItem::Kind::Triple: {
        exec::TriplePlan tp{c.s, c.p, c.o};
        std::string text = fmt::format("{} {} {}", show(c.item.triple->subject),
                                       show(c.item.triple->predicate), show(c.item.triple->object));
        next.op = exec::make_pattern_scan(ctx_, std::move(current.op), tp, active_graph_, facts_,
                                          text, c.base);
        next.certain.insert(c.slots.begin(), c.slots.end());
        break;
      }
      case ChainItem::Kind::Path: {
        std::string text =
            fmt::format("{} <path> {}", show(c.item.path->subject), show(c.item.path->object));
        next.op = exec::make_path_scan(ctx_, std::move(current.op), c.s, c.item.path->path, c.o,
                                       active_graph_, facts_, text);
        next.certain.insert(c.slots.begin(), c.slots.end());
        break;
      }
      case ChainItem::Kind::Table: {
        const auto& data = c.item.table->data;
        exec::SlotList slots;
        for (const auto& v : data.vars) slots.push_back(slot(v.name));
        std::vector<exec::Row> rows;
        for (const auto& r : data.rows) {
          exec::Row row(static_cast<std::size_t>(ctx_.slot_count), kAnyTerm);
          for (std::size_t i = 0; i < r.size(); ++i)
            if (r[i]) row[static_cast<std::size_t>(slots[i])] = ctx_.terms.encode(*r[i]);
          rows.push_back(std::move(row));
        }
        Names certain = certain_vars(algebra::Node{*c.item.table});
        for (const auto& n : certain) next.certain.insert(slot(n));
        next.op = exec::make_values(ctx_, std::move(current.op), slots, std::move(rows));
        break;
      }
    }
    next.maybe.insert(c.slots.begin(), c.slots.end());
    next.op->estimate = next.estimate;
    current = std::move(next);
    place_filters(current, false);
  }
  place_filters(current, true);
  return current;
}

Plan Planner::compile(const algebra::Node& node, Plan input) {
  using namespace algebra;
  return std::visit(
      overloaded{
          [&](const Bgp&) { return compile_group(node, {}, std::move(input)); },
          [&](const PathPattern&) { return compile_group(node, {}, std::move(input)); },
          [&](const Join&) { return compile_group(node, {}, std::move(input)); },
          [&](const Table&) { return compile_group(node, {}, std::move(input)); },
          [&](const Filter& f) { return compile_group(*f.input, f.conditions, std::move(input)); },
          [&](const LeftJoin& lj) {
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
              out.op =
                  exec::make_left_join(ctx_, std::move(left.op), std::move(right.op), to_list(key),
                                       to_list(right.maybe), std::move(cond), scope_);
            }
            out.op->estimate = out.estimate;
            return out;
          },
          [&](const Union& u) {
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
          },
          [&](const Minus& m) {
            Plan left = compile(*m.left, std::move(input));
            Plan right = compile(*m.right, Plan{});
            Plan out;
            out.certain = left.certain;
            out.maybe = left.maybe;
            out.estimate = left.estimate;
            auto key = intersect(left.certain, right.certain);
            auto shared = intersect(left.maybe, right.maybe);
            out.op = exec::make_minus(ctx_, std::move(left.op), std::move(right.op), to_list(key),
                                      to_list(shared));
            out.op->estimate = out.estimate;
            return out;
          },
          [&](const Graph& g) {
            GraphSpec saved = active_graph_;
            GraphSpec spec = named_template_;
            if (const auto* v = std::get_if<ast::Var>(&g.name)) {
              spec.slot = slot(v->name);
            } else {
              const auto& t = std::get<rdf::Term>(g.name);
              auto id = ctx_.terms.find(t);
              spec.kind = GraphSpec::Kind::Single;
              if (!id || (spec.restricted && std::find(spec.graphs.begin(), spec.graphs.end(),
                                                       *id) == spec.graphs.end()))
                spec.kind = GraphSpec::Kind::Empty;
              else
                spec.graph = *id;
            }
            const auto* bgp = std::get_if<Bgp>(&g.input->op);
            if (spec.kind != GraphSpec::Kind::Variable && bgp != nullptr && bgp->triples.empty()) {
              // GRAPH <iri> {}: one empty row when the graph exists in the dataset, else none.
              bool exists = false;
              if (spec.kind == GraphSpec::Kind::Single) {
                std::vector<TermId> graphs =
                    spec.restricted ? spec.graphs : ctx_.txn.named_graphs();
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
                ops.push_back(
                    exec::make_values(ctx_, std::move(body.op), {spec.slot}, std::move(rows)));
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
          },
          [&](const Service& s) -> Plan {
            if (!s.silent)
              throw Error(ErrorKind::BadData,
                          "SERVICE is not supported: wsiskg queries only its local store");
            return join_plans(std::move(input), single_row());
          },
          [&](const Extend& e) {
            Plan p = compile(*e.input, std::move(input));
            int s = slot(e.var.name);
            ast::Expression expr = e.expression;
            prepare_exists(expr);
            std::string text = fmt::format("?{} := {}", e.var.name, algebra::to_sse(expr));
            p.op = exec::make_extend(ctx_, std::move(p.op), s, std::move(expr), scope_, text);
            p.maybe.insert(s);
            p.op->estimate = p.estimate;
            return p;
          },
          [&](const Group& g) {
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
            gp.implicit_group =
                g.keys.size() == 1 && std::holds_alternative<rdf::Term>(g.keys[0].node);
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
          },
          [&](const OrderBy& o) {
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
          },
          [&](const Project& pr) {
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
          },
          [&](const Distinct& d) {
            Plan p = compile(*d.input, std::move(input));
            p.op = exec::make_distinct(ctx_, std::move(p.op), to_list(p.maybe));
            p.op->estimate = p.estimate;
            return p;
          },
          [&](const Reduced& d) {
            Plan p = compile(*d.input, std::move(input));
            p.op = exec::make_distinct(ctx_, std::move(p.op), to_list(p.maybe));
            p.op->estimate = p.estimate;
            return p;
          },
          [&](const Slice& s) {
            std::uint64_t offset = s.offset.value_or(0);
            // ORDER BY … LIMIT n (through a projection): only the first offset+n rows are kept.
            const Node* below = &*s.input;
            if (const auto* pr = std::get_if<Project>(&below->op)) below = &*pr->input;
            if (s.limit && std::holds_alternative<OrderBy>(below->op))
              top_n_hint_ = offset + *s.limit;
            Plan p = compile(*s.input, std::move(input));
            p.op = exec::make_slice(ctx_, std::move(p.op), offset, s.limit);
            if (s.limit) p.estimate = std::min(p.estimate, static_cast<double>(*s.limit));
            p.op->estimate = p.estimate;
            return p;
          },
      },
      node.op);
}

namespace {

void explain_line(const exec::Operator& op, int depth, bool analyze, std::string& out) {
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ');
  out += op.name();
  std::string d = op.detail();
  if (!d.empty()) out += " " + d;
  out += fmt::format(" est={}", static_cast<std::uint64_t>(std::llround(op.estimate)));
  if (analyze) out += fmt::format(" actual={} time={:.3f} ms", op.actual(), op.time_ms());
  out += "\n";
  for (const auto* child : op.children())
    if (child != nullptr) explain_line(*child, depth + 1, analyze, out);
}

}  // namespace

std::string explain_tree(const exec::Operator& root, bool analyze) {
  std::string out;
  explain_line(root, 0, analyze, out);
  return out;
}

}  // namespace wsiskg::query::optimizer
