#pragma once
// Expressions (§19.8 productions 110-135): operators by precedence level, built-in calls with
// their arities, aggregates, function calls and casts, EXISTS / NOT EXISTS.

#include <fmt/format.h>

#include <array>
#include <boost/spirit/home/x3.hpp>

#include "actions.hpp"
#include "rules.hpp"

namespace wsiskg::query::parser {
namespace expression_detail {

using namespace actions;

struct BuiltinArity {
  std::string_view name;
  std::size_t min;
  std::size_t max;
};
inline constexpr std::size_t kMany = static_cast<std::size_t>(-1);
// Built-in functions taking an expression list (production 121, minus the special forms).
inline constexpr std::array<BuiltinArity, 52> kBuiltins{{
    {"STR", 1, 1},      {"LANG", 1, 1},         {"LANGMATCHES", 2, 2}, {"DATATYPE", 1, 1},
    {"BOUND", 1, 1},    {"IRI", 1, 1},          {"URI", 1, 1},         {"BNODE", 0, 1},
    {"RAND", 0, 0},     {"ABS", 1, 1},          {"CEIL", 1, 1},        {"FLOOR", 1, 1},
    {"ROUND", 1, 1},    {"CONCAT", 0, kMany},   {"SUBSTR", 2, 3},      {"STRLEN", 1, 1},
    {"REPLACE", 3, 4},  {"UCASE", 1, 1},        {"LCASE", 1, 1},       {"ENCODE_FOR_URI", 1, 1},
    {"CONTAINS", 2, 2}, {"STRSTARTS", 2, 2},    {"STRENDS", 2, 2},     {"STRBEFORE", 2, 2},
    {"STRAFTER", 2, 2}, {"YEAR", 1, 1},         {"MONTH", 1, 1},       {"DAY", 1, 1},
    {"HOURS", 1, 1},    {"MINUTES", 1, 1},      {"SECONDS", 1, 1},     {"TIMEZONE", 1, 1},
    {"TZ", 1, 1},       {"NOW", 0, 0},          {"UUID", 0, 0},        {"STRUUID", 0, 0},
    {"MD5", 1, 1},      {"SHA1", 1, 1},         {"SHA256", 1, 1},      {"SHA384", 1, 1},
    {"SHA512", 1, 1},   {"COALESCE", 0, kMany}, {"IF", 3, 3},          {"STRLANG", 2, 2},
    {"STRDT", 2, 2},    {"SAMETERM", 2, 2},     {"ISIRI", 1, 1},       {"ISURI", 1, 1},
    {"ISBLANK", 1, 1},  {"ISLITERAL", 1, 1},    {"ISNUMERIC", 1, 1},   {"REGEX", 2, 3},
}};

// The path functions of the path-search extension (README, "Paths in queries").
inline constexpr std::array<BuiltinArity, 8> kPathBuiltins{{
    {"PATH_LENGTH", 1, 1},
    {"PATH_SOURCE", 1, 1},
    {"PATH_TARGET", 1, 1},
    {"PATH_NODE", 2, 2},
    {"PATH_EDGE", 2, 2},
    {"PATH_DIRECTION", 2, 2},
    {"PATH_NODES", 1, 1},
    {"PATH_EDGES", 1, 1},
}};

inline const BuiltinArity* find_builtin(std::string_view upper) {
  for (const auto& b : kBuiltins)
    if (b.name == upper) return &b;
  for (const auto& b : kPathBuiltins)
    if (b.name == upper) return &b;
  return nullptr;
}

// The name of a built-in function (case-insensitive), as its upper-case spelling.
struct builtin_name_parser : x3::parser<builtin_name_parser> {
  using attribute_type = std::string;
  static bool const has_attribute = true;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    const char* p = first;
    std::string word;
    while (p != last && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                         (*p >= '0' && *p <= '9') || *p == '_')) {
      char c = *p++;
      word += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    const char* q = p;
    std::int32_t next = decode_utf8(q, last);
    if (word.empty() || (next >= 0 && is_word_char(next)) || find_builtin(word) == nullptr) {
      get_state(ctx).expect(first, "function name");
      return false;
    }
    first = p;
    x3::traits::move_to(word, attr);
    return true;
  }
};
const builtin_name_parser builtin_name{};

template <ast::BinaryOp Op>
struct make_binary {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    auto& val = x3::_val(ctx);
    ast::Expression lhs = std::move(val);
    val.node = ast::BinaryExpr{Op, std::move(lhs), std::move(x3::_attr(ctx))};
  }
};
template <ast::UnaryOp Op>
struct make_unary {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx).node = ast::UnaryExpr{Op, std::move(x3::_attr(ctx))};
  }
};
template <bool Negated>
struct make_in {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    auto& val = x3::_val(ctx);
    ast::Expression lhs = std::move(val);
    val.node = ast::InExpr{std::move(lhs), std::move(x3::_attr(ctx)), Negated};
  }
};
template <bool Negated>
struct make_exists {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx).node = ast::ExistsExpr{Negated, std::move(x3::_attr(ctx))};
  }
};
template <ast::AggregateOp Op>
struct set_aggregate_op {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx) = ast::Aggregate{Op, false, std::nullopt, std::nullopt};
  }
};

