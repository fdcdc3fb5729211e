#pragma once
// Algebra -> physical plan. Rewrites (required patterns hoisted above OPTIONAL, adjacent BGPs
// merged), join order of each group from the store's cardinality statistics (greedy, connected
// patterns first, cheapest per input row), FILTERs placed right after the step that binds their
// variables, index nested-loop (bind) joins for patterns and hash joins for the rest.
//
// Layout: planner.cpp holds the entry point (plan) and the one dispatch over algebra nodes
// (compile); each kind of node is planned by a member defined in the file named for it
// (plan_group.cpp: join groups, with join_order.cpp and filter_pushdown.cpp; plan_joins.cpp:
// OPTIONAL/UNION/MINUS; plan_graph.cpp; plan_group_by.cpp; plan_modifiers.cpp; plan_exists.cpp).
// A new algebra node gets one case in compile() and its own plan_<node>.cpp.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "execution/operators.hpp"
#include "wsiskg/query/algebra.hpp"
#include "wsiskg/query/engine.hpp"

namespace wsiskg::query::optimizer {

using exec::ExecContext;
using exec::OperatorPtr;

struct Plan {
  OperatorPtr op;
  std::set<int> certain;  // slots bound in every row
  std::set<int> maybe;    // slots bound in some row (superset of certain)
  double estimate = 1;
  // Per slot, the number of distinct values its values are drawn from (join selectivity, see
  // join_rows); slots not listed: as many as there are rows.
  std::map<int, double> distinct;
};

struct ChainItem;  // join_order.hpp
struct Candidate;

class Planner {
 public:
  Planner(ExecContext& ctx, const std::vector<ast::DatasetClause>& dataset,
          DefaultGraph default_graph);
  // Plans `node` (the query's pattern); variables of the outermost scope are in scope().
  Plan plan(const algebra::Node& node);
  const exec::Scope& scope() const { return *scope_; }
  const exec::GraphSpec& default_graph() const { return active_graph_; }
  const exec::GraphFacts& facts() const { return facts_; }
  int slot(const std::string& name);  // allocates in the current scope

 private:
  // The dispatch: plans `node` extending the rows of `input` (no op: a single empty row).
  Plan compile(const algebra::Node& node, Plan input);

  // plan_group.cpp: a join group (BGP triples, paths, VALUES, joins of them) with its filters.
  Plan compile_group(const algebra::Node& node, std::vector<ast::Expression> filters, Plan input);
  void flatten(const algebra::Node& node, std::vector<ChainItem>& chain,
               std::vector<const algebra::Node*>& opaque, std::vector<ast::Expression>& filters);
  Candidate make_candidate(const ChainItem& item);
  // One more element of the chain, `estimate` the rows expected after it.
  Plan extend_chain(Plan current, const Candidate& c, double estimate);
  Plan merge_chain(Plan current, const Candidate& c, double estimate, int key);
  // plan_joins.cpp
  Plan join_plans(Plan left, Plan right);
  Plan compile_left_join(const algebra::LeftJoin& lj, Plan input);
  Plan compile_union(const algebra::Union& u, Plan input);
  Plan compile_minus(const algebra::Minus& m, Plan input);
  // plan_graph.cpp
  Plan compile_graph(const algebra::Graph& g, Plan input);
  // plan_group_by.cpp
  Plan compile_group_by(const algebra::Group& g, Plan input);
  // plan_modifiers.cpp
  Plan compile_extend(const algebra::Extend& e, Plan input);
  Plan compile_order_by(const algebra::OrderBy& o, Plan input);
  Plan compile_project(const algebra::Project& pr, Plan input);
  Plan compile_distinct(const algebra::Node& input_node, Plan input);
  Plan compile_slice(const algebra::Slice& s, Plan input);
  Plan compile_service(const algebra::Service& s, Plan input);
  // plan_path_pattern.cpp: path searches (`?s ANY SHORTEST (path AS ?p) ?o`), extending the
  // rows of `input`; run_search_first: before the group's chain (no end bound by it) or after.
  Plan compile_path_search(const algebra::PathSearch& p, Plan input);
  bool run_search_first(const algebra::PathSearch& p, const std::vector<ChainItem>& chain) const;
  // plan_exists.cpp
  void prepare_exists(const ast::Expression& e);
  bool substitutable(const algebra::Node& node) const;

  Plan single_row();
  exec::PatternTerm term(const ast::VarOrTerm& v);

  ExecContext& ctx_;
  std::shared_ptr<exec::Scope> scope_;
  exec::GraphSpec active_graph_;
  exec::GraphSpec named_template_;  // Variable spec for GRAPH ?g
  exec::GraphFacts facts_;
  struct ExistsPlan {
    exec::SubstitutionRow* mu;
    OperatorPtr op;
  };
  // While planning an EXISTS pattern: its μ, which single_row() leaves start from, and the
  // slots μ may bind.
  exec::SubstitutionRow* substitution_ = nullptr;
  std::set<int> substitution_slots_;
  std::deque<exec::SubstitutionRow> substitutions_;
  std::unordered_map<const void*, ExistsPlan> exists_;
  std::deque<algebra::Node> owned_;          // translated EXISTS patterns
  std::optional<std::uint64_t> top_n_hint_;  // set by Slice for an OrderBy right below
};

// The physical plan as text: one line per operator, indented by depth.
std::string explain_tree(const exec::Operator& root, bool analyze);

}  // namespace wsiskg::query::optimizer
