// Joins that build a hash table on the right input (join, OPTIONAL, MINUS), and the OPTIONAL
// that re-evaluates its right side per left row (index nested loop).
#include <fmt/format.h>

#include <unordered_map>

#include "execution/operators.hpp"

namespace wsiskg::query::exec {

namespace {

std::string slot_text(const SlotList& key) {
  return key.empty() ? "key=()" : fmt::format("key={} slots", key.size());
}

// The right input, materialized and hashed on `key`; rows with an unbound key slot go to
// `loose` and are tried against every probe.
class HashTable {
 public:
  void build(ExecContext& ctx, Operator& right, const SlotList& key) {
    buckets_.clear();
    loose_.clear();
    ctx.release(charged_);
    charged_ = 0;
    key_ = key;
    right.open();
    Row row;
    while (right.next(row)) {
      std::uint64_t bytes = 48 + row.size() * sizeof(TermId);
      charged_ += bytes;
      ctx.charge(bytes);
      Row k;
      if (!make_key(row, k))
        loose_.push_back(row);
      else
        buckets_[std::move(k)].push_back(row);
    }
    if (key_.empty()) {  // one bucket: nested loop over everything
      for (auto& [k, rows] : buckets_) loose_.insert(loose_.end(), rows.begin(), rows.end());
      buckets_.clear();
    }
  }
  // Candidate rows for a probe row: the matching bucket (or every row) plus the loose ones.
  template <class F>
  void for_each_candidate(const Row& probe, F&& f) const {
    Row k;
    if (!key_.empty()) {
      if (make_key(probe, k)) {
        auto it = buckets_.find(k);
        if (it != buckets_.end())
          for (const Row& r : it->second) f(r);
      } else {
        for (const auto& [kk, rows] : buckets_)
          for (const Row& r : rows) f(r);
      }
    }
    for (const Row& r : loose_) f(r);
  }
  std::size_t size() const {
    std::size_t n = loose_.size();
    for (const auto& [k, rows] : buckets_) n += rows.size();
    return n;
  }

 private:
  bool make_key(const Row& row, Row& k) const {
    k.resize(key_.size());
    for (std::size_t i = 0; i < key_.size(); ++i) {
      k[i] = row[static_cast<std::size_t>(key_[i])];
      if (k[i] == store::kAnyTerm) return false;
    }
    return true;
  }
  SlotList key_;
  std::unordered_map<Row, std::vector<Row>, RowHash> buckets_;
  std::vector<Row> loose_;
  std::uint64_t charged_ = 0;
};

// Hashes the right input on `key`, then probes it with each left row; subclasses say what one
// left row yields.
class HashProbeJoin : public ExpandingOperator {
 public:
  HashProbeJoin(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key, SlotList slots)
      : ExpandingOperator(ctx),
        left_(std::move(left)),
        right_(std::move(right)),
        key_(std::move(key)),
        slots_(std::move(slots)) {}
  std::string detail() const override { return slot_text(key_); }
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }
  const SlotList& key() const { return key_; }

 protected:
  // Queues what the left row `in` yields.
  virtual void probe(const Row& in) = 0;

  // Calls `f` with `in` merged with each compatible right row.
  template <class F>
  void for_each_match(const Row& in, F&& f) {
    table_.for_each_candidate(in, [&](const Row& r) {
      ctx_.tick();
      Row out = in;
      if (merge_compatible(out, r, slots_)) f(std::move(out));
    });
  }

  void do_open() override {
    table_.build(ctx_, *right_, key_);
    left_->open();
    clear_queue();
  }
  bool expand_next() override {
    if (!left_->next(in_)) return false;
    probe(in_);
    return true;
  }

 private:
  OperatorPtr left_, right_;
  SlotList key_, slots_;
  HashTable table_;
  Row in_;
};

class HashJoin final : public HashProbeJoin {
 public:
  HashJoin(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key, SlotList slots)
      : HashProbeJoin(ctx, std::move(left), std::move(right), std::move(key), std::move(slots)) {}
  std::string name() const override { return key().empty() ? "NestedLoopJoin" : "HashJoin"; }

 protected:
  void probe(const Row& in) override {
    for_each_match(in, [&](Row out) { queue(std::move(out)); });
  }
};

class LeftJoin final : public HashProbeJoin {
 public:
  LeftJoin(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key, SlotList slots,
           std::optional<ast::Expression> condition, ScopePtr scope)
      : HashProbeJoin(ctx, std::move(left), std::move(right), std::move(key), std::move(slots)),
        condition_(std::move(condition)),
        scope_(std::move(scope)),
        eval_(ctx, *scope_) {}
  std::string name() const override { return "HashLeftJoin"; }
  std::string detail() const override {
    return HashProbeJoin::detail() + (condition_ ? " filter=" + algebra::to_sse(*condition_) : "");
  }

