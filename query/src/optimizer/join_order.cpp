#include "optimizer/join_order.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "wsiskg/store/store.hpp"

namespace wsiskg::query::optimizer {

double matches_per_row(const Candidate& c, const std::set<int>& bound) {
  auto is_bound = [&](const exec::PatternTerm& t) { return t.is_var() && bound.count(t.slot); };
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
}

// Damping of join selectivities beyond the first: 1 would be independence, which a pattern
// closing a cycle rarely shows (LUBM q9: students take the courses of their advisor), 0.5 the
// exponential back-off of SQL Server's estimator (too little for LUBM q2, where the variables
// are independent); 0.7 keeps both within 10x.
constexpr double kBackoff = 0.7;

double join_rows(double rows, const std::set<int>& bound, std::map<int, double>& domains,
                 const Candidate& c) {
  // The values a variable of the rows is drawn from: the distinct values of the pattern that
  // bound it (later joins keep a subset of them).
  auto domain = [&](int slot) {
    auto it = domains.find(slot);
    return it == domains.end() ? rows : it->second;
  };
  // Distinct values of each variable of the pattern alone.
  std::map<int, double> own;
  auto note = [&](const exec::PatternTerm& t, double values) {
    if (!t.is_var()) return;
    double v = std::clamp(values, 1.0, std::max(1.0, c.base));
    auto [it, fresh] = own.emplace(t.slot, v);
    if (!fresh) it->second = std::min(it->second, v);
  };
  double out = 0;
  if (c.item.kind == ChainItem::Kind::Triple) {
    bool stats = c.stats.has_value();
    // With the predicate and one end constant, every match has its own value at the other end.
    bool other_end_unique = !c.p.is_var() && (c.s.is_var() != c.o.is_var());
    note(c.s,
         stats && !other_end_unique ? static_cast<double>(c.stats->distinct_subjects) : c.base);
    note(c.p, 1000);  // predicates are few
    note(c.o, stats && !other_end_unique ? static_cast<double>(c.stats->distinct_objects) : c.base);
    // Join selectivity per shared variable: 1 / max(values on either side). Several join
    // variables are rarely independent (a pattern closing a cycle often matches by
    // construction), so the most selective counts fully and each further one damped.
    std::vector<double> selectivity;
    for (const auto& [slot, values] : own)
      if (bound.count(slot)) selectivity.push_back(1.0 / std::max({1.0, domain(slot), values}));
    std::sort(selectivity.begin(), selectivity.end());
    out = rows * c.base;
    double exponent = 1;
    for (double s : selectivity) {
      out *= std::pow(s, exponent);
      exponent *= kBackoff;
    }
  } else {
    for (int s : c.slots) note(exec::PatternTerm{s, store::kAnyTerm}, c.base);
    out = rows * matches_per_row(c, bound);
  }
  if (c.base == 0 || rows == 0) out = 0;
  for (const auto& [slot, values] : own)
    if (!bound.count(slot)) domains[slot] = values;
  return out;
}

NextStep choose_next(const std::vector<Candidate>& cands, const std::vector<bool>& used,
                     const std::set<int>& bound) {
  std::size_t best = cands.size();
  double best_cost = std::numeric_limits<double>::infinity();
  bool best_connected = false;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    if (used[i]) continue;
    bool connected = false;
    for (int s : cands[i].slots) connected = connected || bound.count(s);
    double cost = matches_per_row(cands[i], bound);
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
  return {best, best_cost};
}

std::optional<int> scan_sort_slot(exec::ExecContext& ctx, const exec::GraphSpec& graph,
                                  const exec::GraphFacts& facts, const Candidate& c) {
  using exec::GraphSpec;
  if (c.item.kind != ChainItem::Kind::Triple || c.base == 0) return std::nullopt;
  store::QuadPattern qp;
  auto constant = [](const exec::PatternTerm& t) {
    return t.is_var() ? store::kAnyTerm : t.constant;
  };
  qp.subject = constant(c.s);
  qp.predicate = constant(c.p);
  qp.object = constant(c.o);
  // The graph cursor reads one run (hence one index order) only for these specs.
  if (graph.kind == GraphSpec::Kind::Single)
    qp.graph = graph.graph;
  else if (graph.kind == GraphSpec::Kind::UnionAll && !facts.has_named)
    qp.graph = store::kDefaultGraph;
  else
    return std::nullopt;
  store::QuadCursor cursor = ctx.txn.scan(qp);
  const store::ScanOrder& order = cursor.order();
  if (!order.sorted) return std::nullopt;
  for (store::Component comp : order.components) {
    const exec::PatternTerm* t = nullptr;
    switch (comp) {
      case store::Component::Subject:
        t = &c.s;
        break;
      case store::Component::Predicate:
        t = &c.p;
        break;
      case store::Component::Object:
        t = &c.o;
        break;
      case store::Component::Graph:
        continue;  // one graph: constant
    }
    if (t->is_var()) return t->slot;
  }
  return std::nullopt;
}

// Costs in units of one row read by a sequential index scan: an index lookup (a B-tree
// descent) and the comparison of a left row with one right row of its key in a merge.
constexpr double kLookupCostInRows = 8;
constexpr double kMergeCompareCostInRows = 0.1;

bool merge_pays(double left_rows, const Candidate& c, int key) {
  double right_rows = c.base;
  // Right rows per key value: the scan's rows over the key's distinct values.
  double keys = right_rows;
  if (c.stats && c.s.is_var() && c.s.slot == key)
    keys = std::min(keys, static_cast<double>(c.stats->distinct_subjects));
  else if (c.stats && c.o.is_var() && c.o.slot == key)
    keys = std::min(keys, static_cast<double>(c.stats->distinct_objects));
  double per_key = right_rows / std::max(1.0, keys);
  return right_rows + left_rows * per_key * kMergeCompareCostInRows <=
         kLookupCostInRows * left_rows;
}

}  // namespace wsiskg::query::optimizer