const auto make_builtin = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  std::string& name = boost::fusion::at_c<0>(attr);
  std::vector<ast::Expression>& args = boost::fusion::at_c<1>(attr);
  const BuiltinArity* arity = find_builtin(name);
  if (args.size() < arity->min || args.size() > arity->max) {
    std::string expected = arity->min == arity->max ? fmt::format("{}", arity->min)
                           : arity->max == kMany    ? fmt::format("at least {}", arity->min)
                                                 : fmt::format("{} or {}", arity->min, arity->max);
    throw ParseFailure{match_start(ctx),
                       fmt::format("{} takes {} argument{}, not {}", name, expected,
                                   arity->max == 1 ? "" : "s", args.size())};
  }
  if (name == "BOUND" && !std::holds_alternative<ast::Var>(args[0].node))
    throw ParseFailure{match_start(ctx), "BOUND takes a variable"};
  x3::_val(ctx).node = ast::BuiltinCall{std::move(name), std::move(args)};
};
const auto set_distinct = [](auto& ctx) { x3::_val(ctx).distinct = true; };
const auto set_aggregate_arg = [](auto& ctx) { x3::_val(ctx).arg = std::move(x3::_attr(ctx)); };
const auto set_separator = [](auto& ctx) { x3::_val(ctx).separator = std::move(x3::_attr(ctx)); };
const auto wrap_aggregate = [](auto& ctx) { x3::_val(ctx).node = std::move(x3::_attr(ctx)); };
const auto set_args = [](auto& ctx) { x3::_val(ctx).args = std::move(x3::_attr(ctx)); };
const auto push_arg = [](auto& ctx) { x3::_val(ctx).args.push_back(std::move(x3::_attr(ctx))); };
const auto make_function = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  ast::FunctionCall call = std::move(boost::fusion::at_c<1>(attr));
  call.iri = std::move(boost::fusion::at_c<0>(attr));
  x3::_val(ctx).node = std::move(call);
};
const auto make_iri = [](auto& ctx) { x3::_val(ctx).node = rdf::Term::iri(x3::_attr(ctx)); };
const auto make_term = [](auto& ctx) { x3::_val(ctx).node = std::move(x3::_attr(ctx)); };

}  // namespace expression_detail

using namespace expression_detail;

const x3::rule<class expression_list_class, std::vector<ast::Expression>> expression_list =
    "expression_list";
const x3::rule<class arg_list_class, ast::FunctionCall> arg_list = "arg_list";
const x3::rule<class aggregate_class, ast::Aggregate> aggregate = "aggregate";
const x3::rule<class primary_class, ast::Expression> primary = "primary";
const x3::rule<class unary_class, ast::Expression> unary = "unary";
const x3::rule<class multiplicative_class, ast::Expression> multiplicative = "multiplicative";
const x3::rule<class additive_class, ast::Expression> additive = "additive";
const x3::rule<class relational_class, ast::Expression> relational = "relational";
const x3::rule<class conditional_and_class, ast::Expression> conditional_and = "conditional_and";

const auto expression_list_def =
    nil[noop] | (op("(") >> (expression[push_back] % op(",")) >> op(")"));
const auto arg_list_def = nil[noop] | (op("(") >> -kw("DISTINCT")[set_distinct] >>
                                       (expression[push_arg] % op(",")) >> op(")"));

