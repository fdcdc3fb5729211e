#pragma once
// Static rules of the spec that the grammar alone does not enforce (§18.2.1 scoping, §18.5
// aggregates, §4.1.4 blank-node labels). Runs over the finished AST.

#include <cstddef>
#include <string>
#include <string_view>

#include "wsiskg/query/ast.hpp"

namespace wsiskg::query::parser {

struct ValidationError {
  std::size_t offset;  // byte offset in the parsed text
  std::string message;
};

// Throws ValidationError on the first violation. `text` is the parsed (escape-decoded) text,
// used to locate blank-node labels.
void validate(const ast::Query& query, std::string_view text);

}  // namespace wsiskg::query::parser
