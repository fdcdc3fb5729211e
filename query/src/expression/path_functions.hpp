#pragma once
// Functions over path values of the path-search extension (README, "Paths in queries"):
// PATH_LENGTH, PATH_SOURCE, PATH_TARGET, PATH_NODE, PATH_EDGE, PATH_DIRECTION, PATH_NODES,
// PATH_EDGES. Any argument that is not a path value (or an index out of range) is an error.

#include <string_view>
#include <vector>

#include "evaluator.hpp"

namespace wsiskg::query::expression {

bool is_path_function(std::string_view name);
Value call_path_function(std::string_view name, const std::vector<rdf::Term>& args);

}  // namespace wsiskg::query::expression
