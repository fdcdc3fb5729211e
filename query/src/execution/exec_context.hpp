#pragma once
// Per-query execution state: the store snapshot, the id<->term facade (store ids plus
// query-local ids for terms the store has never seen), the deadline and memory guard.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "expression/evaluator.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::query::exec {

using store::TermId;
using Row = std::vector<TermId>;  // one TermId per variable slot; store::kAnyTerm = unbound

// Terms unknown to the store get ids of this kind (the store uses kinds 0..7); the payload
// indexes the query's local term table.
inline constexpr store::TermIdKind kLocalTermKind = static_cast<store::TermIdKind>(8);
inline bool is_local(TermId id) {
  return store::kind_of(id) == kLocalTermKind;
}

// Decodes ids (store or local) with a cache, and encodes terms to the one id each term has in
// this query: the store's id when the store knows it, a local id otherwise.
class TermTable {
 public:
  explicit TermTable(const store::ReadTransaction& txn) : txn_(txn) {}
  const rdf::Term& decode(TermId id);
  TermId encode(const rdf::Term& term);
  // The store's id of a term, or nullopt.
  std::optional<TermId> find(const rdf::Term& term) const { return txn_.find(term); }
  std::uint64_t cached() const { return cache_.size(); }

 private:
  struct TermHash {
    std::size_t operator()(const rdf::Term& t) const {
      return std::hash<std::string>()(t.value) * 31 + std::hash<std::string>()(t.datatype) +
             static_cast<std::size_t>(t.kind);
    }
  };
  const store::ReadTransaction& txn_;
  std::unordered_map<TermId, rdf::Term> cache_;
  std::vector<rdf::Term> locals_;
  std::unordered_map<rdf::Term, TermId, TermHash> local_ids_;
};

// Variable name -> slot, for one variable scope (a sub-SELECT has its own).
using Scope = std::unordered_map<std::string, int>;

class ExecContext {
 public:
  ExecContext(const store::ReadTransaction& t, std::chrono::milliseconds timeout,
              std::uint64_t memory_limit, std::string base_iri);

  const store::ReadTransaction& txn;
  TermTable terms;
  expression::QueryConstants constants;
  bool analyze = false;
  int slot_count = 0;

  // Called in every operator loop: checks the deadline every 1024 calls.
  void tick() {
    if ((++ticks_ & 1023) == 0 && has_deadline_) check_deadline();
  }
  void check_deadline();
  // Memory guard: big buffers (hash tables, sort buffers, closures) account their bytes here.
  void charge(std::uint64_t bytes);
  void release(std::uint64_t bytes) { used_ = bytes > used_ ? 0 : used_ - bytes; }

  // EXISTS support, installed by the planner: evaluates EXISTS{…} for a row under a scope.
  std::function<bool(const ast::ExistsExpr&, const Scope&, const Row&)> exists;

  // Fresh blank node labels for BNODE() and CONSTRUCT templates.
  std::uint64_t next_blank = 0;

 private:
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::milliseconds timeout_;
  std::uint64_t limit_ = 0, used_ = 0, ticks_ = 0;
};

// Expression evaluation over one row: decodes only the variables an expression asks for.
class RowContext final : public expression::EvaluationContext {
 public:
  RowContext(ExecContext& ctx, const Scope& scope) : ctx_(ctx), scope_(scope) {}
  void set_row(const Row* row) {
    row_ = row;
    blanks_.clear();
  }
  expression::Value variable(std::string_view name) const override;
  bool exists(const ast::ExistsExpr& exists) override;
  rdf::Term blank_node(std::optional<std::string_view> label) override;
  const expression::QueryConstants& constants() const override { return ctx_.constants; }

 private:
  ExecContext& ctx_;
  const Scope& scope_;
  const Row* row_ = nullptr;
  std::unordered_map<std::string, rdf::Term> blanks_;
};

}  // namespace wsiskg::query::exec
