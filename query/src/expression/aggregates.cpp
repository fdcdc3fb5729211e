// §18.5 set functions. Errors follow the spec's definitions: SUM and AVG fail on any
// non-numeric or error value (op:numeric-add fails); COUNT counts only bound, error-free
// values; MIN, MAX and SAMPLE ignore errors; GROUP_CONCAT fails on a non-literal.
#include <set>
#include <vector>

#include "evaluator.hpp"
#include "literals.hpp"
#include "numeric.hpp"

namespace wsiskg::query::expression {
namespace {

// DISTINCT keeps the first occurrence of each term (RDF term identity).
class Distinct {
 public:
  explicit Distinct(bool enabled) : enabled_(enabled) {}
  bool first_time(const rdf::Term& t) { return !enabled_ || seen_.insert(t).second; }

 private:
  bool enabled_;
  std::set<rdf::Term> seen_;
};

class CountAggregator final : public Aggregator {
 public:
  explicit CountAggregator(bool distinct) : distinct_(distinct) {}
  void add(const Value& v) override {
    if (v && distinct_.first_time(*v)) ++count_;
  }
  Value result() const override {
    return rdf::Term::literal(std::to_string(count_), rdf::xsd::kInteger);
  }

 private:
  Distinct distinct_;
  std::uint64_t count_ = 0;
};

class SumAvgAggregator final : public Aggregator {
 public:
  SumAvgAggregator(bool distinct, bool average) : distinct_(distinct), average_(average) {}
  void add(const Value& v) override {
    if (failed_) return;
    if (!v) {
      failed_ = true;
      return;
    }
    if (!distinct_.first_time(*v)) return;
    auto n = parse_numeric(*v);
    if (!n) {
      failed_ = true;
      return;
    }
    auto s = arithmetic(ArithOp::Add, sum_, *n);
    if (!s) {
      failed_ = true;
      return;
    }
    sum_ = std::move(*s);
    ++count_;
  }
  Value result() const override {
    if (failed_) return std::nullopt;
    if (!average_ || count_ == 0) return to_term(sum_);  // SUM() and AVG() of nothing are 0
    auto avg = arithmetic(ArithOp::Divide, sum_, Numeric::integer(Decimal(count_)));
    if (!avg) return std::nullopt;
    return to_term(*avg);
  }

 private:
  Distinct distinct_;
  bool average_;
  bool failed_ = false;
  Numeric sum_ = Numeric::integer(0);
  std::uint64_t count_ = 0;
};

class MinMaxAggregator final : public Aggregator {
 public:
  explicit MinMaxAggregator(bool max) : max_(max) {}
  void add(const Value& v) override {
    if (!v) return;
    if (!best_ || (max_ ? order_compare(v, best_) > 0 : order_compare(v, best_) < 0)) best_ = v;
  }
  Value result() const override { return best_; }

 private:
  bool max_;
  Value best_;
};

class SampleAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (!sample_ && v) sample_ = v;
  }
  Value result() const override { return sample_; }

 private:
  Value sample_;
};

class GroupConcatAggregator final : public Aggregator {
 public:
  GroupConcatAggregator(bool distinct, std::string separator)
      : distinct_(distinct), separator_(std::move(separator)) {}
  void add(const Value& v) override {
    if (failed_ || !v) return;  // unbound values are skipped
    if (!v->is_literal()) {
      failed_ = true;
      return;
    }
    if (!distinct_.first_time(*v)) return;
    if (count_++ > 0) text_ += separator_;
    text_ += v->value;
  }
  Value result() const override {
    if (failed_) return std::nullopt;
    return string_term(text_);  // always xsd:string (W3C agg-groupconcat-4/6)
  }

 private:
  Distinct distinct_;
  std::string separator_;
  bool failed_ = false;
  std::string text_;
  std::uint64_t count_ = 0;
};

}  // namespace

std::unique_ptr<Aggregator> make_aggregator(const ast::Aggregate& aggregate) {
  switch (aggregate.op) {
    case ast::AggregateOp::Count:
      return std::make_unique<CountAggregator>(aggregate.distinct);
    case ast::AggregateOp::Sum:
      return std::make_unique<SumAvgAggregator>(aggregate.distinct, false);
    case ast::AggregateOp::Avg:
      return std::make_unique<SumAvgAggregator>(aggregate.distinct, true);
    case ast::AggregateOp::Min:
      return std::make_unique<MinMaxAggregator>(false);
    case ast::AggregateOp::Max:
      return std::make_unique<MinMaxAggregator>(true);
    case ast::AggregateOp::Sample:
      return std::make_unique<SampleAggregator>();
    case ast::AggregateOp::GroupConcat:
      return std::make_unique<GroupConcatAggregator>(aggregate.distinct,
                                                     aggregate.separator.value_or(" "));
  }
  return nullptr;
}

}  // namespace wsiskg::query::expression
