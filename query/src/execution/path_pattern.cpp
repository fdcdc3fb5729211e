// Path search (`?s ANY SHORTEST TRAIL (path AS ?p) ?o`): the whole input is read first so
// that every distinct bound end goes into one multi-source graph::find_pattern_paths call per
// graph and per shape (subject bound or not, object bound or not); rows are then extended in
// input order. A path becomes a value through the query's term table: its path term
// (path_value.hpp) gets a query-local id, the same id for the same path, so joins, DISTINCT and
// GROUP BY compare paths by identity.
#include "execution/path_pattern.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "wsiskg/graph/triple_source.hpp"
#include "wsiskg/query/path_value.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query::exec {

namespace {

using store::kAnyTerm;

// More paths than this in one search is an error rather than a silently cut answer.
constexpr std::size_t kMaxPathsPerSearch = 4'000'000;

// The query's dataset as a triple source, for scopes StoreTripleSource cannot express (the
// merge of several FROM graphs, an empty dataset): scans go through the engine's GraphCursor.
class CursorTripleSource final : public graph::TripleSource {
 public:
  CursorTripleSource(ExecContext& ctx, GraphFacts facts, GraphSpec spec)
      : ctx_(ctx), facts_(facts), spec_(std::move(spec)) {}
  void scan(TermId subject, TermId predicate, TermId object, const Sink& sink) const override {
    GraphCursor cursor;
    store::QuadPattern pattern{subject, predicate, object, kAnyTerm};
    cursor.open(ctx_, facts_, spec_, pattern);
    store::IdQuad quad;
    while (cursor.next(quad))
      if (!sink({quad.subject, quad.predicate, quad.object})) return;
  }

 private:
  ExecContext& ctx_;
  GraphFacts facts_;
  GraphSpec spec_;
};

class PathSearchOp final : public Operator {
 public:
  PathSearchOp(ExecContext& ctx, OperatorPtr input, PathSearchPlan plan)
      : Operator(ctx), input_(std::move(input)), plan_(std::move(plan)) {}
  std::string name() const override { return "PathSearch"; }
  std::string detail() const override { return plan_.text; }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    input_->open();
    out_.clear();
    pos_ = 0;
    computed_ = false;
  }
  bool do_next(Row& row) override {
    if (!computed_) compute();
    if (pos_ >= out_.size()) return false;
    row = std::move(out_[pos_++]);
    return true;
  }

 private:
  // One search: a graph and which ends are bound.
  using Key = std::tuple<TermId, bool, bool>;
  struct Search {
    std::vector<TermId> sources, targets;                      // distinct bound values
    std::vector<std::pair<const graph::Path*, TermId>> paths;  // path and its value id
    std::multimap<TermId, std::size_t> by_source, by_target;   // -> index in paths
    std::map<std::pair<TermId, TermId>, std::vector<std::size_t>> by_pair;
    graph::PathResult result;
  };

  TermId value(const PatternTerm& t, const Row& row) const {
    return t.is_var() ? row[static_cast<std::size_t>(t.slot)] : t.constant;
  }

  // The graphs a row searches: the active graph (kAnyTerm stands for it), or under GRAPH ?g
  // the row's ?g or every named graph.
  void graphs_of(const Row& row, std::vector<TermId>& out) {
    out.clear();
    if (plan_.graph.kind != GraphSpec::Kind::Variable) {
      out.push_back(kAnyTerm);
      return;
    }
    TermId g = row[static_cast<std::size_t>(plan_.graph.slot)];
    const auto& allowed = plan_.graph.graphs;
    if (g != kAnyTerm) {
      if (!plan_.graph.restricted || std::find(allowed.begin(), allowed.end(), g) != allowed.end())
        out.push_back(g);
      return;
    }
    if (!named_) named_ = plan_.graph.restricted ? allowed : ctx_.txn.named_graphs();
    out = *named_;
  }

  std::unique_ptr<graph::TripleSource> source_for(TermId g) {
    const GraphSpec& spec = plan_.graph;
    switch (spec.kind) {
      case GraphSpec::Kind::Variable:
        return std::make_unique<graph::StoreTripleSource>(ctx_.txn, g);
      case GraphSpec::Kind::Single:
        return std::make_unique<graph::StoreTripleSource>(ctx_.txn, spec.graph);
      case GraphSpec::Kind::UnionAll:
        return std::make_unique<graph::StoreTripleSource>(ctx_.txn, kAnyTerm);
      case GraphSpec::Kind::Merge:
      case GraphSpec::Kind::Empty:
        break;
    }
    return std::make_unique<CursorTripleSource>(ctx_, plan_.facts, spec);
  }

