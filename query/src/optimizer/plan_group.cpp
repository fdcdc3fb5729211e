// A join group: its elements (triple patterns, paths, VALUES) are chained as index nested-loop
// joins in the order join_order.cpp chooses, anything else (OPTIONAL, UNION, sub-SELECT …) is
// planned on its own and hash-joined first, and its filters are pushed down (filter_pushdown).

#include <fmt/format.h>

#include <algorithm>

#include "optimizer/analysis.hpp"
#include "optimizer/filter_pushdown.hpp"
#include "optimizer/join_order.hpp"
#include "optimizer/plan_support.hpp"
#include "optimizer/planner.hpp"

namespace wsiskg::query::optimizer {

using exec::GraphSpec;
using exec::PatternTerm;
using store::kAnyTerm;
using store::TermId;

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

Candidate Planner::make_candidate(const ChainItem& item) {
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
  return c;
}

Plan Planner::extend_chain(Plan current, const Candidate& c, double estimate) {
  Plan next;
  next.certain = current.certain;
  next.maybe = current.maybe;
  next.estimate = estimate;
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
  return next;
}

Plan Planner::merge_chain(Plan current, const Candidate& c, double estimate, int key) {
  Plan right = extend_chain(single_row(), c, c.base);  // the pattern alone, sorted by `key`
  std::string name;
  for (const auto* t : {&c.s, &c.p, &c.o})
    if (t->is_var() && t->slot == key) {
      const algebra::Triple& tr = *c.item.triple;
      name = show(t == &c.s ? tr.subject : t == &c.p ? tr.predicate : tr.object);
    }
  Plan out;
  out.certain = current.certain;
  out.certain.insert(right.certain.begin(), right.certain.end());
  out.maybe = current.maybe;
  out.maybe.insert(right.maybe.begin(), right.maybe.end());
  out.estimate = estimate;
  out.op = exec::make_merge_join(ctx_, std::move(current.op), std::move(right.op), key,
                                 to_list(right.maybe), "on " + name);
  out.op->estimate = out.estimate;
  return out;
}

Plan Planner::compile_group(const algebra::Node& node, std::vector<ast::Expression> filters,
                            Plan input) {
  std::vector<ChainItem> chain;
  std::vector<const algebra::Node*> opaque;
  flatten(node, chain, opaque, filters);

  // Path searches extend rows rather than being hash-joined (plan_path_pattern.cpp).
  std::vector<const algebra::PathSearch*> searches_first, searches_last;
  std::erase_if(opaque, [&](const algebra::Node* o) {
    const auto* search = std::get_if<algebra::PathSearch>(&o->op);
    if (search != nullptr)
      (run_search_first(*search, chain) ? searches_first : searches_last).push_back(search);
    return search != nullptr;
  });

  // Merge joins need the chain to start from nothing (a standalone, sorted first scan).
  const bool starts_empty =
      !input.op && opaque.empty() && searches_first.empty() && substitution_ == nullptr;
  Plan current = std::move(input);
  // Inside EXISTS the group starts from μ, also when a part planned apart (a sub-SELECT, which
  // projects μ's other variables away) comes first.
  if (!current.op && substitution_ != nullptr && !opaque.empty()) current = single_row();
  for (const auto* o : opaque) current = join_plans(std::move(current), compile(*o, Plan{}));
  if (!current.op) current = single_row();
  for (const auto* search : searches_first)
    current = compile_path_search(*search, std::move(current));

  // Filters: variables each one reads; placed once those are all certainly bound (EXISTS:
  // after everything).
  PendingFilters pending;
  for (auto& f : filters) {
    prepare_exists(f);
    Names used;
    bool ex = false;
    expression_vars(f, used, ex);
    std::set<int> slots;
    for (const auto& n : used) slots.insert(slot(n));
    pending.add(std::move(f), std::move(slots), ex);
  }
  pending.place(ctx_, scope_, current, false);

  std::vector<Candidate> cands;
  for (const auto& item : chain) cands.push_back(make_candidate(item));

  // Index nested-loop steps and filters keep the order of their input, so rows stay sorted by
  // the first scan's leading variable (`sorted_by`) until a step that is no merge join.
  int sorted_by = -1;  // a slot, or -1: not sorted
  std::vector<bool> used(cands.size(), false);
  for (std::size_t step = 0; step < cands.size(); ++step) {
    NextStep next = choose_next(cands, used, current.certain);
    used[next.index] = true;
    const Candidate& c = cands[next.index];
    int order = -1;  // the slot c's scan alone comes sorted by
    if (step == 0 ? starts_empty : sorted_by >= 0)
      order = scan_sort_slot(ctx_, active_graph_, facts_, c).value_or(-1);
    std::map<int, double> domain = current.distinct;
    double rows = join_rows(current.estimate, current.certain, domain, c);
    if (step > 0 && order >= 0 && order == sorted_by && merge_pays(current.estimate, c, order)) {
      current = merge_chain(std::move(current), c, rows, order);
    } else {
      current = extend_chain(std::move(current), c, rows);
      if (step == 0)
        sorted_by = order;
      else if (c.item.kind != ChainItem::Kind::Triple && c.item.kind != ChainItem::Kind::Table)
        sorted_by = -1;  // a path scan may reorder (it is not one row in, matches out)
    }
    current.distinct = std::move(domain);
    pending.place(ctx_, scope_, current, false);
  }
  for (const auto* search : searches_last) {
    current = compile_path_search(*search, std::move(current));
    pending.place(ctx_, scope_, current, false);
  }
  pending.place(ctx_, scope_, current, true);
  return current;
}

}  // namespace wsiskg::query::optimizer
