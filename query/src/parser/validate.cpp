#include "validate.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "wsiskg/query/scope.hpp"

namespace wsiskg::query::parser {

namespace {

using VarSet = std::set<std::string>;

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

VarSet to_set(const std::vector<std::string>& names) {
  return VarSet(names.begin(), names.end());
}
VarSet in_scope(const ast::GroupGraphPattern& group) {
  return to_set(in_scope_variables(group));
}

bool contains_aggregate(const ast::Expression& e);

bool any_aggregate(const std::vector<ast::Expression>& list) {
  for (const auto& e : list)
    if (contains_aggregate(e)) return true;
  return false;
}

bool contains_aggregate(const ast::Expression& e) {
  return std::visit(overloaded{
                        [](const ast::Aggregate&) { return true; },
                        [](const ast::BinaryExpr& b) {
                          return contains_aggregate(*b.lhs) || contains_aggregate(*b.rhs);
                        },
                        [](const ast::UnaryExpr& u) { return contains_aggregate(*u.operand); },
                        [](const ast::InExpr& in) {
                          return contains_aggregate(*in.lhs) || any_aggregate(in.list);
                        },
                        [](const ast::BuiltinCall& c) { return any_aggregate(c.args); },
                        [](const ast::FunctionCall& c) { return any_aggregate(c.args); },
                        [](const auto&) { return false; },
                    },
                    e.node);
}

// Variables used outside any aggregate (those must be grouping keys).
void vars_outside_aggregates(const ast::Expression& e, VarSet& out) {
  std::visit(overloaded{
                 [&](const ast::Var& v) { out.insert(v.name); },
                 [&](const ast::BinaryExpr& b) {
                   vars_outside_aggregates(*b.lhs, out);
                   vars_outside_aggregates(*b.rhs, out);
                 },
                 [&](const ast::UnaryExpr& u) { vars_outside_aggregates(*u.operand, out); },
                 [&](const ast::InExpr& in) {
                   vars_outside_aggregates(*in.lhs, out);
                   for (const auto& x : in.list) vars_outside_aggregates(x, out);
                 },
                 [&](const ast::BuiltinCall& c) {
                   for (const auto& x : c.args) vars_outside_aggregates(x, out);
                 },
                 [&](const ast::FunctionCall& c) {
                   for (const auto& x : c.args) vars_outside_aggregates(x, out);
                 },
                 [](const auto&) {},
             },
             e.node);
}

class Validator {
 public:
  explicit Validator(std::string_view text) : text_(text) {}

  void query(const ast::Query& q) {
    if (q.form == ast::QueryForm::Select) {
      select(q.select);
    } else {
      if (q.has_where) group(q.select.where);
      modifiers(q.select.modifiers, 0);
    }
    if (q.form == ast::QueryForm::Construct) construct_template(q);
  }

 private:
  [[noreturn]] void fail(std::size_t offset, const std::string& message) {
    throw ValidationError{offset, message};
  }

  // Offset of the `occurrence`-th `_:label` in the text (for the message position).
  std::size_t find_label(const std::string& label, int occurrence) {
    std::string needle = "_:" + label;
    std::size_t pos = 0, found = 0;
    while ((pos = text_.find(needle, pos)) != std::string_view::npos) {
      std::size_t end = pos + needle.size();
      bool whole = end >= text_.size() ||
                   !(std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_' ||
                     text_[end] == '-' || static_cast<unsigned char>(text_[end]) >= 0x80);
      if (whole && found++ == static_cast<std::size_t>(occurrence)) return pos;
      pos = end;
    }
    return 0;
  }

  void blank_label(const ast::VarOrTerm& node, int bgp) {
    const auto* term = std::get_if<rdf::Term>(&node);
    if (term == nullptr || !term->is_blank() || term->value.starts_with(ast::kGeneratedBlankPrefix))
      return;
    auto [it, inserted] = label_bgp_.emplace(term->value, bgp);
    if (inserted) {
      label_uses_[term->value] = 1;
      return;
    }
    int use = label_uses_[term->value]++;
    if (it->second != bgp)
      fail(find_label(term->value, use),
           fmt::format("blank node label _:{} is already used in another basic graph pattern",
                       term->value));
  }

