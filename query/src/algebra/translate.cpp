// AST -> SPARQL algebra (SPARQL 1.1 §18.2): property paths (§18.2.2.4), group graph patterns
// (§18.2.2.6) with the simplification of §18.2.2.8, grouping and aggregation (§18.2.4.1),
// HAVING, VALUES, select expressions and the solution modifiers (§18.2.5).
#include <fmt/format.h>

#include "wsiskg/query/algebra.hpp"
#include "wsiskg/query/scope.hpp"

namespace wsiskg::query::algebra {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

bool is_empty_bgp(const Node& n) {
  const auto* bgp = std::get_if<Bgp>(&n.op);
  return bgp != nullptr && bgp->triples.empty();
}

// Join with the identity Z removed (§18.2.2.8).
Node join(Node left, Node right) {
  if (is_empty_bgp(left)) return right;
  if (is_empty_bgp(right)) return left;
  return Node{Join{std::move(left), std::move(right)}};
}

Expression conjunction(std::vector<Expression> conditions) {
  Expression result = std::move(conditions.front());
  for (std::size_t i = 1; i < conditions.size(); ++i)
    result = Expression{
        ast::BinaryExpr{ast::BinaryOp::And, std::move(result), std::move(conditions[i])}};
  return result;
}

bool has_aggregate(const Expression& e) {
  return std::visit(
      overloaded{
          [](const ast::Aggregate&) { return true; },
          [](const ast::BinaryExpr& b) { return has_aggregate(*b.lhs) || has_aggregate(*b.rhs); },
          [](const ast::UnaryExpr& u) { return has_aggregate(*u.operand); },
          [](const ast::InExpr& in) {
            if (has_aggregate(*in.lhs)) return true;
            for (const auto& x : in.list)
              if (has_aggregate(x)) return true;
            return false;
          },
          [](const ast::BuiltinCall& c) {
            for (const auto& x : c.args)
              if (has_aggregate(x)) return true;
            return false;
          },
          [](const ast::FunctionCall& c) {
            for (const auto& x : c.args)
              if (has_aggregate(x)) return true;
            return false;
          },
          [](const auto&) { return false; },
      },
      e.node);
}

class Translator {
 public:
  Node pattern(const ast::GroupGraphPattern& group) {
    std::vector<Expression> filters;
    Node g = group_body(group, filters);
    if (!filters.empty()) g = Node{Filter{std::move(filters), std::move(g)}};
    return g;
  }

 private:
  // Translates a group without its own FILTERs, which are returned in `filters`: OPTIONAL turns
  // exactly these into the LeftJoin condition (§18.2.2.6). A FILTER in a nested group stays a
  // Filter inside that group, so it cannot see the OPTIONAL's left-hand variables.
  Node group_body(const ast::GroupGraphPattern& group, std::vector<Expression>& filters) {
    Node g{Bgp{}};
    for (const auto& element : group.elements) {
      std::visit(
          overloaded{
              [&](const ast::TriplesBlock& b) { g = join(std::move(g), triples(b)); },
              [&](const ast::Box<ast::GroupGraphPattern>& inner) {
                g = join(std::move(g), pattern(*inner));
              },
              [&](const ast::OptionalPattern& o) {
                std::vector<Expression> own_filters;
                Node a = group_body(*o.pattern, own_filters);
                std::optional<Expression> condition;
                if (!own_filters.empty()) condition = conjunction(std::move(own_filters));
                g = Node{LeftJoin{std::move(g), std::move(a), std::move(condition)}};
              },
              [&](const ast::UnionPattern& u) {
                Node result = pattern(u.alternatives.front());
                for (std::size_t i = 1; i < u.alternatives.size(); ++i)
                  result = Node{Union{std::move(result), pattern(u.alternatives[i])}};
                g = join(std::move(g), std::move(result));
              },
              [&](const ast::MinusPattern& m) {
                g = Node{Minus{std::move(g), pattern(*m.pattern)}};
              },
              [&](const ast::GraphPattern& p) {
                g = join(std::move(g), Node{Graph{p.name, pattern(*p.pattern)}});
              },
              [&](const ast::ServicePattern& s) {
                g = join(std::move(g), Node{Service{s.silent, s.endpoint, pattern(*s.pattern)}});
              },
              [&](const ast::Filter& f) { filters.push_back(f.condition); },
              [&](const ast::Bind& b) {
                g = Node{Extend{std::move(g), b.var, b.expression}};
              },
              [&](const ast::InlineData& d) { g = join(std::move(g), Node{Table{d}}); },
              [&](const ast::SubSelect& s) { g = join(std::move(g), select(*s.query)); },
          },
          element);
    }
    return g;
  }

