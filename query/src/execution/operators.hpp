#pragma once
// Factories of the physical operators (each defined in its own source file).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "execution/graph_cursor.hpp"
#include "execution/operator.hpp"
#include "wsiskg/query/algebra.hpp"
#include "wsiskg/query/ast.hpp"

namespace wsiskg::query::exec {

// One position of a triple pattern: a variable slot or a constant id.
struct PatternTerm {
  int slot = -1;
  TermId constant = store::kAnyTerm;
  bool is_var() const { return slot >= 0; }
};
struct TriplePlan {
  PatternTerm s, p, o;
};

using ScopePtr = std::shared_ptr<const Scope>;

// Emits one row with every slot unbound (the identity of join).
OperatorPtr make_single_row(ExecContext& ctx);

// Emits the row given to set(), once per open(): the leaf of a plan evaluated per outer row
// (EXISTS, bind left joins).
class Seed final : public Operator {
 public:
  using Operator::Operator;
  void set(const Row& row) { row_ = &row; }
  std::string name() const override { return "Seed"; }

 protected:
  void do_open() override { done_ = false; }
  bool do_next(Row& row) override {
    if (done_ || row_ == nullptr) return false;
    done_ = true;
    row = *row_;
    return true;
  }

 private:
  const Row* row_ = nullptr;
  bool done_ = false;
};

// EXISTS (§18.6): the row μ the pattern is evaluated for, set before each evaluation. Every leaf
// of the pattern's plan starts from it, so each part of the pattern (OPTIONAL, UNION, MINUS,
// GRAPH, sub-SELECT, nested EXISTS …) sees μ's variables as the constants substitute(P, μ) puts
// in their place.
struct SubstitutionRow {
  const Row* row = nullptr;
  bool binds(int slot) const {
    return row != nullptr && (*row)[static_cast<std::size_t>(slot)] != store::kAnyTerm;
  }
};
// Emits the substitution row once per open().
OperatorPtr make_substitution_leaf(ExecContext& ctx, const SubstitutionRow* source);

// Index scan extending each input row: the bound slots of the row become bound positions of
// the quad pattern.
OperatorPtr make_pattern_scan(ExecContext& ctx, OperatorPtr input, TriplePlan triple,
                              GraphSpec graph, GraphFacts facts, std::string text,
                              double standalone_rows = -1);
// Property path Path(s, path, o) extending each input row.
OperatorPtr make_path_scan(ExecContext& ctx, OperatorPtr input, PatternTerm s, ast::Path path,
                           PatternTerm o, GraphSpec graph, GraphFacts facts, std::string text);
// VALUES rows (kAnyTerm = UNDEF) joined with each input row.
OperatorPtr make_values(ExecContext& ctx, OperatorPtr input, SlotList slots, std::vector<Row> rows);
// Binds `slot` to each named graph (GRAPH ?g {} with an empty pattern).
OperatorPtr make_filter(ExecContext& ctx, OperatorPtr input,
                        std::vector<ast::Expression> conditions, ScopePtr scope, std::string text);
// BIND / SELECT expression; `continues_solution` when its input is another Extend (BNODE(label)
// scope).
OperatorPtr make_extend(ExecContext& ctx, OperatorPtr input, int slot, ast::Expression expression,
                        ScopePtr scope, std::string text, bool continues_solution = false);
// Hash join: builds on `right`, probes with `left`; `key` slots are bound on both sides,
// `right_slots` are every slot the right side may bind.
OperatorPtr make_hash_join(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key,
                           SlotList right_slots);
// Merge join: both inputs arrive sorted ascending by `key`, a slot both always bind.
OperatorPtr make_merge_join(ExecContext& ctx, OperatorPtr left, OperatorPtr right, int key,
                            SlotList right_slots, std::string text);
OperatorPtr make_left_join(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key,
                           SlotList right_slots, std::optional<ast::Expression> condition,
                           ScopePtr scope);
// OPTIONAL evaluated per left row: `right` is a plan whose leaf is `seed`.
OperatorPtr make_bind_left_join(ExecContext& ctx, OperatorPtr left, Seed* seed, OperatorPtr right,
                                std::optional<ast::Expression> condition, ScopePtr scope);
// MINUS; inside EXISTS, `substituted` names μ: its variables are constants after substitution,
// so they do not count as variables the two sides share.
OperatorPtr make_minus(ExecContext& ctx, OperatorPtr left, OperatorPtr right, SlotList key,
                       SlotList right_slots, const SubstitutionRow* substituted = nullptr);
OperatorPtr make_union(ExecContext& ctx, std::vector<OperatorPtr> inputs);
// Keeps `keep` slots, unbinds the others.
OperatorPtr make_project(ExecContext& ctx, OperatorPtr input, SlotList keep, std::string text);
OperatorPtr make_distinct(ExecContext& ctx, OperatorPtr input, SlotList slots);
OperatorPtr make_slice(ExecContext& ctx, OperatorPtr input, std::uint64_t offset,
                       std::optional<std::uint64_t> limit);

struct OrderKey {
  ast::Expression expression;
  bool descending = false;
};
// Sorts; with `top_n` keeps only the first top_n rows (a bounded sort for ORDER BY … LIMIT).
OperatorPtr make_order_by(ExecContext& ctx, OperatorPtr input, std::vector<OrderKey> keys,
                          ScopePtr scope, std::optional<std::uint64_t> top_n, std::string text);

struct GroupPlan {
  std::vector<ast::Expression> keys;
  SlotList key_slots;  // slot of each key when it is a plain variable, else -1
  struct Aggregate {
    int slot;
    ast::Aggregate aggregate;
  };
  std::vector<Aggregate> aggregates;
  bool implicit_group = false;  // no GROUP BY: one group even over no rows
};
OperatorPtr make_group(ExecContext& ctx, OperatorPtr input, GroupPlan plan, ScopePtr scope,
                       std::string text);

}  // namespace wsiskg::query::exec
