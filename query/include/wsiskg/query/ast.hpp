#pragma once
// Typed syntax tree of a SPARQL 1.1 query, as produced by parse_query(). Prefixed names and
// relative IRIs are already resolved (every IRI is absolute text), escapes are decoded, and
// blank-node property lists / collections are expanded into plain triple patterns. The tree
// keeps the source structure (groups, OPTIONAL, UNION, …); turning it into the SPARQL algebra
// (spec §18) is a separate step.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::ast {

// A copyable owning pointer that breaks the recursion between expressions and patterns.
template <class T>
class Box {
 public:
  Box() : ptr_(std::make_unique<T>()) {}
  Box(T value) : ptr_(std::make_unique<T>(std::move(value))) {}  // NOLINT: value-like
  Box(const Box& other) : ptr_(std::make_unique<T>(*other.ptr_)) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& other) {
    if (this != &other) ptr_ = std::make_unique<T>(*other.ptr_);
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  ~Box() = default;

  T& operator*() { return *ptr_; }
  const T& operator*() const { return *ptr_; }
  T* operator->() { return ptr_.get(); }
  const T* operator->() const { return ptr_.get(); }

 private:
  std::unique_ptr<T> ptr_;  // never null except after a move
};

// Variable name without its `?`/`$` sigil.
struct Var {
  std::string name;
  friend bool operator==(const Var&, const Var&) = default;
};

// Source offsets (`offset` members) are byte offsets into the query text after \u escapes
// are decoded (the same as the original text when it has none); parse errors already carry
// line:column of the original text.

// Constant terms are rdf::Term. Blank nodes in patterns keep their label; nodes written `[]`,
// `[ … ]` or generated for collections get labels starting with kGeneratedBlankPrefix, which
// cannot occur in a query's own `_:label`.
inline constexpr std::string_view kGeneratedBlankPrefix = ".b";
using VarOrTerm = std::variant<Var, rdf::Term>;

// Property path (§9). Kind Iri is a single predicate; the parser stores a lone IRI predicate as
// an rdf::Term, not as a Path, so a Path in a triple is always a real path expression.
struct Path {
  enum class Kind {
    Iri,
    Sequence,
    Alternative,
    Inverse,
    ZeroOrMore,
    OneOrMore,
    ZeroOrOne,
    Negated
  };
  struct NegatedItem {
    std::string iri;
    bool inverse = false;  // `^iri` inside `!(…)`
    friend bool operator==(const NegatedItem&, const NegatedItem&) = default;
  };
  Kind kind = Kind::Iri;
  std::string iri;                   // Kind::Iri
  std::vector<Path> children;        // Sequence/Alternative: 2+, Inverse and modifiers: 1
  std::vector<NegatedItem> negated;  // Kind::Negated
  friend bool operator==(const Path&, const Path&) = default;
};

// The path-search extension in the verb position (README, "Paths in queries"):
// `?s ANY SHORTEST TRAIL (path AS ?p) ?o` with the GQL / SQL-PGQ path vocabulary. Unlike a
// property path it returns the paths themselves: one solution per path, ?p bound to it.
enum class PathSelector { Any, All, AnyShortest, AllShortest, ShortestK };
enum class PathRestrictor { Walk, Trail, Simple, Acyclic };
struct PathSearch {
  PathSelector selector = PathSelector::AnyShortest;
  std::uint64_t k = 1;  // ShortestK only
  PathRestrictor restrictor = PathRestrictor::Walk;
  Path path;               // any property path, also a single IRI (Kind::Iri)
  std::optional<Var> var;  // `AS ?p`; without it the pattern binds only its ends
  std::size_t offset = 0;  // byte offset of the selector keyword
  friend bool operator==(const PathSearch&, const PathSearch&) = default;
};

// Predicate of a triple pattern: variable, IRI, property path, or path search.
using Predicate = std::variant<Var, rdf::Term, Path, PathSearch>;

struct TriplePattern {
  VarOrTerm subject;
  Predicate predicate;
  VarOrTerm object;
};

struct GroupGraphPattern;
struct SelectQuery;

// ---- Expressions (§17) ----
struct Expression;

enum class BinaryOp {
  Or,
  And,
  Equal,
  NotEqual,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  Add,
  Subtract,
  Multiply,
  Divide
};
enum class UnaryOp { Not, Plus, Minus };
enum class AggregateOp { Count, Sum, Min, Max, Avg, Sample, GroupConcat };