  void expression(const ast::Expression& e, bool aggregates_allowed, std::size_t offset) {
    std::visit(
        overloaded{
            [&](const ast::Aggregate& a) {
              if (!aggregates_allowed)
                fail(offset, "aggregates are only allowed in SELECT, HAVING and ORDER BY");
              if (a.arg) expression(**a.arg, false, offset);
            },
            [&](const ast::BinaryExpr& b) {
              expression(*b.lhs, aggregates_allowed, offset);
              expression(*b.rhs, aggregates_allowed, offset);
            },
            [&](const ast::UnaryExpr& u) { expression(*u.operand, aggregates_allowed, offset); },
            [&](const ast::InExpr& in) {
              expression(*in.lhs, aggregates_allowed, offset);
              for (const auto& x : in.list) expression(x, aggregates_allowed, offset);
            },
            [&](const ast::BuiltinCall& c) {
              for (const auto& x : c.args) expression(x, aggregates_allowed, offset);
            },
            [&](const ast::FunctionCall& c) {
              for (const auto& x : c.args) expression(x, aggregates_allowed, offset);
            },
            [&](const ast::ExistsExpr& x) { group(*x.pattern); },
            [](const auto&) {},
        },
        e.node);
  }

  // Every path variable of a pattern, nested groups included.
  static void collect_path_vars(const ast::GroupGraphPattern& g, VarSet& out) {
    for (const auto& element : g.elements) {
      std::visit(overloaded{
                     [&](const ast::TriplesBlock& b) {
                       for (const auto& t : b.triples)
                         if (const auto* s = std::get_if<ast::PathSearch>(&t.predicate);
                             s != nullptr && s->var)
                           out.insert(s->var->name);
                     },
                     [&](const ast::Box<ast::GroupGraphPattern>& inner) {
                       collect_path_vars(*inner, out);
                     },
                     [&](const ast::OptionalPattern& o) { collect_path_vars(*o.pattern, out); },
                     [&](const ast::UnionPattern& u) {
                       for (const auto& alt : u.alternatives) collect_path_vars(alt, out);
                     },
                     [&](const ast::GraphPattern& p) { collect_path_vars(*p.pattern, out); },
                     [&](const ast::SubSelect& sub) { collect_path_vars(sub.query->where, out); },
                     [](const auto&) {},
                 },
                 element);
    }
  }

  // A path is not an RDF term, so a CONSTRUCT template cannot put one into a triple.
  void construct_template(const ast::Query& q) {
    VarSet path_vars;
    collect_path_vars(q.select.where, path_vars);
    if (path_vars.empty()) return;
    auto check = [&](const auto& node) {
      const auto* v = std::get_if<ast::Var>(&node);
      if (v == nullptr || !path_vars.contains(v->name)) return;
      std::size_t at = text_.find("?" + v->name);
      if (at == std::string_view::npos) at = text_.find("$" + v->name);
      fail(at == std::string_view::npos ? 0 : at,
           fmt::format("CONSTRUCT template uses path variable ?{}; a path is not an RDF term "
                       "(use SELECT, or PATH_NODE / PATH_EDGE to take terms out of it)",
                       v->name));
    };
    for (const auto& t : q.construct_template) {
      check(t.subject);
      check(t.predicate);
      check(t.object);
    }
  }

  // Path searches of one group: a path variable names a path, never an RDF term, so it may not
  // also stand in a triple pattern of the group (that join could never succeed) nor be bound by
  // a second path search there. Uses elsewhere (FILTER, BIND, other groups) are fine.
  void path_variables(const ast::GroupGraphPattern& g) {
    std::map<std::string, std::size_t> path_vars;  // name -> offset of its path search
    VarSet ordinary;
    auto add_ordinary = [&](const auto& node) {
      if (const auto* v = std::get_if<ast::Var>(&node)) ordinary.insert(v->name);
    };
    for (const auto& element : g.elements) {
      const auto* block = std::get_if<ast::TriplesBlock>(&element);
      if (block == nullptr) continue;
      for (const auto& t : block->triples) {
        add_ordinary(t.subject);
        add_ordinary(t.object);
        add_ordinary(t.predicate);
        const auto* search = std::get_if<ast::PathSearch>(&t.predicate);
        if (search == nullptr || !search->var) continue;
        const std::string& name = search->var->name;
        if (!path_vars.emplace(name, search->offset).second)
          fail(search->offset,
               fmt::format("path variable ?{} is already bound by another path pattern of this "
                           "group",
                           name));
      }
    }
    for (const auto& [name, offset] : path_vars)
      if (ordinary.contains(name))
        fail(offset, fmt::format("path variable ?{} is also used as a node or predicate in this "
                                 "group; a path is not an RDF term",
                                 name));
  }

