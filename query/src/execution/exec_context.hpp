#pragma once
// Per-query execution state: the store snapshot, the id<->term facade (store ids plus
// query-local ids for terms the store has never seen), the deadline and memory guard.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "expression/evaluator.hpp"
#include "wsiskg/graph/path.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::query::exec {

using store::TermId;
using Row = std::vector<TermId>;  // one TermId per variable slot; store::kAnyTerm = unbound

// Terms unknown to the store get ids of this kind (the store uses kinds 0..7); the payload
// indexes the query's local term table.
inline constexpr store::TermIdKind kLocalTermKind = static_cast<store::TermIdKind>(8);
// Paths found by a path search get ids of this kind; the payload indexes the query's path
// table, and the path literal (path_value.hpp) is only built when something asks for the term.
inline constexpr store::TermIdKind kLocalPathKind = static_cast<store::TermIdKind>(9);
// Query-local ids (local terms and paths) match no quad of the store.
inline bool is_local(TermId id) {
  auto kind = store::kind_of(id);
  return kind == kLocalTermKind || kind == kLocalPathKind;
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
  // The id of a path found by a path search: equal paths get equal ids. Cheap — no term is
  // decoded until decode() is asked for the path's term.
  // Takes the path over; path(id) gives it back.
  TermId intern_path(graph::Path&& path);
  void reserve_paths(std::size_t more) {
    path_ids_.reserve(path_ids_.size() + more);
    paths_.reserve(paths_.size() + more);
  }
  const graph::Path& path(TermId id) const { return *paths_.at(store::payload_of(id)); }

 private:
  struct TermHash {
    std::size_t operator()(const rdf::Term& t) const {
      return std::hash<std::string>()(t.value) * 31 + std::hash<std::string>()(t.datatype) +
             static_cast<std::size_t>(t.kind);
    }
  };
  const store::ReadTransaction& txn_;
  std::unordered_map<TermId, rdf::Term> cache_;
  struct PathHash {
    std::size_t operator()(const graph::Path& path) const;
  };
  std::vector<rdf::Term> locals_;
  std::vector<const graph::Path*> paths_;  // by payload; keys of path_ids_ (node-stable)
  std::unordered_map<graph::Path, TermId, PathHash> path_ids_;
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
  // Time left before the deadline (nullopt: none), for work that cannot tick() as it goes
  // (a graph path search takes it as its own timeout).
  std::optional<std::chrono::milliseconds> time_left() const {
    if (!has_deadline_) return std::nullopt;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline_ - std::chrono::steady_clock::now());
    return std::max(left, std::chrono::milliseconds(1));
  }
  // Memory guard: big buffers (hash tables, sort buffers, closures) account their bytes here.
  void charge(std::uint64_t bytes);
  void release(std::uint64_t bytes) { used_ = bytes > used_ ? 0 : used_ - bytes; }

  // EXISTS support, installed by the planner: evaluates EXISTS{…} for a row under a scope.
  std::function<bool(const ast::ExistsExpr&, const Scope&, const Row&)> exists;

  // Fresh blank node labels for BNODE() and CONSTRUCT templates.
  std::uint64_t next_blank = 0;
  // BNODE(label) gives one blank node per label within one solution (§17.4.2.9), also across
  // the SELECT expressions / BINDs that extend it one after the other: a RowContext that starts
  // a solution bumps `solution`, and the labels map to nodes until it changes.
  std::uint64_t solution = 0;
  std::uint64_t labelled_blanks_solution = ~std::uint64_t{0};
  std::unordered_map<std::string, rdf::Term> labelled_blanks;

 private:
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::milliseconds timeout_;
  std::uint64_t limit_ = 0, used_ = 0, ticks_ = 0;
};

// Expression evaluation over one row: decodes only the variables an expression asks for.
class RowContext final : public expression::EvaluationContext {
 public:
  // `continues_solution`: the rows are solutions another RowContext just started (a BIND right
  // after a BIND), so BNODE(label) keeps their blank nodes.
  RowContext(ExecContext& ctx, const Scope& scope, bool continues_solution = false)
      : ctx_(ctx), scope_(scope), continues_(continues_solution) {}
  void set_row(const Row* row) {
    row_ = row;
    if (!continues_) ++ctx_.solution;
  }
  expression::Value variable(std::string_view name) const override;
  bool exists(const ast::ExistsExpr& exists) override;
  rdf::Term blank_node(std::optional<std::string_view> label) override;
  const expression::QueryConstants& constants() const override { return ctx_.constants; }

 private:
  ExecContext& ctx_;
  const Scope& scope_;
  const Row* row_ = nullptr;
  bool continues_ = false;
};

}  // namespace wsiskg::query::exec
