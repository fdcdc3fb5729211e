#pragma once
// Group graph patterns (§19.8 productions 53-74): triples blocks, OPTIONAL, UNION, MINUS,
// GRAPH, SERVICE, FILTER, BIND, VALUES and sub-SELECTs.

#include <fmt/format.h>

#include <boost/spirit/home/x3.hpp>

#include "actions.hpp"
#include "rules.hpp"

namespace wsiskg::query::parser {
namespace pattern_detail {

using namespace actions;

const auto append_triples = [](auto& ctx) {
  auto& out = x3::_val(ctx).triples;
  for (auto& t : x3::_attr(ctx)) out.push_back(std::move(t));
};
const auto push_element = [](auto& ctx) {
  x3::_val(ctx).elements.push_back(std::move(x3::_attr(ctx)));
};
const auto push_block = [](auto& ctx) {
  x3::_val(ctx).elements.emplace_back(std::move(x3::_attr(ctx)));
};
const auto make_sub_select = [](auto& ctx) {
  x3::_val(ctx).elements.emplace_back(ast::SubSelect{std::move(x3::_attr(ctx))});
};
const auto make_group_or_union = [](auto& ctx) {
  auto& groups = x3::_attr(ctx);
  if (groups.size() == 1)
    x3::_val(ctx) = ast::Box<ast::GroupGraphPattern>(std::move(groups.front()));
  else
    x3::_val(ctx) = ast::UnionPattern{std::move(groups)};
};
const auto make_optional = [](auto& ctx) {
  x3::_val(ctx) = ast::OptionalPattern{std::move(x3::_attr(ctx))};
};
const auto make_minus = [](auto& ctx) {
  x3::_val(ctx) = ast::MinusPattern{std::move(x3::_attr(ctx))};
};
const auto make_graph = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx) = ast::GraphPattern{std::move(boost::fusion::at_c<0>(attr)),
                                    std::move(boost::fusion::at_c<1>(attr))};
};
const auto make_service = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx) =
      ast::ServicePattern{boost::fusion::at_c<0>(attr), std::move(boost::fusion::at_c<1>(attr)),
                          std::move(boost::fusion::at_c<2>(attr))};
};
const auto make_filter = [](auto& ctx) {
  x3::_val(ctx) =
      ast::Filter{std::move(x3::_attr(ctx)),
                  static_cast<std::size_t>(match_start(ctx) - get_state(ctx).text_begin)};
};
const auto make_bind = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx) =
      ast::Bind{std::move(boost::fusion::at_c<0>(attr)), std::move(boost::fusion::at_c<1>(attr)),
                static_cast<std::size_t>(match_start(ctx) - get_state(ctx).text_begin)};
};
const auto make_values = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

const auto push_var = [](auto& ctx) { x3::_val(ctx).vars.push_back(std::move(x3::_attr(ctx))); };
const auto push_single = [](auto& ctx) {
  x3::_val(ctx).rows.push_back({std::move(x3::_attr(ctx))});
};
const auto push_row = [](auto& ctx) {
  auto& val = x3::_val(ctx);
  auto& row = x3::_attr(ctx);
  if (row.size() != val.vars.size())
    throw ParseFailure{match_start(ctx),
                       fmt::format("VALUES row has {} value{} but {} variable{} declared",
                                   row.size(), row.size() == 1 ? "" : "s", val.vars.size(),
                                   val.vars.size() == 1 ? " is" : "s are")};
  val.rows.push_back(std::move(row));
};
const auto push_empty_row = [](auto& ctx) {
  auto& val = x3::_val(ctx);
  if (!val.vars.empty())
    throw ParseFailure{match_start(ctx),
                       fmt::format("VALUES row has 0 values but {} variable{} declared",
                                   val.vars.size(), val.vars.size() == 1 ? " is" : "s are")};
  val.rows.emplace_back();
};
const auto set_value = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
const auto set_iri_value = [](auto& ctx) { x3::_val(ctx) = rdf::Term::iri(x3::_attr(ctx)); };
const auto set_undef = [](auto& ctx) { x3::_val(ctx) = std::nullopt; };

}  // namespace pattern_detail

using namespace pattern_detail;

const x3::rule<class group_graph_pattern_sub_class, ast::GroupGraphPattern>
    group_graph_pattern_sub = "group_graph_pattern_sub";
const x3::rule<class triples_block_class, ast::TriplesBlock> triples_block = "triples_block";
const x3::rule<class graph_pattern_not_triples_class, ast::PatternElement>
    graph_pattern_not_triples = "graph_pattern_not_triples";
const x3::rule<class data_block_value_class, std::optional<rdf::Term>> data_block_value =
    "data_block_value";
const x3::rule<class data_row_class, std::vector<std::optional<rdf::Term>>> data_row = "data_row";

const auto group_graph_pattern_def = op("{") >> (sub_select[make_sub_select] |
                                                 group_graph_pattern_sub[set_val]) >>
                                     op("}");
const auto triples_block_def = triples_same_subject_path[append_triples] >>
                               *(op(".") >> triples_same_subject_path[append_triples]) >> -op(".");
const auto group_graph_pattern_sub_def = -triples_block[push_block] >>
                                         *(graph_pattern_not_triples[push_element] >> -op(".") >>
                                           -triples_block[push_block]);
const auto graph_pattern_not_triples_def =
    (group_graph_pattern % kw("UNION"))[make_group_or_union] |
    (kw("OPTIONAL") >> group_graph_pattern)[make_optional] |
    (kw("MINUS") >> group_graph_pattern)[make_minus] |
    (kw("GRAPH") >> var_or_iri >> group_graph_pattern)[make_graph] |
    (kw("SERVICE") >> x3::matches[kw("SILENT")] >> var_or_iri >>
     group_graph_pattern)[make_service] |
    tracked[(kw("FILTER") >> constraint)[make_filter]] |
    tracked[(kw("BIND") >> op("(") >> expression >> kw("AS") >> var >> op(")"))[make_bind]] |
    (kw("VALUES") >> data_block)[make_values];

const auto data_block_value_def = iri[set_iri_value] | rdf_literal[set_value] |
                                  numeric_literal[set_value] | boolean_literal[set_value] |
                                  kw("UNDEF")[set_undef];
const auto data_row_def = op("(") >> *data_block_value[push_back] >> op(")");
const auto data_block_def =
    (var[push_var] >> op("{") >> *data_block_value[push_single] >> op("}")) |
    ((nil | (op("(") >> *var[push_var] >> op(")"))) >> op("{") >>
     *(tracked[nil[push_empty_row]] | tracked[data_row[push_row]]) >> op("}"));

const auto triples_template_def = triples_same_subject[append] >>
                                  *(op(".") >> triples_same_subject[append]) >> -op(".");

BOOST_SPIRIT_DEFINE(group_graph_pattern, group_graph_pattern_sub, triples_block,
                    graph_pattern_not_triples, data_block_value, data_row, data_block,
                    triples_template);

}  // namespace wsiskg::query::parser
