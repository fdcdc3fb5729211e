// Small streaming operators: the single empty row, VALUES, FILTER, BIND, UNION, projection,
// DISTINCT and LIMIT/OFFSET.
#include <fmt/format.h>

#include <unordered_set>

#include "execution/operators.hpp"

namespace wsiskg::query::exec {

namespace {

class SingleRow final : public Operator {
 public:
  using Operator::Operator;
  std::string name() const override { return "SingleRow"; }

 protected:
  void do_open() override { done_ = false; }
  bool do_next(Row& row) override {
    if (done_) return false;
    done_ = true;
    row.assign(static_cast<std::size_t>(ctx_.slot_count), store::kAnyTerm);
    return true;
  }

 private:
  bool done_ = false;
};

class SubstitutionLeaf final : public Operator {
 public:
  SubstitutionLeaf(ExecContext& ctx, const SubstitutionRow* source)
      : Operator(ctx), source_(source) {}
  std::string name() const override { return "Substitution"; }

 protected:
  void do_open() override { done_ = false; }
  bool do_next(Row& row) override {
    if (done_ || source_->row == nullptr) return false;
    done_ = true;
    row = *source_->row;
    row.resize(static_cast<std::size_t>(ctx_.slot_count), store::kAnyTerm);
    return true;
  }

 private:
  const SubstitutionRow* source_;
  bool done_ = false;
};

class Values final : public Operator {
 public:
  Values(ExecContext& ctx, OperatorPtr input, SlotList slots, std::vector<Row> rows)
      : Operator(ctx), input_(std::move(input)), slots_(std::move(slots)), rows_(std::move(rows)) {}
  std::string name() const override { return "Values"; }
  std::string detail() const override { return fmt::format("{} rows", rows_.size()); }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    input_->open();
    pos_ = rows_.size();
  }
  bool do_next(Row& row) override {
    if (rows_.empty()) return false;
    for (;;) {
      if (pos_ >= rows_.size()) {
        if (!input_->next(in_)) return false;
        pos_ = 0;
      }
      const Row& v = rows_[pos_++];
      ctx_.tick();
      row = in_;
      if (merge_compatible(row, v, slots_)) return true;
    }
  }

 private:
  OperatorPtr input_;
  SlotList slots_;
  std::vector<Row> rows_;  // full-width rows, only `slots_` set
  std::size_t pos_ = 0;
  Row in_;
};

class FilterOp final : public Operator {
 public:
  FilterOp(ExecContext& ctx, OperatorPtr input, std::vector<ast::Expression> conditions,
           ScopePtr scope, std::string text)
      : Operator(ctx),
        input_(std::move(input)),
        conditions_(std::move(conditions)),
        scope_(std::move(scope)),
        eval_(ctx, *scope_),
        text_(std::move(text)) {}
  std::string name() const override { return "Filter"; }
  std::string detail() const override { return text_; }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override { input_->open(); }
  bool do_next(Row& row) override {
    while (input_->next(row)) {
      ctx_.tick();
      eval_.set_row(&row);
      bool ok = true;
      for (const auto& c : conditions_) {
        if (!expression::passes_filter(c, eval_)) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
    }
    return false;
  }

 private:
  OperatorPtr input_;
  std::vector<ast::Expression> conditions_;
  ScopePtr scope_;
  RowContext eval_;
  std::string text_;
};

class Extend final : public Operator {
 public:
  Extend(ExecContext& ctx, OperatorPtr input, int slot, ast::Expression e, ScopePtr scope,
         std::string text, bool continues_solution)
      : Operator(ctx),
        input_(std::move(input)),
        slot_(slot),
        expression_(std::move(e)),
        scope_(std::move(scope)),
        eval_(ctx, *scope_, continues_solution),
        text_(std::move(text)) {}
  std::string name() const override { return "Extend"; }
  std::string detail() const override { return text_; }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override { input_->open(); }
  bool do_next(Row& row) override {
    while (input_->next(row)) {
      eval_.set_row(&row);
      auto value = expression::evaluate(expression_, eval_);
      auto& slot = row[static_cast<std::size_t>(slot_)];
      // The parser rejects BIND to an in-scope variable, so the slot is unbound here, except
      // inside EXISTS when μ binds the variable: then the row stands only if it agrees.
      if (slot == store::kAnyTerm) {
        slot = value ? ctx_.terms.encode(*value) : store::kAnyTerm;
        return true;
      }
      if (!value || ctx_.terms.encode(*value) == slot) return true;
    }
    return false;
  }

 private:
  OperatorPtr input_;
  int slot_;
  ast::Expression expression_;
  ScopePtr scope_;
  RowContext eval_;
  std::string text_;
};

class UnionOp final : public Operator {
 public:
  UnionOp(ExecContext& ctx, std::vector<OperatorPtr> inputs)
      : Operator(ctx), inputs_(std::move(inputs)) {}
  std::string name() const override { return "Union"; }
  std::vector<const Operator*> children() const override {
    std::vector<const Operator*> out;
    for (const auto& i : inputs_) out.push_back(i.get());
    return out;
  }

 protected:
  void do_open() override {
    current_ = 0;
    if (!inputs_.empty()) inputs_[0]->open();
  }
  bool do_next(Row& row) override {
    while (current_ < inputs_.size()) {
      if (inputs_[current_]->next(row)) return true;
      if (++current_ < inputs_.size()) inputs_[current_]->open();
    }
    return false;
  }