  void run(TermId g, bool s_bound, bool o_bound, Search& search) {
    auto distinct = [](std::vector<TermId>& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    graph::PathPatternQuery query;
    if (s_bound) {
      distinct(search.sources);
      query.sources = search.sources;
    }
    if (o_bound) {
      distinct(search.targets);
      query.targets = search.targets;
    }
    query.selector = plan_.selector;
    query.k = plan_.k;
    query.restrictor = plan_.restrictor;
    query.limits.max_paths = kMaxPathsPerSearch;
    query.limits.timeout = ctx_.time_left();  // --timeout reaches into the search
    auto source = source_for(g);
    search.result = graph::find_pattern_paths(*source, plan_.automaton, query);
    ctx_.check_deadline();
    if (search.result.truncation == graph::Truncation::TimeLimit)
      throw Error(ErrorKind::Cancelled,
                  fmt::format("query cancelled: timeout during the path search {}", plan_.text));
    if (search.result.truncation == graph::Truncation::PathLimit)
      throw Error(ErrorKind::Cancelled,
                  fmt::format("query cancelled: the path search {} found more than {} paths",
                              plan_.text, kMaxPathsPerSearch));
    // The same path found twice (an ambiguous expression such as (p|p)) is one path.
    // Paths move into the query's term table (interned by content, decoded only on demand).
    std::set<TermId> seen;
    ctx_.terms.reserve_paths(search.result.paths.size());
    for (graph::Path& found : search.result.paths) {
      ctx_.tick();
      TermId id = ctx_.terms.intern_path(std::move(found));
      if (!seen.insert(id).second) continue;
      const graph::Path& path = ctx_.terms.path(id);
      std::size_t index = search.paths.size();
      search.paths.emplace_back(&path, id);
      search.by_source.emplace(path.source(), index);
      search.by_target.emplace(path.target(), index);
      search.by_pair[{path.source(), path.target()}].push_back(index);
    }
    ctx_.charge(search.paths.size() * 64);
  }

  void emit(const Row& in, const graph::Path& path, TermId id, TermId g) {
    Row out = in;
    auto set = [&](int slot, TermId v) {
      if (slot < 0) return true;
      TermId& cell = out[static_cast<std::size_t>(slot)];
      if (cell == kAnyTerm) cell = v;
      return cell == v;
    };
    if (!set(plan_.subject.slot, path.source()) || !set(plan_.object.slot, path.target()) ||
        !set(plan_.path_slot, id))
      return;
    if (plan_.graph.kind == GraphSpec::Kind::Variable && !set(plan_.graph.slot, g)) return;
    out_.push_back(std::move(out));
  }

  void compute() {
    computed_ = true;
    std::vector<Row> rows;
    Row row;
    while (input_->next(row)) {
      ctx_.tick();
      rows.push_back(row);
    }
    ctx_.charge(rows.size() * (row.size() * 8 + 32));

    std::map<Key, Search> searches;
    std::vector<TermId> graphs;
    for (const Row& r : rows) {
      TermId s = value(plan_.subject, r), o = value(plan_.object, r);
      graphs_of(r, graphs);
      for (TermId g : graphs) {
        Search& search = searches[{g, s != kAnyTerm, o != kAnyTerm}];
        if (s != kAnyTerm) search.sources.push_back(s);
        if (o != kAnyTerm) search.targets.push_back(o);
      }
    }
    for (auto& [key, search] : searches)
      run(std::get<0>(key), std::get<1>(key), std::get<2>(key), search);

    for (const Row& r : rows) {
      TermId s = value(plan_.subject, r), o = value(plan_.object, r);
      graphs_of(r, graphs);
      for (TermId g : graphs) {
        const Search& search = searches.at({g, s != kAnyTerm, o != kAnyTerm});
        auto each = [&](std::size_t index) {
          emit(r, *search.paths[index].first, search.paths[index].second, g);
        };
        if (s != kAnyTerm && o != kAnyTerm) {
          auto it = search.by_pair.find({s, o});
          if (it != search.by_pair.end())
            for (std::size_t index : it->second) each(index);
        } else if (s != kAnyTerm) {
          for (auto [it, end] = search.by_source.equal_range(s); it != end; ++it) each(it->second);
        } else if (o != kAnyTerm) {
          for (auto [it, end] = search.by_target.equal_range(o); it != end; ++it) each(it->second);
        } else {
          for (std::size_t index = 0; index < search.paths.size(); ++index) each(index);
        }
      }
    }
    ctx_.charge(out_.size() * (row.size() * 8 + 32));
  }

  OperatorPtr input_;
  PathSearchPlan plan_;
  std::vector<Row> out_;
  std::size_t pos_ = 0;
  bool computed_ = false;
  std::optional<std::vector<TermId>> named_;
};

}  // namespace

OperatorPtr make_path_search(ExecContext& ctx, OperatorPtr input, PathSearchPlan plan) {
  return std::make_unique<PathSearchOp>(ctx, std::move(input), std::move(plan));
}

}  // namespace wsiskg::query::exec
