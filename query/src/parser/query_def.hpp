#pragma once
// Query forms and their clauses (§19.8 productions 1-52): prologue, SELECT / CONSTRUCT /
// DESCRIBE / ASK, dataset clauses, solution modifiers, sub-SELECT, trailing VALUES.

#include <boost/spirit/home/x3.hpp>

#include "actions.hpp"
#include "rules.hpp"

namespace wsiskg::query::parser {
namespace query_detail {

using namespace actions;

inline std::size_t offset_of(const char* p, const ParseState& state) {
  return static_cast<std::size_t>(p - state.text_begin);
}

// SELECT clause (attribute: a SelectQuery with only the projection filled in).
const auto set_distinct = [](auto& ctx) { x3::_val(ctx).modifier = ast::SelectModifier::Distinct; };
const auto set_reduced = [](auto& ctx) { x3::_val(ctx).modifier = ast::SelectModifier::Reduced; };
const auto set_select_all = [](auto& ctx) { x3::_val(ctx).select_all = true; };
const auto push_var_item = [](auto& ctx) {
  x3::_val(ctx).items.push_back(ast::SelectItem{std::move(x3::_attr(ctx)), std::nullopt,
                                                offset_of(match_start(ctx), get_state(ctx))});
};
const auto push_expression_item = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx).items.push_back(ast::SelectItem{std::move(boost::fusion::at_c<1>(attr)),
                                                std::move(boost::fusion::at_c<0>(attr)),
                                                offset_of(match_start(ctx), get_state(ctx))});
};

// Solution modifiers.
const auto push_group_expression = [](auto& ctx) {
  x3::_val(ctx).group_by.push_back(ast::GroupCondition{
      std::move(x3::_attr(ctx)), std::nullopt, offset_of(match_start(ctx), get_state(ctx))});
};
const auto push_group_var = [](auto& ctx) {
  x3::_val(ctx).group_by.push_back(
      ast::GroupCondition{ast::Expression{std::move(x3::_attr(ctx))}, std::nullopt,
                          offset_of(match_start(ctx), get_state(ctx))});
};
const auto push_group_alias = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  std::optional<ast::Var> alias;
  if (auto& a = boost::fusion::at_c<1>(attr)) alias = std::move(*a);
  x3::_val(ctx).group_by.push_back(
      ast::GroupCondition{std::move(boost::fusion::at_c<0>(attr)), std::move(alias),
                          offset_of(match_start(ctx), get_state(ctx))});
};
const auto push_having = [](auto& ctx) {
  x3::_val(ctx).having.push_back(
      ast::Filter{std::move(x3::_attr(ctx)), offset_of(match_start(ctx), get_state(ctx))});
};
template <bool Descending>
struct push_order {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx).order_by.push_back(
        ast::OrderCondition{ast::Expression{std::move(x3::_attr(ctx))}, Descending,
                            offset_of(match_start(ctx), get_state(ctx))});
  }
};
const auto set_limit = [](auto& ctx) { x3::_val(ctx).limit = x3::_attr(ctx); };
const auto set_offset = [](auto& ctx) { x3::_val(ctx).offset = x3::_attr(ctx); };

// Sub-SELECT.
const auto set_where = [](auto& ctx) { x3::_val(ctx).where = std::move(x3::_attr(ctx)); };
const auto set_modifiers = [](auto& ctx) { x3::_val(ctx).modifiers = std::move(x3::_attr(ctx)); };
const auto set_values = [](auto& ctx) {
  if (auto& v = x3::_attr(ctx)) x3::_val(ctx).values = std::move(*v);
};

// Query.
const auto set_base = [](auto& ctx) {
  get_state(ctx).base = x3::_attr(ctx);
  x3::_val(ctx).base = std::move(x3::_attr(ctx));
};
const auto add_prefix = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  auto& state = get_state(ctx);
  state.prefixes[boost::fusion::at_c<0>(attr)] = boost::fusion::at_c<1>(attr);
  x3::_val(ctx).prefixes.emplace_back(std::move(boost::fusion::at_c<0>(attr)),
                                      std::move(boost::fusion::at_c<1>(attr)));
};
const auto set_select = [](auto& ctx) {
  x3::_val(ctx).form = ast::QueryForm::Select;
  x3::_val(ctx).select = std::move(x3::_attr(ctx));
};
const auto push_dataset = [](auto& ctx) {
  x3::_val(ctx).dataset.push_back(std::move(x3::_attr(ctx)));
};
const auto set_query_where = [](auto& ctx) {
  x3::_val(ctx).select.where = std::move(x3::_attr(ctx));
  x3::_val(ctx).has_where = true;
};
const auto set_query_modifiers = [](auto& ctx) {
  x3::_val(ctx).select.modifiers = std::move(x3::_attr(ctx));
};
template <ast::QueryForm Form>
struct set_form {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx).form = Form;
  }
};
const auto set_template = [](auto& ctx) {
  x3::_val(ctx).construct_template = std::move(x3::_attr(ctx));
};
const auto set_template_where = [](auto& ctx) {
  auto& q = x3::_val(ctx);
  q.construct_where = true;
  q.construct_template = x3::_attr(ctx);
  q.select.where.elements.clear();
  if (!q.construct_template.empty())
    q.select.where.elements.emplace_back(ast::TriplesBlock{q.construct_template});
};
const auto push_describe = [](auto& ctx) {
  x3::_val(ctx).describe.push_back(std::move(x3::_attr(ctx)));
};
const auto set_describe_all = [](auto& ctx) { x3::_val(ctx).describe_all = true; };
const auto clear_where = [](auto& ctx) { x3::_val(ctx).has_where = false; };
const auto set_query_values = [](auto& ctx) {
  x3::_val(ctx).select.values = std::move(x3::_attr(ctx));
};
const auto set_default_graph = [](auto& ctx) {
  x3::_val(ctx) = ast::DatasetClause{std::move(x3::_attr(ctx)), false};
};
const auto set_named_graph = [](auto& ctx) {
  x3::_val(ctx) = ast::DatasetClause{std::move(x3::_attr(ctx)), true};
};

}  // namespace query_detail

