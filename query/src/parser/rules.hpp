#pragma once
// Declarations of the grammar rules shared between translation units. Each group's
// definitions live in <group>_def.hpp and are instantiated once in <group>.cpp for
// config.hpp's iterator and context types, which keeps each file's compile cost bounded.

#include <boost/spirit/home/x3.hpp>
#include <string>
#include <vector>

#include "config.hpp"
#include "parse_types.hpp"
#include "wsiskg/query/ast.hpp"

namespace wsiskg::query::parser {

#define WSISKG_X3_RULE(name, attribute)                  \
  struct name##_class;                                   \
  using name##_type = x3::rule<name##_class, attribute>; \
  const name##_type name{#name};                         \
  BOOST_SPIRIT_DECLARE(name##_type)

// terminals.cpp: lexical tokens, IRIs and literals.
WSISKG_X3_RULE(iriref, std::string);
WSISKG_X3_RULE(pname_ns, std::string);
WSISKG_X3_RULE(iri, std::string);
WSISKG_X3_RULE(var, ast::Var);
WSISKG_X3_RULE(blank_node, rdf::Term);
WSISKG_X3_RULE(string_literal, std::string);
WSISKG_X3_RULE(rdf_literal, rdf::Term);
WSISKG_X3_RULE(numeric_literal, rdf::Term);
WSISKG_X3_RULE(boolean_literal, rdf::Term);
WSISKG_X3_RULE(nil, rdf::Term);
WSISKG_X3_RULE(integer, std::uint64_t);

// expression.cpp
WSISKG_X3_RULE(expression, ast::Expression);
WSISKG_X3_RULE(bracketted_expression, ast::Expression);
WSISKG_X3_RULE(builtin_call, ast::Expression);
WSISKG_X3_RULE(function_call, ast::Expression);
WSISKG_X3_RULE(constraint, ast::Expression);

// triples.cpp: triple patterns with and without property paths.
WSISKG_X3_RULE(var_or_term, ast::VarOrTerm);
WSISKG_X3_RULE(var_or_iri, ast::VarOrTerm);
WSISKG_X3_RULE(triples_same_subject, std::vector<ast::TriplePattern>);
WSISKG_X3_RULE(triples_same_subject_path, std::vector<ast::TriplePattern>);

// pattern.cpp: group graph patterns and VALUES.
WSISKG_X3_RULE(group_graph_pattern, ast::GroupGraphPattern);
WSISKG_X3_RULE(data_block, ast::InlineData);
WSISKG_X3_RULE(triples_template, std::vector<ast::TriplePattern>);

// query.cpp: SELECT clause, solution modifiers, query forms.
WSISKG_X3_RULE(sub_select, ast::SelectQuery);
WSISKG_X3_RULE(query_unit, ast::Query);

#undef WSISKG_X3_RULE

}  // namespace wsiskg::query::parser
