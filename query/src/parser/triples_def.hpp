#pragma once
// Triple patterns (§19.8 productions 75-109): subjects, property lists, object lists,
// blank-node property lists, collections, and property paths (§9). Two variants as in the
// spec: with paths (WHERE clauses) and without (CONSTRUCT templates).

#include <boost/spirit/home/x3.hpp>

#include "actions.hpp"
#include "rules.hpp"
#include "text.hpp"

namespace wsiskg::query::parser {
namespace triples_detail {

using namespace actions;

const keyword_parser kw_a("a", true);

inline void emit(std::vector<ast::TriplePattern>& out, const ast::VarOrTerm& subject,
                 std::vector<PropertyEntry>& entries) {
  for (auto& entry : entries) {
    for (auto& object : entry.objects) {
      out.push_back({subject, entry.verb, object.node});
      for (auto& t : object.triples) out.push_back(std::move(t));
    }
  }
}

const auto make_var_node = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
const auto make_iri_node = [](auto& ctx) { x3::_val(ctx) = rdf::Term::iri(x3::_attr(ctx)); };
const auto make_term_node = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
const auto wrap_node = [](auto& ctx) { x3::_val(ctx).node = std::move(x3::_attr(ctx)); };
const auto make_type_verb = [](auto& ctx) { x3::_val(ctx) = rdf::Term::iri(kRdfType); };

const auto push_entry = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx).push_back(PropertyEntry{std::move(boost::fusion::at_c<0>(attr)),
                                        std::move(boost::fusion::at_c<1>(attr))});
};
const auto make_property_node = [](auto& ctx) {
  NodeWithTriples result;
  result.node = get_state(ctx).fresh_blank();
  emit(result.triples, result.node, x3::_attr(ctx));
  x3::_val(ctx) = std::move(result);
};
const auto make_collection = [](auto& ctx) {
  auto& items = x3::_attr(ctx);
  NodeWithTriples result;
  ast::VarOrTerm next = rdf::Term::iri(kRdfNil);
  std::vector<ast::TriplePattern> triples;
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    ast::VarOrTerm cell = get_state(ctx).fresh_blank();
    triples.push_back({cell, rdf::Term::iri(kRdfRest), next});
    triples.push_back({cell, rdf::Term::iri(kRdfFirst), it->node});
    for (auto& t : it->triples) triples.push_back(std::move(t));
    next = cell;
  }
  result.node = next;
  result.triples = std::move(triples);
  x3::_val(ctx) = std::move(result);
};
const auto emit_from_term = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  emit(x3::_val(ctx), boost::fusion::at_c<0>(attr), boost::fusion::at_c<1>(attr));
};
const auto emit_from_node = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  NodeWithTriples& node = boost::fusion::at_c<0>(attr);
  auto& out = x3::_val(ctx);
  for (auto& t : node.triples) out.push_back(std::move(t));
  emit(out, node.node, boost::fusion::at_c<1>(attr));
};

// Property paths.
template <ast::Path::Kind Kind>
struct make_nary {  // Sequence / Alternative; flattened because both are associative
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    auto& val = x3::_val(ctx);
    if (val.kind != Kind) {
      ast::Path first = std::move(val);
      val = ast::Path{};
      val.kind = Kind;
      val.children.push_back(std::move(first));
    }
    val.children.push_back(std::move(x3::_attr(ctx)));
  }
};
template <ast::Path::Kind Kind>
struct make_unary_path {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    auto& val = x3::_val(ctx);
    ast::Path inner = std::move(val);
    val = ast::Path{};
    val.kind = Kind;
    val.children.push_back(std::move(inner));
  }
};
const auto make_inverse = [](auto& ctx) {
  ast::Path p;
  p.kind = ast::Path::Kind::Inverse;
  p.children.push_back(std::move(x3::_attr(ctx)));
  x3::_val(ctx) = std::move(p);
};
const auto make_iri_path = [](auto& ctx) {
  ast::Path p;
  p.iri = std::move(x3::_attr(ctx));
  x3::_val(ctx) = std::move(p);
};
const auto make_type_path = [](auto& ctx) {
  ast::Path p;
  p.iri = std::string(kRdfType);
  x3::_val(ctx) = std::move(p);
};
const auto make_negated = [](auto& ctx) {
  ast::Path p;
  p.kind = ast::Path::Kind::Negated;
  p.negated = std::move(x3::_attr(ctx));
  x3::_val(ctx) = std::move(p);
};
const auto set_negated_iri = [](auto& ctx) { x3::_val(ctx).iri = std::move(x3::_attr(ctx)); };
const auto set_negated_type = [](auto& ctx) { x3::_val(ctx).iri = std::string(kRdfType); };
const auto set_negated_inverse = [](auto& ctx) { x3::_val(ctx).inverse = true; };
// A path that is a single IRI is stored as a plain predicate term.
const auto make_path_verb = [](auto& ctx) {
  ast::Path& path = x3::_attr(ctx);
  if (path.kind == ast::Path::Kind::Iri)
    x3::_val(ctx) = rdf::Term::iri(path.iri);
  else
    x3::_val(ctx) = std::move(path);
};