struct BinaryExpr {
  BinaryOp op;
  Box<Expression> lhs;
  Box<Expression> rhs;
};
struct UnaryExpr {
  UnaryOp op;
  Box<Expression> operand;
};
// `lhs IN (…)` / `lhs NOT IN (…)`.
struct InExpr {
  Box<Expression> lhs;
  std::vector<Expression> list;
  bool negated = false;
};
// Built-in call; `name` is the upper-case keyword (STR, REGEX, IF, COALESCE, BOUND, …).
struct BuiltinCall {
  std::string name;
  std::vector<Expression> args;
};
// Call of an extension function or cast written as an IRI (xsd:integer(?x), <f>(…)).
struct FunctionCall {
  std::string iri;
  bool distinct = false;
  std::vector<Expression> args;
};
struct Aggregate {
  AggregateOp op;
  bool distinct = false;
  std::optional<Box<Expression>> arg;  // empty for COUNT(*)
  std::optional<std::string> separator;
};
struct ExistsExpr {
  bool negated = false;
  Box<GroupGraphPattern> pattern;
};

struct Expression {
  std::variant<Var, rdf::Term, BinaryExpr, UnaryExpr, InExpr, BuiltinCall, FunctionCall, Aggregate,
               ExistsExpr>
      node;
};

// ---- Graph patterns (§5-§10) ----
// Consecutive triple patterns (TriplesBlock), one basic graph pattern.
struct TriplesBlock {
  std::vector<TriplePattern> triples;
};
struct OptionalPattern {
  Box<GroupGraphPattern> pattern;
};
// Two or more groups joined by UNION.
struct UnionPattern {
  std::vector<GroupGraphPattern> alternatives;
};
struct MinusPattern {
  Box<GroupGraphPattern> pattern;
};
struct GraphPattern {
  VarOrTerm name;
  Box<GroupGraphPattern> pattern;
};
struct ServicePattern {
  bool silent = false;
  VarOrTerm endpoint;
  Box<GroupGraphPattern> pattern;
};
struct Filter {
  Expression condition;
  std::size_t offset = 0;  // byte offset of FILTER in the (escape-decoded) query text
};
struct Bind {
  Expression expression;
  Var var;
  std::size_t offset = 0;  // byte offset of BIND
};
// VALUES data; an empty optional is UNDEF.
struct InlineData {
  std::vector<Var> vars;
  std::vector<std::vector<std::optional<rdf::Term>>> rows;
};
struct SubSelect {
  Box<SelectQuery> query;
};

using PatternElement =
    std::variant<TriplesBlock, Box<GroupGraphPattern>, OptionalPattern, UnionPattern, MinusPattern,
                 GraphPattern, ServicePattern, Filter, Bind, InlineData, SubSelect>;

// `{ … }`: its elements in source order (a nested `{…}` alone is a Box<GroupGraphPattern>).
struct GroupGraphPattern {
  std::vector<PatternElement> elements;
};

// ---- Solution modifiers and query forms ----
struct GroupCondition {
  Expression expression;  // a Var expression for `GROUP BY ?x`
  std::optional<Var> alias;
  std::size_t offset = 0;
};
struct OrderCondition {
  Expression expression;
  bool descending = false;
  std::size_t offset = 0;
};
struct SolutionModifiers {
  std::vector<GroupCondition> group_by;
  std::vector<Filter> having;
  std::vector<OrderCondition> order_by;
  std::optional<std::uint64_t> limit;
  std::optional<std::uint64_t> offset;
};

// One projected item: `?x` or `(expression AS ?x)`.
struct SelectItem {
  Var var;
  std::optional<Expression> expression;
  std::size_t offset = 0;  // byte offset of the item
};

enum class SelectModifier { None, Distinct, Reduced };

// SELECT body, shared by the top-level query and sub-SELECTs.
struct SelectQuery {
  SelectModifier modifier = SelectModifier::None;
  bool select_all = false;  // SELECT *
  std::vector<SelectItem> items;
  GroupGraphPattern where;
  SolutionModifiers modifiers;
  std::optional<InlineData> values;  // trailing VALUES
  std::size_t offset = 0;            // byte offset of SELECT
};

struct DatasetClause {
  std::string iri;
  bool named = false;  // FROM NAMED
};

enum class QueryForm { Select, Construct, Ask, Describe };

struct Query {
  QueryForm form = QueryForm::Select;
  std::string base;                                           // last BASE, if any
  std::vector<std::pair<std::string, std::string>> prefixes;  // PREFIX declarations in order
  std::vector<DatasetClause> dataset;
  // SELECT: the projection; other forms use `where`, `modifiers` and `values` of it.
  SelectQuery select;
  std::vector<TriplePattern> construct_template;  // CONSTRUCT (for CONSTRUCT WHERE: the pattern)
  bool construct_where = false;                   // short form `CONSTRUCT WHERE { … }`
  std::vector<VarOrTerm> describe;                // DESCRIBE targets
  bool describe_all = false;                      // DESCRIBE *
  bool has_where = true;                          // DESCRIBE may omit WHERE
};

}  // namespace wsiskg::query::ast

namespace wsiskg::query {
using Query = ast::Query;
}