  void group(const ast::GroupGraphPattern& g) {
    path_variables(g);
    int bgp = -1;  // FILTERs do not end a basic graph pattern
    VarSet seen;   // in scope so far, for BIND
    for (const auto& element : g.elements) {
      if (const auto* block = std::get_if<ast::TriplesBlock>(&element)) {
        if (bgp < 0) bgp = next_bgp_++;
        for (const auto& t : block->triples) {
          blank_label(t.subject, bgp);
          blank_label(t.object, bgp);
        }
      } else if (!std::holds_alternative<ast::Filter>(element)) {
        bgp = -1;
      }
      std::visit(overloaded{
                     [&](const ast::Box<ast::GroupGraphPattern>& inner) { group(*inner); },
                     [&](const ast::OptionalPattern& o) { group(*o.pattern); },
                     [&](const ast::UnionPattern& u) {
                       for (const auto& alt : u.alternatives) group(alt);
                     },
                     [&](const ast::MinusPattern& m) { group(*m.pattern); },
                     [&](const ast::GraphPattern& p) { group(*p.pattern); },
                     [&](const ast::ServicePattern& s) { group(*s.pattern); },
                     [&](const ast::Filter& f) { expression(f.condition, false, f.offset); },
                     [&](const ast::Bind& b) {
                       expression(b.expression, false, b.offset);
                       if (seen.contains(b.var.name))
                         fail(b.offset,
                              fmt::format("BIND: variable ?{} is already in scope", b.var.name));
                     },
                     [&](const ast::SubSelect& s) { select(*s.query); },
                     [](const auto&) {},
                 },
                 element);
      std::vector<std::string> added;
      add_in_scope_variables(element, added);
      seen.insert(added.begin(), added.end());
    }
  }

  void modifiers(const ast::SolutionModifiers& m, std::size_t) {
    for (const auto& c : m.group_by) expression(c.expression, false, c.offset);
    for (const auto& h : m.having) expression(h.condition, true, h.offset);
    for (const auto& o : m.order_by) expression(o.expression, true, o.offset);
  }

  void select(const ast::SelectQuery& q) {
    group(q.where);
    modifiers(q.modifiers, 0);
    VarSet where_vars = in_scope(q.where);
    VarSet projected;
    bool aggregated = !q.modifiers.group_by.empty();
    for (const auto& h : q.modifiers.having)
      aggregated = aggregated || contains_aggregate(h.condition);
    for (const auto& item : q.items) {
      if (!item.expression) continue;
      expression(*item.expression, true, item.offset);
      aggregated = aggregated || contains_aggregate(*item.expression);
    }
    for (const auto& item : q.items) {
      if (item.expression &&
          (where_vars.contains(item.var.name) || projected.contains(item.var.name)))
        fail(item.offset, fmt::format("SELECT: variable ?{} is already in scope", item.var.name));
      projected.insert(item.var.name);
    }
    if (!aggregated) return;
    if (q.select_all) fail(q.offset, "SELECT * is not allowed with GROUP BY or aggregates");
    VarSet keys;
    for (const auto& c : q.modifiers.group_by) {
      if (c.alias)
        keys.insert(c.alias->name);
      else if (const auto* v = std::get_if<ast::Var>(&c.expression.node))
        keys.insert(v->name);
    }
    VarSet aliases;
    for (const auto& item : q.items) {
      VarSet used;
      if (item.expression)
        vars_outside_aggregates(*item.expression, used);
      else
        used.insert(item.var.name);
      for (const auto& v : used)
        if (!keys.contains(v) && !aliases.contains(v))
          fail(item.offset, fmt::format("variable ?{} is neither grouped nor aggregated", v));
      if (item.expression) aliases.insert(item.var.name);
    }
  }

  std::string_view text_;
  std::map<std::string, int> label_bgp_;
  std::map<std::string, int> label_uses_;
  int next_bgp_ = 0;
};

}  // namespace

void validate(const ast::Query& query, std::string_view text) {
  Validator(text).query(query);
}

}  // namespace wsiskg::query::parser
