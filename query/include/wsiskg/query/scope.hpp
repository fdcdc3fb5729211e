#pragma once
// In-scope variables of a pattern (SPARQL 1.1 §18.2.1), in order of first appearance. Used by
// the parser's static checks, by SELECT * projection and by the algebra translation.

#include <string>
#include <vector>

#include "wsiskg/query/ast.hpp"

namespace wsiskg::query {

std::vector<std::string> in_scope_variables(const ast::GroupGraphPattern& group);
std::vector<std::string> in_scope_variables(const ast::SelectQuery& select);  // its projection
// Adds the variables one pattern element brings into scope of its group.
void add_in_scope_variables(const ast::PatternElement& element, std::vector<std::string>& out);

}  // namespace wsiskg::query