 private:
  std::vector<OperatorPtr> inputs_;
  std::size_t current_ = 0;
};

class Project final : public Operator {
 public:
  Project(ExecContext& ctx, OperatorPtr input, SlotList keep, std::string text)
      : Operator(ctx), input_(std::move(input)), text_(std::move(text)) {
    keep_mask_.assign(static_cast<std::size_t>(ctx.slot_count), false);
    for (int s : keep) keep_mask_[static_cast<std::size_t>(s)] = true;
  }
  std::string name() const override { return "Project"; }
  std::string detail() const override { return text_; }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    input_->open();
    keep_mask_.resize(static_cast<std::size_t>(ctx_.slot_count), false);
  }
  bool do_next(Row& row) override {
    if (!input_->next(row)) return false;
    for (std::size_t i = 0; i < row.size(); ++i)
      if (!keep_mask_[i]) row[i] = store::kAnyTerm;
    return true;
  }

 private:
  OperatorPtr input_;
  std::vector<bool> keep_mask_;
  std::string text_;
};

class Distinct final : public Operator {
 public:
  Distinct(ExecContext& ctx, OperatorPtr input, SlotList slots)
      : Operator(ctx), input_(std::move(input)), slots_(std::move(slots)) {}
  std::string name() const override { return "Distinct"; }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    input_->open();
    ctx_.release(charged_);
    charged_ = 0;
    seen_.clear();
  }
  bool do_next(Row& row) override {
    Row key(slots_.size());
    while (input_->next(row)) {
      for (std::size_t i = 0; i < slots_.size(); ++i)
        key[i] = row[static_cast<std::size_t>(slots_[i])];
      if (seen_.insert(key).second) {
        std::uint64_t bytes = 32 + key.size() * sizeof(TermId);
        charged_ += bytes;
        ctx_.charge(bytes);
        return true;
      }
      ctx_.tick();
    }
    return false;
  }

 private:
  OperatorPtr input_;
  SlotList slots_;
  std::unordered_set<Row, RowHash> seen_;
  std::uint64_t charged_ = 0;
};

class Slice final : public Operator {
 public:
  Slice(ExecContext& ctx, OperatorPtr input, std::uint64_t offset,
        std::optional<std::uint64_t> limit)
      : Operator(ctx), input_(std::move(input)), offset_(offset), limit_(limit) {}
  std::string name() const override { return "Slice"; }
  std::string detail() const override {
    return limit_ ? fmt::format("offset={} limit={}", offset_, *limit_)
                  : fmt::format("offset={}", offset_);
  }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    input_->open();
    skipped_ = emitted_ = 0;
  }
  bool do_next(Row& row) override {
    // LIMIT stops pulling from the input: no work beyond the last row.
    if (limit_ && emitted_ >= *limit_) return false;
    while (skipped_ < offset_) {
      if (!input_->next(row)) return false;
      ++skipped_;
    }
    if (!input_->next(row)) return false;
    ++emitted_;
    return true;
  }

 private:
  OperatorPtr input_;
  std::uint64_t offset_;
  std::optional<std::uint64_t> limit_;
  std::uint64_t skipped_ = 0, emitted_ = 0;
};

}  // namespace

OperatorPtr make_single_row(ExecContext& ctx) {
  return std::make_unique<SingleRow>(ctx);
}
OperatorPtr make_substitution_leaf(ExecContext& ctx, const SubstitutionRow* source) {
  return std::make_unique<SubstitutionLeaf>(ctx, source);
}
OperatorPtr make_values(ExecContext& ctx, OperatorPtr input, SlotList slots,
                        std::vector<Row> rows) {
  return std::make_unique<Values>(ctx, std::move(input), std::move(slots), std::move(rows));
}
OperatorPtr make_filter(ExecContext& ctx, OperatorPtr input,
                        std::vector<ast::Expression> conditions, ScopePtr scope, std::string text) {
  return std::make_unique<FilterOp>(ctx, std::move(input), std::move(conditions), std::move(scope),
                                    std::move(text));
}
OperatorPtr make_extend(ExecContext& ctx, OperatorPtr input, int slot, ast::Expression e,
                        ScopePtr scope, std::string text, bool continues_solution) {
  return std::make_unique<Extend>(ctx, std::move(input), slot, std::move(e), std::move(scope),
                                  std::move(text), continues_solution);
}
OperatorPtr make_union(ExecContext& ctx, std::vector<OperatorPtr> inputs) {
  return std::make_unique<UnionOp>(ctx, std::move(inputs));
}
OperatorPtr make_project(ExecContext& ctx, OperatorPtr input, SlotList keep, std::string text) {
  return std::make_unique<Project>(ctx, std::move(input), std::move(keep), std::move(text));
}
OperatorPtr make_distinct(ExecContext& ctx, OperatorPtr input, SlotList slots) {
  return std::make_unique<Distinct>(ctx, std::move(input), std::move(slots));
}
OperatorPtr make_slice(ExecContext& ctx, OperatorPtr input, std::uint64_t offset,
                       std::optional<std::uint64_t> limit) {
  return std::make_unique<Slice>(ctx, std::move(input), offset, limit);
}

}  // namespace wsiskg::query::exec