// Path search (the extension, README "Paths in queries"). Its leading keyword is matched
// quietly: where it does not apply, a standard query's error message stays as it was.
struct quiet_keyword_parser : x3::parser<quiet_keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  keyword_parser keyword;

  constexpr explicit quiet_keyword_parser(std::string_view word) : keyword(word) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr& attr) const {
    ParseState& state = get_state(ctx);
    const char* furthest = state.furthest;
    std::size_t expected = state.expected.size();
    if (keyword.parse(first, last, ctx, rctx, attr)) return true;
    if (state.furthest == furthest) {
      state.expected.resize(expected);
    } else {  // the failed keyword moved the furthest point: forget it, as if never tried
      state.furthest = furthest;
      state.expected.clear();
    }
    return false;
  }
};

template <ast::PathSelector Selector>
struct set_selector {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx).selector = Selector;
  }
};
template <ast::PathRestrictor Restrictor>
struct set_restrictor {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx).restrictor = Restrictor;
  }
};
const auto set_shortest_k = [](auto& ctx) {
  std::uint64_t k = x3::_attr(ctx);
  if (k == 0) throw ParseFailure{match_start(ctx), "SHORTEST k needs k >= 1"};
  x3::_val(ctx).selector = ast::PathSelector::ShortestK;
  x3::_val(ctx).k = k;
};
const auto set_search_path = [](auto& ctx) { x3::_val(ctx).path = std::move(x3::_attr(ctx)); };
// X3 may hand the optional `AS ?p` over as a boost::optional.
const auto set_search_var = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  if constexpr (std::is_same_v<std::decay_t<decltype(attr)>, ast::Var>) {
    x3::_val(ctx).var = std::move(attr);
  } else if (attr) {
    x3::_val(ctx).var = std::move(*attr);
  }
};
// A finished path search: its position, and ALL WALK (infinitely many walks on a cycle) refused.
const auto finish_search = [](auto& ctx) {
  auto& search = x3::_val(ctx);
  search.offset = static_cast<std::size_t>(match_start(ctx) - get_state(ctx).text_begin);
  if (search.selector == ast::PathSelector::All && search.restrictor == ast::PathRestrictor::Walk)
    throw ParseFailure{match_start(ctx),
                       "ALL WALK can match infinitely many paths; use ALL TRAIL, ALL SIMPLE, "
                       "ALL ACYCLIC, or a SHORTEST selector"};
};
const auto make_search_verb = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

}  // namespace triples_detail

using namespace triples_detail;

// Terms.
const x3::rule<class graph_term_class, rdf::Term> graph_term = "graph_term";
const auto graph_term_def = iri[make_iri_node] | rdf_literal[make_term_node] |
                            numeric_literal[make_term_node] | boolean_literal[make_term_node] |
                            blank_node[make_term_node] | nil[make_term_node];
const auto var_or_term_def = var[make_var_node] | graph_term[make_term_node];
const auto var_or_iri_def = var[make_var_node] | iri[make_iri_node];

// Without paths (CONSTRUCT templates).
const x3::rule<class verb_class, ast::Predicate> verb = "verb";
const x3::rule<class graph_node_class, NodeWithTriples> graph_node = "graph_node";
const x3::rule<class triples_node_class, NodeWithTriples> triples_node = "triples_node";
const x3::rule<class object_list_class, std::vector<NodeWithTriples>> object_list = "object_list";
const x3::rule<class property_list_class, std::vector<PropertyEntry>> property_list =
    "property_list";

const auto verb_def = var[make_var_node] | iri[make_iri_node] | kw_a[make_type_verb];
const auto graph_node_def = var_or_term[wrap_node] | triples_node[set_val];
const auto object_list_def = graph_node[push_back] % op(",");
const auto property_list_def = (verb >> object_list)[push_entry] >>
                               *(op(";") >> -(verb >> object_list)[push_entry]);
const auto triples_node_def = (op("(") >> +graph_node >> op(")"))[make_collection] |
                              (op("[") >> property_list >> op("]"))[make_property_node];
const x3::rule<class property_list_opt_class, std::vector<PropertyEntry>> property_list_opt =
    "property_list_opt";
const auto property_list_opt_def = property_list[set_val] | x3::eps;
const auto triples_same_subject_def = (var_or_term >> property_list)[emit_from_term] |
                                      (triples_node >> property_list_opt)[emit_from_node];

// With paths (WHERE clauses).
const x3::rule<class path_class, ast::Path> path = "path";
const x3::rule<class path_sequence_class, ast::Path> path_sequence = "path_sequence";
const x3::rule<class path_elt_class, ast::Path> path_elt = "path_elt";
const x3::rule<class path_elt_or_inverse_class, ast::Path> path_elt_or_inverse =
    "path_elt_or_inverse";
const x3::rule<class path_primary_class, ast::Path> path_primary = "path_primary";
const x3::rule<class path_one_in_set_class, ast::Path::NegatedItem> path_one_in_set =
    "path_one_in_set";
const x3::rule<class path_negated_class, std::vector<ast::Path::NegatedItem>> path_negated =
    "path_negated";