 public:
  Node select(const ast::SelectQuery& q) {
    Node p = pattern(q.where);
    const auto& m = q.modifiers;
    std::vector<ast::SelectItem> items = q.items;
    std::vector<ast::Filter> having = m.having;
    std::vector<ast::OrderCondition> order = m.order_by;

    bool aggregated = !m.group_by.empty();
    for (const auto& item : items)
      aggregated = aggregated || (item.expression && has_aggregate(*item.expression));
    for (const auto& h : having) aggregated = aggregated || has_aggregate(h.condition);
    for (const auto& o : order) aggregated = aggregated || has_aggregate(o.expression);

    if (aggregated) {
      Group group;
      for (const auto& c : m.group_by) {
        if (c.alias) {
          p = Node{Extend{std::move(p), *c.alias, c.expression}};
          group.keys.push_back(Expression{*c.alias});
        } else {
          group.keys.push_back(c.expression);
        }
      }
      if (group.keys.empty())
        group.keys.push_back(Expression{rdf::Term::literal("1", rdf::xsd::kInteger)});
      for (auto& item : items)
        if (item.expression) replace_aggregates(*item.expression, group.aggregates);
      for (auto& h : having) replace_aggregates(h.condition, group.aggregates);
      for (auto& o : order) replace_aggregates(o.expression, group.aggregates);
      group.input = std::move(p);
      p = Node{std::move(group)};
    }
    if (!having.empty()) {
      std::vector<Expression> conditions;
      for (auto& h : having) conditions.push_back(std::move(h.condition));
      p = Node{Filter{std::move(conditions), std::move(p)}};
    }
    if (q.values) p = join(std::move(p), Node{Table{*q.values}});
    for (auto& item : items)
      if (item.expression) p = Node{Extend{std::move(p), item.var, std::move(*item.expression)}};
    if (!order.empty()) {
      OrderBy ob;
      for (auto& o : order) ob.conditions.push_back({std::move(o.expression), o.descending});
      ob.input = std::move(p);
      p = Node{std::move(ob)};
    }
    Project project;
    for (const auto& name : in_scope_variables(q)) project.vars.push_back(Var{name});
    project.input = std::move(p);
    p = Node{std::move(project)};
    if (q.modifier == ast::SelectModifier::Distinct) p = Node{Distinct{std::move(p)}};
    if (q.modifier == ast::SelectModifier::Reduced) p = Node{Reduced{std::move(p)}};
    if (m.limit || m.offset) p = Node{Slice{m.offset, m.limit, std::move(p)}};
    return p;
  }

 private:
  Var fresh(std::string_view kind) {
    return Var{fmt::format("{}{}{}", kInternalVarPrefix, kind, next_var_++)};
  }

  void replace_aggregates(Expression& e, std::vector<Group::Binding>& out) {
    std::visit(overloaded{
                   [&](ast::Aggregate& a) {
                     Var v = fresh("agg");
                     out.push_back({v, std::move(a)});
                     e.node = std::move(v);
                   },
                   [&](ast::BinaryExpr& b) {
                     replace_aggregates(*b.lhs, out);
                     replace_aggregates(*b.rhs, out);
                   },
                   [&](ast::UnaryExpr& u) { replace_aggregates(*u.operand, out); },
                   [&](ast::InExpr& in) {
                     replace_aggregates(*in.lhs, out);
                     for (auto& x : in.list) replace_aggregates(x, out);
                   },
                   [&](ast::BuiltinCall& c) {
                     for (auto& x : c.args) replace_aggregates(x, out);
                   },
                   [&](ast::FunctionCall& c) {
                     for (auto& x : c.args) replace_aggregates(x, out);
                   },
                   [](auto&) {},
               },
               e.node);
  }

  using Piece = std::variant<Triple, PathPattern, PathSearch>;

