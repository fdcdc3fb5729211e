#pragma once
// SPARQL algebra (SPARQL 1.1 §18): the tree the query AST is translated into before
// optimisation and evaluation. Expressions stay ast::Expression; an EXISTS inside one keeps
// its group pattern, which the evaluator translates with translate_pattern().

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wsiskg/query/ast.hpp"

namespace wsiskg::query::algebra {

using ast::Box;
using ast::Expression;
using ast::Var;
using ast::VarOrTerm;

struct Node;

// Variables the translation invents (sequence-path joints, aggregate results) start with this
// character, which no query variable can.
inline constexpr char kInternalVarPrefix = '.';

// A triple pattern without paths: predicate is a Var or an IRI term.
struct Triple {
  VarOrTerm subject;
  VarOrTerm predicate;
  VarOrTerm object;
};

// Basic graph pattern; an empty one is the identity Z.
struct Bgp {
  std::vector<Triple> triples;
};
// Path(X, P, Y) for a path that §18.2.2.4 does not reduce to triples. Negated property sets
// hold only forward or only inverse items (`!(:a|^:b)` becomes alt(!(:a), ^!(:b))).
struct PathPattern {
  VarOrTerm subject;
  ast::Path path;
  VarOrTerm object;
};
// The path-search extension `?s SELECTOR RESTRICTOR (path AS ?p) ?o` (README, "Paths in
// queries"): every path the selector and restrictor admit, one solution per path binding the
// ends and, when given, the path variable.
struct PathSearch {
  VarOrTerm subject;
  ast::PathSearch search;
  VarOrTerm object;
};
struct Join {
  Box<Node> left, right;
};
struct LeftJoin {
  Box<Node> left, right;
  std::optional<Expression> condition;  // absent = true
};
struct Filter {
  std::vector<Expression> conditions;  // conjunction
  Box<Node> input;
};
struct Union {
  Box<Node> left, right;
};
struct Minus {
  Box<Node> left, right;
};
struct Graph {
  VarOrTerm name;
  Box<Node> input;
};
struct Service {
  bool silent = false;
  VarOrTerm endpoint;
  Box<Node> input;
};
struct Extend {
  Box<Node> input;
  Var var;
  Expression expression;
};
// ToMultiSet of VALUES data.
struct Table {
  ast::InlineData data;
};
// AggregateJoin(Aggregation(…, Group(keys, input))): groups by `keys` and binds each
// aggregate's result to its variable. Without GROUP BY the single key is the constant 1.
struct Group {
  struct Binding {
    Var var;
    ast::Aggregate aggregate;
  };
  std::vector<Expression> keys;
  std::vector<Binding> aggregates;
  Box<Node> input;
};
struct OrderBy {
  struct Condition {
    Expression expression;
    bool descending = false;
  };
  std::vector<Condition> conditions;
  Box<Node> input;
};
struct Project {
  std::vector<Var> vars;
  Box<Node> input;
};
struct Distinct {
  Box<Node> input;
};
struct Reduced {
  Box<Node> input;
};
struct Slice {
  std::optional<std::uint64_t> offset;
  std::optional<std::uint64_t> limit;
  Box<Node> input;
};

struct Node {
  std::variant<Bgp, PathPattern, Join, LeftJoin, Filter, Union, Minus, Graph, Service, Extend,
               Table, Group, OrderBy, Project, Distinct, Reduced, Slice, PathSearch>
      op;
};

// What the query returns besides the solution sequence.
struct TranslatedQuery {
  ast::QueryForm form = ast::QueryForm::Select;
  Node pattern;  // for SELECT: the projected solution modifiers
  std::vector<ast::TriplePattern> construct_template;  // CONSTRUCT
  std::vector<VarOrTerm> describe;  // DESCRIBE (with describe_all: every variable)
  bool describe_all = false;
  std::vector<ast::DatasetClause> dataset;
};

// §18.2.2: a group graph pattern.
Node translate_pattern(const ast::GroupGraphPattern& group);
// §18.2.4-18.2.5: a (sub-)SELECT with grouping, aggregates, VALUES, modifiers and projection.
Node translate_select(const ast::SelectQuery& select);
// The whole query.
TranslatedQuery translate(const ast::Query& query);

// S-expression text of a tree, e.g. `(project (?s) (bgp (triple ?s <p> ?o)))`, for tests
// and `explain` output.
std::string to_sse(const Node& node);
std::string to_sse(const Expression& expression);
// "ANY SHORTEST WALK", "SHORTEST 3 TRAIL": a path search's selector and restrictor.
std::string path_search_keywords(const ast::PathSearch& search);

}  // namespace wsiskg::query::algebra
