// GROUP BY with aggregates: one hash table entry per group key (key terms as ids), each with
// its aggregators.
#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

#include "execution/operators.hpp"

namespace wsiskg::query::exec {

namespace {

class GroupBy final : public Operator {
 public:
  GroupBy(ExecContext& ctx, OperatorPtr input, GroupPlan plan, ScopePtr scope, std::string text)
      : Operator(ctx),
        input_(std::move(input)),
        plan_(std::move(plan)),
        scope_(std::move(scope)),
        eval_(ctx, *scope_),
        text_(std::move(text)) {}
  std::string name() const override { return "GroupBy"; }
  std::string detail() const override { return text_; }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    groups_.clear();
    order_.clear();
    input_->open();
    Row row;
    Row key(plan_.keys.size());
    while (input_->next(row)) {
      ctx_.tick();
      eval_.set_row(&row);
      for (std::size_t i = 0; i < plan_.keys.size(); ++i) {
        int s = plan_.key_slots[i];
        if (s >= 0) {
          key[i] = row[static_cast<std::size_t>(s)];
        } else {
          auto v = expression::evaluate(plan_.keys[i], eval_);
          key[i] = v ? ctx_.terms.encode(*v) : store::kAnyTerm;
        }
      }
      auto [it, fresh] = groups_.try_emplace(key);
      if (fresh) {
        order_.push_back(&*it);
        init(it->second);
        ctx_.charge(128 + 64 * plan_.aggregates.size());
      }
      add(it->second, row);
    }
    if (groups_.empty() && plan_.implicit_group) {
      auto [it, fresh] = groups_.try_emplace(Row(plan_.keys.size(), store::kAnyTerm));
      order_.push_back(&*it);
      init(it->second);
    }
    pos_ = 0;
  }
  bool do_next(Row& row) override {
    if (pos_ >= order_.size()) return false;
    auto& [key, state] = *order_[pos_++];
    row.assign(static_cast<std::size_t>(ctx_.slot_count), store::kAnyTerm);
    for (std::size_t i = 0; i < key.size(); ++i)
      if (plan_.key_slots[i] >= 0) row[static_cast<std::size_t>(plan_.key_slots[i])] = key[i];
    for (std::size_t a = 0; a < plan_.aggregates.size(); ++a) {
      expression::Value v;
      if (state.distinct_rows[a])
        v = rdf::Term::literal(std::to_string(state.distinct_rows[a]->size()), rdf::xsd::kInteger);
      else
        v = state.aggregators[a]->result();
      if (v) row[static_cast<std::size_t>(plan_.aggregates[a].slot)] = ctx_.terms.encode(*v);
    }
    return true;
  }

 private:
  struct State {
    std::vector<std::unique_ptr<expression::Aggregator>> aggregators;
    // COUNT(DISTINCT *): the distinct rows seen.
    std::vector<std::unique_ptr<std::unordered_set<Row, RowHash>>> distinct_rows;
  };
  void init(State& s) {
    for (const auto& a : plan_.aggregates) {
      bool star_distinct = !a.aggregate.arg && a.aggregate.distinct;
      s.aggregators.push_back(star_distinct ? nullptr : expression::make_aggregator(a.aggregate));
      s.distinct_rows.push_back(star_distinct ? std::make_unique<std::unordered_set<Row, RowHash>>()
                                              : nullptr);
    }
  }
  void add(State& s, const Row& row) {
    for (std::size_t a = 0; a < plan_.aggregates.size(); ++a) {
      const auto& agg = plan_.aggregates[a].aggregate;
      if (s.distinct_rows[a]) {
        if (s.distinct_rows[a]->insert(row).second) ctx_.charge(32 + row.size() * 8);
      } else if (!agg.arg) {
        s.aggregators[a]->add(rdf::Term::literal("1", rdf::xsd::kInteger));
      } else {
        s.aggregators[a]->add(expression::evaluate(**agg.arg, eval_));
      }
    }
  }

  OperatorPtr input_;
  GroupPlan plan_;
  ScopePtr scope_;
  RowContext eval_;
  std::string text_;
  std::unordered_map<Row, State, RowHash> groups_;
  std::vector<std::pair<const Row, State>*> order_;
  std::size_t pos_ = 0;
};

}  // namespace

OperatorPtr make_group(ExecContext& ctx, OperatorPtr input, GroupPlan plan, ScopePtr scope,
                       std::string text) {
  return std::make_unique<GroupBy>(ctx, std::move(input), std::move(plan), std::move(scope),
                                   std::move(text));
}

}  // namespace wsiskg::query::exec