  // §18.2.2.4: links and inverse links become triples, sequences are split with fresh
  // variables, everything else stays a Path(X, P, Y).
  void path_pieces(const VarOrTerm& x, const ast::Path& path, const VarOrTerm& y,
                   std::vector<Piece>& out) {
    using Kind = ast::Path::Kind;
    switch (path.kind) {
      case Kind::Iri:
        out.emplace_back(Triple{x, rdf::Term::iri(path.iri), y});
        return;
      case Kind::Inverse:
        if (path.children[0].kind == Kind::Iri) {
          out.emplace_back(Triple{y, rdf::Term::iri(path.children[0].iri), x});
          return;
        }
        break;
      case Kind::Sequence: {
        VarOrTerm from = x;
        for (std::size_t i = 0; i < path.children.size(); ++i) {
          VarOrTerm to = i + 1 == path.children.size() ? y : VarOrTerm{fresh("p")};
          path_pieces(from, path.children[i], to, out);
          from = to;
        }
        return;
      }
      case Kind::Negated: {
        std::vector<ast::Path::NegatedItem> forward, inverse;
        for (const auto& item : path.negated) (item.inverse ? inverse : forward).push_back(item);
        if (!forward.empty() && !inverse.empty()) {
          ast::Path fwd{Kind::Negated, {}, {}, forward};
          ast::Path inv_set{Kind::Negated, {}, {}, inverse};
          for (auto& i : inv_set.negated) i.inverse = false;
          ast::Path inv{Kind::Inverse, {}, {std::move(inv_set)}, {}};
          out.emplace_back(PathPattern{x, ast::Path{Kind::Alternative, {}, {fwd, inv}, {}}, y});
          return;
        }
        if (!inverse.empty()) {
          ast::Path inv_set{Kind::Negated, {}, {}, inverse};
          for (auto& i : inv_set.negated) i.inverse = false;
          out.emplace_back(
              PathPattern{x, ast::Path{Kind::Inverse, {}, {std::move(inv_set)}, {}}, y});
          return;
        }
        break;
      }
      default:
        break;
    }
    out.emplace_back(PathPattern{x, path, y});
  }

  // Adjacent triples form one BGP; path patterns are joined in between.
  Node triples(const ast::TriplesBlock& block) {
    std::vector<Piece> pieces;
    for (const auto& t : block.triples) {
      std::visit(overloaded{
                     [&](const ast::Var& v) {
                       pieces.emplace_back(Triple{t.subject, v, t.object});
                     },
                     [&](const rdf::Term& iri) {
                       pieces.emplace_back(Triple{t.subject, iri, t.object});
                     },
                     [&](const ast::Path& path) { path_pieces(t.subject, path, t.object, pieces); },
                     [&](const ast::PathSearch& search) {
                       pieces.emplace_back(PathSearch{t.subject, search, t.object});
                     },
                 },
                 t.predicate);
    }
    Node result{Bgp{}};
    Bgp current;
    for (auto& piece : pieces) {
      if (auto* triple = std::get_if<Triple>(&piece)) {
        current.triples.push_back(std::move(*triple));
      } else {
        if (!current.triples.empty()) result = join(std::move(result), Node{std::move(current)});
        current = Bgp{};
        std::visit(
            overloaded{
                [&](PathPattern& p) { result = join(std::move(result), Node{std::move(p)}); },
                [&](PathSearch& p) { result = join(std::move(result), Node{std::move(p)}); },
                [](Triple&) {},
            },
            piece);
      }
    }
    if (!current.triples.empty()) result = join(std::move(result), Node{std::move(current)});
    return result;
  }

  std::uint64_t next_var_ = 0;
};

}  // namespace

Node translate_pattern(const ast::GroupGraphPattern& group) {
  return Translator().pattern(group);
}

Node translate_select(const ast::SelectQuery& select) {
  return Translator().select(select);
}

TranslatedQuery translate(const ast::Query& query) {
  TranslatedQuery out;
  out.form = query.form;
  out.dataset = query.dataset;
  out.construct_template = query.construct_template;
  out.describe = query.describe;
  out.describe_all = query.describe_all;
  if (query.form == ast::QueryForm::Select) {
    out.pattern = translate_select(query.select);
  } else {
    // Other forms use every in-scope variable; projection is then a no-op kept for uniformity.
    ast::SelectQuery all = query.select;
    all.select_all = true;
    all.items.clear();
    out.pattern = translate_select(all);
  }
  return out;
}

}  // namespace wsiskg::query::algebra
