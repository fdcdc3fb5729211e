#pragma once
// Physical operators: a pull (iterator) model over rows of TermId slots. open() (re)starts an
// operator; next() writes the next output row (every slot) and returns false at the end.
// Operators that extend their input (index scans, paths, VALUES) take it as a child, so a chain
// of them is an index nested-loop (bind) join.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "execution/exec_context.hpp"

namespace wsiskg::query::exec {

class Operator {
 public:
  explicit Operator(ExecContext& ctx) : ctx_(ctx) {}
  virtual ~Operator() = default;
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;

  void open() {
    if (ctx_.analyze) {
      auto start = std::chrono::steady_clock::now();
      do_open();
      time_ms_ +=
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
    } else {
      do_open();
    }
  }
  bool next(Row& row) {
    if (!ctx_.analyze) return do_next(row);
    auto start = std::chrono::steady_clock::now();
    bool ok = do_next(row);
    time_ms_ +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (ok) ++actual_;
    return ok;
  }

  // explain: name, details, estimated rows; children in display order.
  virtual std::string name() const = 0;
  virtual std::string detail() const { return {}; }
  virtual std::vector<const Operator*> children() const { return {}; }
  double estimate = 0;
  std::uint64_t actual() const { return actual_; }
  double time_ms() const { return time_ms_; }

 protected:
  virtual void do_open() = 0;
  virtual bool do_next(Row& row) = 0;
  ExecContext& ctx_;

 private:
  std::uint64_t actual_ = 0;
  double time_ms_ = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

// An operator that turns each input row into any number of output rows: do_next hands out the
// rows `expand` queued for one input row before asking for the next.
class ExpandingOperator : public Operator {
 public:
  using Operator::Operator;

 protected:
  // Queues the output rows of the next input row; false when the input has ended.
  virtual bool expand_next() = 0;

  void clear_queue() {
    queue_.clear();
    pos_ = 0;
  }
  void queue(Row row) { queue_.push_back(std::move(row)); }
  bool queue_empty() const { return queue_.size() == pos_; }

  bool do_next(Row& row) final {
    for (;;) {
      if (pos_ < queue_.size()) {
        row = std::move(queue_[pos_++]);
        return true;
      }
      clear_queue();
      if (!expand_next()) return false;
    }
  }

 private:
  std::vector<Row> queue_;
  std::size_t pos_ = 0;
};

// Slots a row may carry, for compatibility checks and merges.
using SlotList = std::vector<int>;

// Merges `right` into `out` (a copy of the left row) over `slots`; false when a slot is bound
// to different terms on the two sides (SPARQL compatibility).
inline bool merge_compatible(Row& out, const Row& right, const SlotList& slots) {
  for (int s : slots) {
    TermId r = right[static_cast<std::size_t>(s)];
    if (r == store::kAnyTerm) continue;
    TermId& l = out[static_cast<std::size_t>(s)];
    if (l == store::kAnyTerm)
      l = r;
    else if (l != r)
      return false;
  }
  return true;
}

struct RowHash {
  std::size_t operator()(const Row& r) const {
    std::size_t h = 0x9e3779b97f4a7c15ULL;
    for (TermId id : r) h = (h ^ id) * 0x100000001b3ULL + (h >> 29);
    return h;
  }
};

}  // namespace wsiskg::query::exec