using namespace query_detail;

const x3::rule<class select_clause_class, ast::SelectQuery> select_clause = "select_clause";
const x3::rule<class where_clause_class, ast::GroupGraphPattern> where_clause = "where_clause";
const x3::rule<class solution_modifier_class, ast::SolutionModifiers> solution_modifier =
    "solution_modifier";
const x3::rule<class values_clause_class, std::optional<ast::InlineData>> values_clause =
    "values_clause";
const x3::rule<class dataset_clause_class, ast::DatasetClause> dataset_clause = "dataset_clause";
const x3::rule<class construct_template_class, std::vector<ast::TriplePattern>> construct_template =
    "construct_template";

const auto set_select_offset = [](auto& ctx) {
  x3::_val(ctx).offset = offset_of(match_start(ctx), get_state(ctx));
};
const auto select_clause_def =
    tracked[kw("SELECT")[set_select_offset]] >>
    -(kw("DISTINCT")[set_distinct] | kw("REDUCED")[set_reduced]) >>
    (op("*")[set_select_all] |
     +(tracked[var[push_var_item]] |
       tracked[(op("(") >> expression >> kw("AS") >> var >> op(")"))[push_expression_item]]));
const auto where_clause_def = -kw("WHERE") >> group_graph_pattern[set_val];
const auto solution_modifier_def =
    -(kw("GROUP") >> kw("BY") >>
      +(tracked[builtin_call[push_group_expression]] |
        tracked[function_call[push_group_expression]] |
        tracked[(op("(") >> expression >> -(kw("AS") >> var) >> op(")"))[push_group_alias]] |
        tracked[var[push_group_var]])) >>
    -(kw("HAVING") >> +tracked[constraint[push_having]]) >>
    -(kw("ORDER") >> kw("BY") >>
      +(tracked[(kw("ASC") >> bracketted_expression)[push_order<false>{}]] |
        tracked[(kw("DESC") >> bracketted_expression)[push_order<true>{}]] |
        tracked[constraint[push_order<false>{}]] | tracked[var[push_order<false>{}]])) >>
    -(((kw("LIMIT") >> integer[set_limit]) >> -(kw("OFFSET") >> integer[set_offset])) |
      ((kw("OFFSET") >> integer[set_offset]) >> -(kw("LIMIT") >> integer[set_limit])));
const auto values_clause_def = -(kw("VALUES") >> data_block[set_val]);
const auto dataset_clause_def = kw("FROM") >>
                                ((kw("NAMED") >> iri[set_named_graph]) | iri[set_default_graph]);
const auto construct_template_def = op("{") >> -triples_template[set_val] >> op("}");

const auto sub_select_def = select_clause[set_val] >> where_clause[set_where] >>
                            solution_modifier[set_modifiers] >> values_clause[set_values];

const auto query_unit_def =
    *((kw("BASE") >> iriref)[set_base] | (kw("PREFIX") >> pname_ns >> iriref)[add_prefix]) >>
    ((select_clause[set_select] >> *dataset_clause[push_dataset] >> where_clause[set_query_where] >>
      solution_modifier[set_query_modifiers]) |
     (kw("CONSTRUCT")[set_form<ast::QueryForm::Construct>{}] >>
      ((construct_template[set_template] >> *dataset_clause[push_dataset] >>
        where_clause[set_query_where] >> solution_modifier[set_query_modifiers]) |
       (*dataset_clause[push_dataset] >> kw("WHERE") >> op("{") >>
        -triples_template[set_template_where] >> op("}") >>
        solution_modifier[set_query_modifiers]))) |
     (kw("DESCRIBE")[set_form<ast::QueryForm::Describe>{}][clear_where] >>
      (+var_or_iri[push_describe] | op("*")[set_describe_all]) >> *dataset_clause[push_dataset] >>
      -where_clause[set_query_where] >> solution_modifier[set_query_modifiers]) |
     (kw("ASK")[set_form<ast::QueryForm::Ask>{}] >> *dataset_clause[push_dataset] >>
      where_clause[set_query_where] >> solution_modifier[set_query_modifiers])) >>
    -(kw("VALUES") >> data_block[set_query_values]);

BOOST_SPIRIT_DEFINE(select_clause, where_clause, solution_modifier, values_clause, dataset_clause,
                    construct_template, sub_select, query_unit);

}  // namespace wsiskg::query::parser
