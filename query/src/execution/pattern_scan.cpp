// Index scan of one triple pattern per input row (index nested-loop join): positions bound by
// the row or by constants select the index range; the rest bind slots.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "execution/operators.hpp"

namespace wsiskg::query::exec {

namespace {

class PatternScan final : public Operator {
 public:
  PatternScan(ExecContext& ctx, OperatorPtr input, TriplePlan t, GraphSpec g, GraphFacts f,
              std::string text, double standalone_rows)
      : Operator(ctx),
        input_(std::move(input)),
        t_(t),
        graph_(std::move(g)),
        facts_(f),
        text_(std::move(text)),
        standalone_rows_(standalone_rows) {}
  std::string name() const override { return "IndexScan"; }
  std::string detail() const override {
    if (hashed_) return "(lookup table) " + detail_text();
    return detail_text();
  }
  std::string detail_text() const {
    return graph_.kind == GraphSpec::Kind::Single && graph_.graph == store::kDefaultGraph
               ? text_
               : fmt::format("{} graph={}", text_, graph_.describe());
  }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    input_->open();
    active_ = false;
    hash_hits_.clear();
    hash_pos_ = 0;
  }

  bool do_next(Row& row) override {
    for (;;) {
      if (hash_pos_ < hash_hits_.size()) {
        const store::IdQuad& q = *hash_hits_[hash_pos_++];
        row = in_;
        if (bind(row, t_.s, q.subject) && bind(row, t_.p, q.predicate) && bind(row, t_.o, q.object))
          return true;
        continue;
      }
      if (!active_) {
        if (!input_->next(in_)) return false;
        if (hashed_ && lookup()) continue;
        if (!start()) continue;
        if (probe_) {
          // Every position bound: a membership test instead of a range scan.
          ctx_.tick();
          if (!probe_hit_) continue;
          row = in_;
          return true;
        }
        active_ = true;
      }
      store::IdQuad q;
      while (cursor_.next(q)) {
        row = in_;
        if (bind(row, t_.s, q.subject) && bind(row, t_.p, q.predicate) &&
            bind(row, t_.o, q.object) &&
            (graph_.kind != GraphSpec::Kind::Variable || bind_graph(row, q.graph)))
          return true;
      }
      active_ = false;
    }
  }

 private:
  // Adaptive join: after many probes, when the whole pattern is small next to the probes still
  // expected, read it once into a sorted lookup table keyed on the positions the rows bind (a hash
  // join) instead of one index lookup per row.
  static constexpr std::uint64_t kProbesBeforeHash = 20000;
  std::array<bool, 3> bound_mask() const {
    auto b = [&](const PatternTerm& t) {
      return t.is_var() && in_[static_cast<std::size_t>(t.slot)] != store::kAnyTerm;
    };
    return {b(t_.s), b(t_.p), b(t_.o)};
  }
  static std::array<TermId, 3> key_of(TermId s, TermId p, TermId o, std::array<bool, 3> m) {
    return {m[0] ? s : 0, m[1] ? p : 0, m[2] ? o : 0};
  }
  // True when the row was answered from the hash table (hits queued in hash_hits_).
  bool lookup() {
    auto mask = bound_mask();
    if (mask != hash_mask_) return false;
    hash_hits_.clear();
    hash_pos_ = 0;
    auto v = [&](const PatternTerm& t) {
      return t.is_var() ? in_[static_cast<std::size_t>(t.slot)] : store::kAnyTerm;
    };
    auto key = key_of(v(t_.s), v(t_.p), v(t_.o), mask);
    auto range = std::equal_range(table_.begin(), table_.end(), Entry{key, {}},
                                  [](const Entry& a, const Entry& b) { return a.key < b.key; });
    for (auto it = range.first; it != range.second; ++it) hash_hits_.push_back(&it->quad);
    ctx_.tick();
    return true;
  }
  void maybe_build_hash() {
    if (hashed_ || ++probes_ < next_check_) return;
    next_check_ = probes_ * 2;  // re-check as the probes add up
    if (graph_.kind == GraphSpec::Kind::Variable || standalone_rows_ < 0 ||
        standalone_rows_ > 4e6 || standalone_rows_ > 8.0 * static_cast<double>(probes_))
      return;
    hash_mask_ = bound_mask();
    if (!hash_mask_[0] && !hash_mask_[1] && !hash_mask_[2]) return;
    store::QuadPattern qp;
    auto c = [](const PatternTerm& t) { return t.is_var() ? store::kAnyTerm : t.constant; };
    qp.subject = c(t_.s);
    qp.predicate = c(t_.p);
    qp.object = c(t_.o);
    for (TermId id : {qp.subject, qp.predicate, qp.object})
      if (is_local(id)) return;
    GraphCursor all;
    all.open(ctx_, facts_, graph_, qp);
    store::IdQuad q;
    std::uint64_t n = 0;
    while (all.next(q)) {
      table_.push_back({key_of(q.subject, q.predicate, q.object, hash_mask_), q});
      ++n;
    }
    std::sort(table_.begin(), table_.end(),
              [](const Entry& a, const Entry& b) { return a.key < b.key; });
    ctx_.charge(n * sizeof(Entry));
    hashed_ = true;
  }

