#pragma once
// Algebra -> physical plan. Rewrites (required patterns hoisted above OPTIONAL, adjacent BGPs
// merged), join order of each group from the store's cardinality statistics (greedy, connected
// patterns first, cheapest per input row), FILTERs placed right after the step that binds their
// variables, index nested-loop (bind) joins for patterns and hash joins for the rest.

#include <deque>
#include <memory>
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
};

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
  struct ChainItem;
  Plan compile(const algebra::Node& node, Plan input);
  Plan compile_group(const algebra::Node& node, std::vector<ast::Expression> filters, Plan input);
  void flatten(const algebra::Node& node, std::vector<ChainItem>& chain,
               std::vector<const algebra::Node*>& opaque, std::vector<ast::Expression>& filters);
  Plan join_plans(Plan left, Plan right);
  Plan single_row();
  exec::PatternTerm term(const ast::VarOrTerm& v);
  void prepare_exists(const ast::Expression& e);
  bool substitutable(const algebra::Node& node) const;

  ExecContext& ctx_;
  std::shared_ptr<exec::Scope> scope_;
  exec::GraphSpec active_graph_;
  exec::GraphSpec named_template_;  // Variable spec for GRAPH ?g
  exec::GraphFacts facts_;
  struct ExistsPlan {
    exec::Seed* seed;
    OperatorPtr op;
  };
  std::unordered_map<const void*, ExistsPlan> exists_;
  std::deque<algebra::Node> owned_;          // translated EXISTS patterns
  std::optional<std::uint64_t> top_n_hint_;  // set by Slice for an OrderBy right below
};

// The physical plan as text: one line per operator, indented by depth.
std::string explain_tree(const exec::Operator& root, bool analyze);

}  // namespace wsiskg::query::optimizer