const auto aggregate_def =
    (kw("COUNT")[set_aggregate_op<ast::AggregateOp::Count>{}] >> op("(") >>
     -kw("DISTINCT")[set_distinct] >> (op("*") | expression[set_aggregate_arg]) >> op(")")) |
    ((kw("SUM")[set_aggregate_op<ast::AggregateOp::Sum>{}] |
      kw("MIN")[set_aggregate_op<ast::AggregateOp::Min>{}] |
      kw("MAX")[set_aggregate_op<ast::AggregateOp::Max>{}] |
      kw("AVG")[set_aggregate_op<ast::AggregateOp::Avg>{}] |
      kw("SAMPLE")[set_aggregate_op<ast::AggregateOp::Sample>{}]) >>
     op("(") >> -kw("DISTINCT")[set_distinct] >> expression[set_aggregate_arg] >> op(")")) |
    (kw("GROUP_CONCAT")[set_aggregate_op<ast::AggregateOp::GroupConcat>{}] >> op("(") >>
     -kw("DISTINCT")[set_distinct] >> expression[set_aggregate_arg] >>
     -(op(";") >> kw("SEPARATOR") >> op("=") >> string_literal[set_separator]) >> op(")"));

const auto builtin_call_def =
    aggregate[wrap_aggregate] |
    (kw("NOT") >> kw("EXISTS") >> group_graph_pattern)[make_exists<true>{}] |
    (kw("EXISTS") >> group_graph_pattern)[make_exists<false>{}] |
    tracked[(builtin_name >> expression_list)[make_builtin]];

const auto function_call_def = (iri >> arg_list)[make_function];
const auto bracketted_expression_def = op("(") >> expression[set_val] >> op(")");
const auto constraint_def =
    bracketted_expression[set_val] | builtin_call[set_val] | function_call[set_val];

const auto primary_def = bracketted_expression[set_val] | builtin_call[set_val] |
                         function_call[set_val] | iri[make_iri] | rdf_literal[make_term] |
                         numeric_literal[make_term] | boolean_literal[make_term] | var[make_term];
const auto unary_def = primary[set_val] | (op("!") >> primary)[make_unary<ast::UnaryOp::Not>{}] |
                       (op("+") >> primary)[make_unary<ast::UnaryOp::Plus>{}] |
                       (op("-") >> primary)[make_unary<ast::UnaryOp::Minus>{}];
const auto multiplicative_def = unary[set_val] >>
                                *((op("*") >> unary)[make_binary<ast::BinaryOp::Multiply>{}] |
                                  (op("/") >> unary)[make_binary<ast::BinaryOp::Divide>{}]);
const auto additive_def = multiplicative[set_val] >>
                          *((op("+") >> multiplicative)[make_binary<ast::BinaryOp::Add>{}] |
                            (op("-") >> multiplicative)[make_binary<ast::BinaryOp::Subtract>{}]);
const auto relational_def = additive[set_val] >>
                            -((op("=") >> additive)[make_binary<ast::BinaryOp::Equal>{}] |
                              (op("!=") >> additive)[make_binary<ast::BinaryOp::NotEqual>{}] |
                              (op("<=") >> additive)[make_binary<ast::BinaryOp::LessEqual>{}] |
                              (op(">=") >> additive)[make_binary<ast::BinaryOp::GreaterEqual>{}] |
                              (!iriref_ahead >> op("<") >>
                               additive)[make_binary<ast::BinaryOp::Less>{}] |
                              (op(">") >> additive)[make_binary<ast::BinaryOp::Greater>{}] |
                              (kw("IN") >> expression_list)[make_in<false>{}] |
                              (kw("NOT") >> kw("IN") >> expression_list)[make_in<true>{}]);
const auto conditional_and_def = relational[set_val] >>
                                 *(op("&&") >> relational)[make_binary<ast::BinaryOp::And>{}];
const auto expression_def = conditional_and[set_val] >>
                            *(op("||") >> conditional_and)[make_binary<ast::BinaryOp::Or>{}];

BOOST_SPIRIT_DEFINE(expression_list, arg_list, aggregate, builtin_call, function_call,
                    bracketted_expression, constraint, primary, unary, multiplicative, additive,
                    relational, conditional_and, expression);

}  // namespace wsiskg::query::parser
