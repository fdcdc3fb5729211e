// ORDER BY: materializes the input with its decoded sort keys, then sorts (a partial sort when
// only the first rows are wanted).
#include <algorithm>
#include <numeric>

#include "execution/operators.hpp"

namespace wsiskg::query::exec {

namespace {

class OrderBy final : public Operator {
 public:
  OrderBy(ExecContext& ctx, OperatorPtr input, std::vector<OrderKey> keys, ScopePtr scope,
          std::optional<std::uint64_t> top_n, std::string text)
      : Operator(ctx),
        input_(std::move(input)),
        keys_(std::move(keys)),
        scope_(std::move(scope)),
        eval_(ctx, *scope_),
        top_n_(top_n),
        text_(std::move(text)) {}
  std::string name() const override { return top_n_ ? "TopN" : "OrderBy"; }
  std::string detail() const override {
    return top_n_ ? text_ + " n=" + std::to_string(*top_n_) : text_;
  }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    rows_.clear();
    values_.clear();
    ctx_.release(charged_);
    charged_ = 0;
    input_->open();
    Row row;
    while (input_->next(row)) {
      eval_.set_row(&row);
      std::uint64_t bytes = 64 + row.size() * sizeof(TermId);
      for (const auto& k : keys_) {
        values_.push_back(expression::evaluate(k.expression, eval_));
        if (values_.back()) bytes += 64 + values_.back()->value.size();
      }
      charged_ += bytes;
      ctx_.charge(bytes);
      rows_.push_back(row);
    }
    order_.resize(rows_.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    const std::size_t n = keys_.size();
    auto less = [&](std::size_t a, std::size_t b) {
      for (std::size_t i = 0; i < n; ++i) {
        int c = expression::order_compare(values_[a * n + i], values_[b * n + i]);
        if (c != 0) return keys_[i].descending ? c > 0 : c < 0;
      }
      return a < b;  // stable
    };
    if (top_n_ && *top_n_ < order_.size()) {
      auto mid = order_.begin() + static_cast<std::ptrdiff_t>(*top_n_);
      std::partial_sort(order_.begin(), mid, order_.end(), less);
      order_.erase(mid, order_.end());
    } else {
      std::sort(order_.begin(), order_.end(), less);
    }
    pos_ = 0;
  }
  bool do_next(Row& row) override {
    if (pos_ >= order_.size()) return false;
    row = rows_[order_[pos_++]];
    return true;
  }

 private:
  OperatorPtr input_;
  std::vector<OrderKey> keys_;
  ScopePtr scope_;
  RowContext eval_;
  std::optional<std::uint64_t> top_n_;
  std::string text_;
  std::vector<Row> rows_;
  std::vector<expression::Value> values_;
  std::vector<std::size_t> order_;
  std::size_t pos_ = 0;
  std::uint64_t charged_ = 0;
};

}  // namespace

OperatorPtr make_order_by(ExecContext& ctx, OperatorPtr input, std::vector<OrderKey> keys,
                          ScopePtr scope, std::optional<std::uint64_t> top_n, std::string text) {
  return std::make_unique<OrderBy>(ctx, std::move(input), std::move(keys), std::move(scope), top_n,
                                   std::move(text));
}

}  // namespace wsiskg::query::exec
