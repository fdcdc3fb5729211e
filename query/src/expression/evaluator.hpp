#pragma once
// SPARQL expression evaluation (§17) over RDF terms: operators, the built-in function library,
// casts, effective boolean value, ORDER BY ordering and aggregates. Knows nothing of the store:
// the executor supplies variable values and EXISTS through EvaluationContext.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "wsiskg/query/ast.hpp"
#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::expression {

// The value of an expression: a term, or nullopt for an error (unbound variable, type error…).
using Value = std::optional<rdf::Term>;

// Constant for one query execution (NOW() is the same everywhere in a query; STRUUID/UUID/RAND
// are per call).
struct QueryConstants {
  rdf::Term now;  // xsd:dateTime literal, set when the query starts
  std::string base_iri;
};
QueryConstants make_query_constants(std::string base_iri = {});

class EvaluationContext {
 public:
  virtual ~EvaluationContext() = default;
  // The current solution's value of `name` (no '?'), nullopt when unbound.
  virtual Value variable(std::string_view name) const = 0;
  // EXISTS { pattern } under the current solution (§17.4.1.4 substitution).
  virtual bool exists(const ast::ExistsExpr& exists) = 0;
  // BNODE() / BNODE(str): a fresh blank node; the same label within one solution gives the
  // same node.
  virtual rdf::Term blank_node(std::optional<std::string_view> label) = 0;
  virtual const QueryConstants& constants() const = 0;
};

// Evaluates `expression`; errors yield nullopt (never throw for data-dependent errors).
// Aggregates inside `expression` must have been replaced by variables already (the algebra does).
Value evaluate(const ast::Expression& expression, EvaluationContext& context);

// §17.2.2 effective boolean value; nullopt for a type error.
std::optional<bool> effective_boolean_value(const rdf::Term& term);
// FILTER semantics: EBV of the value, with errors as false.
bool passes_filter(const ast::Expression& expression, EvaluationContext& context);

// §15.1 ORDER BY ordering of two possibly-unbound values: <0, 0, >0. Total and stable:
// unbound < blank nodes < IRIs < literals; literals compared by value where the operator '<'
// defines it, otherwise by a fixed fallback (lexical form, datatype, language).
int order_compare(const Value& a, const Value& b);

// '=' between two terms (§17.4.1.7 RDFterm-equal with value comparison for known types);
// nullopt for a type error (e.g. two literals of unknown datatypes with different lexicals).
std::optional<bool> value_equal(const rdf::Term& a, const rdf::Term& b);

// An aggregate's running state (§18.5): add each row's argument value (nullopt = error/unbound),
// then result(). COUNT(*) gets add(...) with any non-empty value per row.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual void add(const Value& value) = 0;
  virtual Value result() const = 0;
};
std::unique_ptr<Aggregator> make_aggregator(const ast::Aggregate& aggregate);

}  // namespace wsiskg::query::expression
