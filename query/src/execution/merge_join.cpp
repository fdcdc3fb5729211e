// Merge join of two inputs that both arrive sorted by one slot (index scans whose first unbound
// index component is the join variable): one sequential pass over each side instead of one
// index lookup per row. Rows of the right side that share a key are buffered, so a key may
// repeat on both sides.
#include <fmt/format.h>

#include "execution/operators.hpp"

namespace wsiskg::query::exec {

namespace {

class MergeJoin final : public Operator {
 public:
  MergeJoin(ExecContext& ctx, OperatorPtr left, OperatorPtr right, int key, SlotList right_slots,
            std::string text)
      : Operator(ctx),
        left_(std::move(left)),
        right_(std::move(right)),
        key_(static_cast<std::size_t>(key)),
        slots_(std::move(right_slots)),
        text_(std::move(text)) {}
  std::string name() const override { return "MergeJoin"; }
  std::string detail() const override { return text_; }
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }

 protected:
  void do_open() override {
    left_->open();
    right_->open();
    have_left_ = left_->next(left_row_);
    have_right_ = right_->next(right_row_);
    clear_group();
    pos_ = 0;
    emitting_ = false;
  }

  bool do_next(Row& row) override {
    for (;;) {
      if (emitting_) {
        while (pos_ < group_.size()) {
          ctx_.tick();
          const Row& right = group_[pos_++];
          if (!compatible(right)) continue;  // checked before copying: most pairs fail
          row = left_row_;
          merge_compatible(row, right, slots_);
          return true;
        }
        // The next left row may carry the same key: replay the buffered group.
        have_left_ = left_->next(left_row_);
        pos_ = 0;
        if (have_left_ && left_row_[key_] == group_key_) continue;
        emitting_ = false;
      }
      if (!have_left_ || !have_right_) return false;
      ctx_.tick();
      TermId l = left_row_[key_], r = right_row_[key_];
      if (l < r) {
        have_left_ = left_->next(left_row_);
      } else if (r < l) {
        have_right_ = right_->next(right_row_);
      } else {
        group_key_ = l;
        clear_group();
        while (have_right_ && right_row_[key_] == group_key_) {
          std::uint64_t bytes = 48 + right_row_.size() * sizeof(TermId);
          charged_ += bytes;
          ctx_.charge(bytes);
          group_.push_back(right_row_);
          have_right_ = right_->next(right_row_);
        }
        pos_ = 0;
        emitting_ = true;
      }
    }
  }

 private:
  bool compatible(const Row& right) const {
    for (int s : slots_) {
      TermId r = right[static_cast<std::size_t>(s)], l = left_row_[static_cast<std::size_t>(s)];
      if (r != store::kAnyTerm && l != store::kAnyTerm && l != r) return false;
    }
    return true;
  }
  void clear_group() {
    group_.clear();
    ctx_.release(charged_);
    charged_ = 0;
  }

  OperatorPtr left_, right_;
  std::size_t key_;
  SlotList slots_;
  std::string text_;
  Row left_row_, right_row_;
  bool have_left_ = false, have_right_ = false, emitting_ = false;
  TermId group_key_ = store::kAnyTerm;
  std::vector<Row> group_;  // right rows with key group_key_
  std::size_t pos_ = 0;
  std::uint64_t charged_ = 0;  // memory guard: bytes of group_
};

}  // namespace

OperatorPtr make_merge_join(ExecContext& ctx, OperatorPtr left, OperatorPtr right, int key,
                            SlotList right_slots, std::string text) {
  return std::make_unique<MergeJoin>(ctx, std::move(left), std::move(right), key,
                                     std::move(right_slots), std::move(text));
}

}  // namespace wsiskg::query::exec