 protected:
  void probe(const Row& in) override {
    for_each_match(in, [&](Row out) {
      if (condition_) {
        eval_.set_row(&out);
        if (!expression::passes_filter(*condition_, eval_)) return;
      }
      queue(std::move(out));
    });
    if (queue_empty()) queue(in);  // no match: the left row alone
  }

 private:
  std::optional<ast::Expression> condition_;
  ScopePtr scope_;
  RowContext eval_;
};

class BindLeftJoin final : public Operator {
 public:
  BindLeftJoin(ExecContext& ctx, OperatorPtr left, Seed* seed, OperatorPtr right,
               std::optional<ast::Expression> condition, ScopePtr scope)
      : Operator(ctx),
        left_(std::move(left)),
        seed_(seed),
        right_(std::move(right)),
        condition_(std::move(condition)),
        scope_(std::move(scope)),
        eval_(ctx, *scope_) {}
  std::string name() const override { return "IndexLeftJoin"; }
  std::string detail() const override {
    return condition_ ? "filter=" + algebra::to_sse(*condition_) : std::string();
  }
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }

 protected:
  void do_open() override {
    left_->open();
    active_ = false;
  }
  bool do_next(Row& row) override {
    for (;;) {
      if (!active_) {
        if (!left_->next(in_)) return false;
        seed_->set(in_);
        right_->open();
        active_ = true;
        matched_ = false;
      }
      while (right_->next(row)) {
        if (condition_) {
          eval_.set_row(&row);
          if (!expression::passes_filter(*condition_, eval_)) continue;
        }
        matched_ = true;
        return true;
      }
      active_ = false;
      if (!matched_) {
        row = in_;
        return true;
      }
    }
  }

 private:
  OperatorPtr left_;
  Seed* seed_;
  OperatorPtr right_;
  std::optional<ast::Expression> condition_;
  ScopePtr scope_;
  RowContext eval_;
  Row in_;
  bool active_ = false, matched_ = false;
};

class Minus final : public Operator {
 public:
  Minus(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key, SlotList slots,
        const SubstitutionRow* substituted)
      : Operator(ctx),
        left_(std::move(left)),
        right_(std::move(right)),
        key_(std::move(key)),
        slots_(std::move(slots)),
        substituted_(substituted) {}
  std::string name() const override { return "Minus"; }
  std::string detail() const override { return slot_text(key_); }
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }

 protected:
  void do_open() override {
    table_.build(ctx_, *right_, key_);
    left_->open();
  }
  bool do_next(Row& row) override {
    while (left_->next(row)) {
      bool removed = false;
      table_.for_each_candidate(row, [&](const Row& r) {
        if (removed) return;
        ctx_.tick();
        bool shared = false;
        for (int s : slots_) {
          TermId a = row[static_cast<std::size_t>(s)], b = r[static_cast<std::size_t>(s)];
          if (a == store::kAnyTerm || b == store::kAnyTerm) continue;
          if (a != b) return;  // incompatible
          if (substituted_ == nullptr || !substituted_->binds(s)) shared = true;
        }
        removed = shared;
      });
      if (!removed) return true;
    }
    return false;
  }

 private:
  OperatorPtr left_, right_;
  SlotList key_, slots_;
  const SubstitutionRow* substituted_;
  HashTable table_;
};

}  // namespace

OperatorPtr make_hash_join(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key,
                           SlotList right_slots) {
  return std::make_unique<HashJoin>(ctx, std::move(left), std::move(right), std::move(key),
                                    std::move(right_slots));
}
OperatorPtr make_left_join(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key,
                           SlotList right_slots, std::optional<ast::Expression> condition,
                           ScopePtr scope) {
  return std::make_unique<LeftJoin>(ctx, std::move(left), std::move(right), std::move(key),
                                    std::move(right_slots), std::move(condition), std::move(scope));
}
OperatorPtr make_bind_left_join(ExecContext& ctx, OperatorPtr left, Seed* seed, OperatorPtr right,
                                std::optional<ast::Expression> condition, ScopePtr scope) {
  return std::make_unique<BindLeftJoin>(ctx, std::move(left), seed, std::move(right),
                                        std::move(condition), std::move(scope));
}
OperatorPtr make_minus(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key,
                       SlotList right_slots, const SubstitutionRow* substituted) {
  return std::make_unique<Minus>(ctx, std::move(left), std::move(right), std::move(key),
                                 std::move(right_slots), substituted);
}

}  // namespace wsiskg::query::exec
