#pragma once
// Static facts about algebra nodes and expressions, by variable name: which variables a
// pattern binds always / possibly, which an expression reads, and the rewrites that use them.

#include <set>
#include <string>

#include "wsiskg/query/algebra.hpp"

namespace wsiskg::query::optimizer {

using Names = std::set<std::string>;

// Variables (and blank-node placeholders "_:label") a pattern binds in every / some solution.
Names certain_vars(const algebra::Node& node);
Names maybe_vars(const algebra::Node& node);
// Variables an expression reads; `has_exists` is set when it contains EXISTS (such filters are
// never moved).
void expression_vars(const ast::Expression& e, Names& out, bool& has_exists);

// Join(LeftJoin(A, B), C) -> LeftJoin(Join(A, C), B) when C is a plain pattern whose variables
// shared with B are all certainly bound by A (then the two are equivalent), so required
// patterns are ordered together instead of after the OPTIONAL; applied bottom-up everywhere.
algebra::Node hoist_required(algebra::Node node);

}  // namespace wsiskg::query::optimizer