  // Resolves one position for the current input row; false if it can match nothing.
  bool resolve(const PatternTerm& p, TermId& out) const {
    TermId v = p.is_var() ? in_[static_cast<std::size_t>(p.slot)] : p.constant;
    if (is_local(v)) return false;  // a term the store has never seen matches no quad
    out = v;
    return true;
  }
  bool start() {
    store::QuadPattern qp;
    if (!resolve(t_.s, qp.subject) || !resolve(t_.p, qp.predicate) || !resolve(t_.o, qp.object))
      return false;
    // Literals are never subjects; a non-IRI predicate never matches.
    if (qp.subject != store::kAnyTerm && store::is_literal_id(qp.subject)) return false;
    maybe_build_hash();
    if (hashed_ && lookup()) return false;  // answered from the hash table
    probe_ = false;
    if (qp.subject != store::kAnyTerm && qp.predicate != store::kAnyTerm &&
        qp.object != store::kAnyTerm) {
      if (graph_.kind == GraphSpec::Kind::Single) {
        probe_ = true;
        probe_hit_ = ctx_.txn.contains({qp.subject, qp.predicate, qp.object, graph_.graph});
        return true;
      }
      if (graph_.kind == GraphSpec::Kind::UnionAll && !facts_.has_named) {
        probe_ = true;
        probe_hit_ = facts_.has_default &&
                     ctx_.txn.contains({qp.subject, qp.predicate, qp.object, store::kDefaultGraph});
        return true;
      }
    }
    TermId bound_graph = store::kAnyTerm;
    if (graph_.kind == GraphSpec::Kind::Variable) {
      bound_graph = in_[static_cast<std::size_t>(graph_.slot)];
      if (is_local(bound_graph)) return false;
    }
    cursor_.open(ctx_, facts_, graph_, qp, bound_graph);
    return true;
  }
  // Sets an unbound variable position; checks a repeated variable (?x ?p ?x).
  static bool bind(Row& row, const PatternTerm& p, TermId value) {
    if (!p.is_var()) return true;
    TermId& slot = row[static_cast<std::size_t>(p.slot)];
    if (slot == store::kAnyTerm) {
      slot = value;
      return true;
    }
    return slot == value;
  }
  bool bind_graph(Row& row, TermId g) const {
    TermId& slot = row[static_cast<std::size_t>(graph_.slot)];
    if (slot == store::kAnyTerm) {
      slot = g;
      return true;
    }
    return slot == g;
  }

  OperatorPtr input_;
  TriplePlan t_;
  GraphSpec graph_;
  GraphFacts facts_;
  std::string text_;
  Row in_;
  bool active_ = false;
  bool probe_ = false, probe_hit_ = false;
  double standalone_rows_ = -1;  // matches of the pattern alone (constants only); <0 unknown
  std::uint64_t probes_ = 0;
  bool hashed_ = false;
  std::uint64_t next_check_ = kProbesBeforeHash;
  std::array<bool, 3> hash_mask_{};
  struct Entry {
    std::array<TermId, 3> key;
    store::IdQuad quad;
  };
  std::vector<Entry> table_;  // sorted by key: a flat, allocation-free lookup table
  std::vector<const store::IdQuad*> hash_hits_;
  std::size_t hash_pos_ = 0;
  GraphCursor cursor_;
};

}  // namespace

OperatorPtr make_pattern_scan(ExecContext& ctx, OperatorPtr input, TriplePlan triple,
                              GraphSpec graph, GraphFacts facts, std::string text,
                              double standalone_rows) {
  return std::make_unique<PatternScan>(ctx, std::move(input), triple, std::move(graph), facts,
                                       std::move(text), standalone_rows);
}

}  // namespace wsiskg::query::exec
