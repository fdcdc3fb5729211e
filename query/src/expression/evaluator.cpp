#include "evaluator.hpp"

#include <variant>

#include "compare.hpp"
#include "datetime.hpp"
#include "functions.hpp"
#include "literals.hpp"
#include "numeric.hpp"

namespace wsiskg::query::expression {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::optional<bool> ebv_of(const ast::Expression& e, EvaluationContext& context) {
  auto v = evaluate(e, context);
  if (!v) return std::nullopt;
  return effective_boolean_value(*v);
}

Value from_bool(std::optional<bool> b) {
  if (!b) return std::nullopt;
  return boolean_term(*b);
}

// §17.2 logical-or / logical-and: an error is absorbed when the other side decides the result.
Value logical(bool is_or, const ast::BinaryExpr& e, EvaluationContext& context) {
  auto l = ebv_of(*e.lhs, context);
  if (l && *l == is_or) return boolean_term(is_or);
  auto r = ebv_of(*e.rhs, context);
  if (r && *r == is_or) return boolean_term(is_or);
  if (l && r) return boolean_term(!is_or);
  return std::nullopt;
}

Value relational(ast::BinaryOp op, const rdf::Term& a, const rdf::Term& b) {
  using ast::BinaryOp;
  if (op == BinaryOp::Equal) return from_bool(value_equal(a, b));
  if (op == BinaryOp::NotEqual) {
    auto eq = value_equal(a, b);
    if (!eq) return std::nullopt;
    return boolean_term(!*eq);
  }
  auto na = parse_numeric(a), nb = parse_numeric(b);
  if (na && nb && !numeric_compare(*na, *nb)) return boolean_term(false);  // NaN: all false
  auto c = value_compare(a, b);
  if (!c) return std::nullopt;
  switch (op) {
    case BinaryOp::Less:
      return boolean_term(*c < 0);
    case BinaryOp::Greater:
      return boolean_term(*c > 0);
    case BinaryOp::LessEqual:
      return boolean_term(*c <= 0);
    case BinaryOp::GreaterEqual:
      return boolean_term(*c >= 0);
    default:
      return std::nullopt;
  }
}

Value arithmetic_op(ast::BinaryOp op, const rdf::Term& a, const rdf::Term& b) {
  auto x = parse_numeric(a), y = parse_numeric(b);
  if (!x || !y) return std::nullopt;
  ArithOp arith = ArithOp::Add;
  switch (op) {
    case ast::BinaryOp::Add:
      arith = ArithOp::Add;
      break;
    case ast::BinaryOp::Subtract:
      arith = ArithOp::Subtract;
      break;
    case ast::BinaryOp::Multiply:
      arith = ArithOp::Multiply;
      break;
    case ast::BinaryOp::Divide:
      arith = ArithOp::Divide;
      break;
    default:
      return std::nullopt;
  }
  auto r = arithmetic(arith, *x, *y);
  if (!r) return std::nullopt;
  return to_term(*r);
}

Value binary(const ast::BinaryExpr& e, EvaluationContext& context) {
  using ast::BinaryOp;
  if (e.op == BinaryOp::Or) return logical(true, e, context);
  if (e.op == BinaryOp::And) return logical(false, e, context);
  auto a = evaluate(*e.lhs, context);
  if (!a) return std::nullopt;
  auto b = evaluate(*e.rhs, context);
  if (!b) return std::nullopt;
  switch (e.op) {
    case BinaryOp::Add:
    case BinaryOp::Subtract:
    case BinaryOp::Multiply:
    case BinaryOp::Divide:
      return arithmetic_op(e.op, *a, *b);
    default:
      return relational(e.op, *a, *b);
  }
}

Value unary(const ast::UnaryExpr& e, EvaluationContext& context) {
  if (e.op == ast::UnaryOp::Not) {
    auto b = ebv_of(*e.operand, context);
    if (!b) return std::nullopt;
    return boolean_term(!*b);
  }
  auto v = evaluate(*e.operand, context);
  if (!v) return std::nullopt;
  auto n = parse_numeric(*v);
  if (!n) return std::nullopt;
  return to_term(e.op == ast::UnaryOp::Minus ? negate(*n) : *n);
}

// §17.4.1.9/10: IN is a disjunction of '=' tests; an error only matters when nothing matched.
Value in_list(const ast::InExpr& e, EvaluationContext& context) {
  auto lhs = evaluate(*e.lhs, context);
  if (!lhs) return std::nullopt;
  bool error = false;
  for (const auto& item : e.list) {
    auto v = evaluate(item, context);
    auto eq = v ? value_equal(*lhs, *v) : std::nullopt;
    if (!eq) {
      error = true;
    } else if (*eq) {
      return boolean_term(!e.negated);
    }
  }
  if (error) return std::nullopt;
  return boolean_term(e.negated);
}

}  // namespace

QueryConstants make_query_constants(std::string base_iri) {
  return {rdf::Term::literal(now_lexical(), rdf::xsd::kDateTime), std::move(base_iri)};
}

Value evaluate(const ast::Expression& expression, EvaluationContext& context) {
  return std::visit(
      Overloaded{
          [&](const ast::Var& v) -> Value { return context.variable(v.name); },
          [&](const rdf::Term& t) -> Value { return t; },
          [&](const ast::BinaryExpr& e) { return binary(e, context); },
          [&](const ast::UnaryExpr& e) { return unary(e, context); },
          [&](const ast::InExpr& e) { return in_list(e, context); },
          [&](const ast::BuiltinCall& e) { return call_builtin(e, context); },
          [&](const ast::FunctionCall& e) { return call_function(e, context); },
          [&](const ast::Aggregate&) -> Value { return std::nullopt; },  // replaced by the algebra
          [&](const ast::ExistsExpr& e) -> Value {
            return boolean_term(context.exists(e) != e.negated);
          },
      },
      expression.node);
}

bool passes_filter(const ast::Expression& expression, EvaluationContext& context) {
  return ebv_of(expression, context).value_or(false);
}

}  // namespace wsiskg::query::expression
