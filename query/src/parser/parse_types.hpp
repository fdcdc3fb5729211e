#pragma once
// Intermediate attribute types used only while parsing.

#include <string>
#include <vector>

#include "wsiskg/query/ast.hpp"

namespace wsiskg::query::parser {

// A graph node plus the triples its `[ … ]` or `( … )` syntax expands to.
struct NodeWithTriples {
  ast::VarOrTerm node;
  std::vector<ast::TriplePattern> triples;
};

}  // namespace wsiskg::query::parser

namespace wsiskg::query::parser {

// One `verb objects` entry of a property list.
struct PropertyEntry {
  ast::Predicate verb;
  std::vector<NodeWithTriples> objects;
};

}  // namespace wsiskg::query::parser