const x3::rule<class verb_path_class, ast::Predicate> verb_path = "verb_path";
const x3::rule<class graph_node_path_class, NodeWithTriples> graph_node_path = "graph_node_path";
const x3::rule<class triples_node_path_class, NodeWithTriples> triples_node_path =
    "triples_node_path";
const x3::rule<class object_list_path_class, std::vector<NodeWithTriples>> object_list_path =
    "object_list_path";
const x3::rule<class property_list_path_class, std::vector<PropertyEntry>> property_list_path =
    "property_list_path";

const cp_parser<is_varname_start> varname_start_char{};
const cp_parser<is_digit> digit_char{};
const auto path_def = path_sequence[set_val] >>
                      *(op("|") >> path_sequence)[make_nary<ast::Path::Kind::Alternative>{}];
const auto path_sequence_def = path_elt_or_inverse[set_val] >>
                               *(op("/") >>
                                 path_elt_or_inverse)[make_nary<ast::Path::Kind::Sequence>{}];
// PathMod: `?` must not start a variable and `+` not a signed number (longest-token rule).
const auto path_elt_def =
    path_primary[set_val] >>
    -(x3::lexeme[op("?") >> !varname_start_char][make_unary_path<ast::Path::Kind::ZeroOrOne>{}] |
      op("*")[make_unary_path<ast::Path::Kind::ZeroOrMore>{}] |
      x3::lexeme[op("+") >> !digit_char][make_unary_path<ast::Path::Kind::OneOrMore>{}]);
const auto path_elt_or_inverse_def = path_elt[set_val] | (op("^") >> path_elt)[make_inverse];
const auto path_primary_def = iri[make_iri_path] | kw_a[make_type_path] |
                              (op("!") >> path_negated)[make_negated] |
                              (op("(") >> path >> op(")"))[set_val];
const auto path_one_in_set_def = -op("^")[set_negated_inverse] >>
                                 (iri[set_negated_iri] | kw_a[set_negated_type]);
const auto path_negated_def =
    path_one_in_set[push_back] | (op("(") >> -(path_one_in_set[push_back] % op("|")) >> op(")"));

const x3::rule<class path_search_class, ast::PathSearch> path_search = "path_search";
const x3::rule<class path_search_body_class, ast::PathSearch> path_search_body = "path_search_body";
const auto path_selector = (quiet_keyword_parser("ANY") >>
                            (kw("SHORTEST")[set_selector<ast::PathSelector::AnyShortest>{}] |
                             x3::eps[set_selector<ast::PathSelector::Any>{}])) |
                           (quiet_keyword_parser("ALL") >>
                            (kw("SHORTEST")[set_selector<ast::PathSelector::AllShortest>{}] |
                             x3::eps[set_selector<ast::PathSelector::All>{}])) |
                           (quiet_keyword_parser("SHORTEST") >> tracked[integer[set_shortest_k]]);
const auto path_restrictor = kw("WALK")[set_restrictor<ast::PathRestrictor::Walk>{}] |
                             kw("TRAIL")[set_restrictor<ast::PathRestrictor::Trail>{}] |
                             kw("SIMPLE")[set_restrictor<ast::PathRestrictor::Simple>{}] |
                             kw("ACYCLIC")[set_restrictor<ast::PathRestrictor::Acyclic>{}];
const auto path_search_body_def =
    (path_selector >> -path_restrictor >> op("(") >> path[set_search_path] >>
     -(kw("AS") >> var[set_search_var]) >> op(")"))[finish_search];
const auto path_search_def = tracked[path_search_body[set_val]];

const auto verb_path_def =
    var[make_var_node] | path_search[make_search_verb] | path[make_path_verb];
const auto graph_node_path_def = var_or_term[wrap_node] | triples_node_path[set_val];
const auto object_list_path_def = graph_node_path[push_back] % op(",");
const auto property_list_path_def = (verb_path >> object_list_path)[push_entry] >>
                                    *(op(";") >> -(verb_path >> object_list_path)[push_entry]);
const auto triples_node_path_def = (op("(") >> +graph_node_path >> op(")"))[make_collection] |
                                   (op("[") >> property_list_path >> op("]"))[make_property_node];
const x3::rule<class property_list_path_opt_class, std::vector<PropertyEntry>>
    property_list_path_opt = "property_list_path_opt";
const auto property_list_path_opt_def = property_list_path[set_val] | x3::eps;
const auto triples_same_subject_path_def =
    (var_or_term >> property_list_path)[emit_from_term] |
    (triples_node_path >> property_list_path_opt)[emit_from_node];

BOOST_SPIRIT_DEFINE(graph_term, var_or_term, var_or_iri, verb, graph_node, triples_node,
                    object_list, property_list, property_list_opt, triples_same_subject);
BOOST_SPIRIT_DEFINE(path, path_sequence, path_elt, path_elt_or_inverse, path_primary,
                    path_one_in_set, path_negated, path_search, path_search_body, verb_path,
                    graph_node_path, triples_node_path, object_list_path, property_list_path,
                    property_list_path_opt, triples_same_subject_path);

}  // namespace wsiskg::query::parser
