#include "optimizer/analysis.hpp"

#include <algorithm>

namespace wsiskg::query::optimizer {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

void add_term(const ast::VarOrTerm& t, Names& out) {
  if (const auto* v = std::get_if<ast::Var>(&t)) {
    out.insert(v->name);
  } else {
    const auto& term = std::get<rdf::Term>(t);
    if (term.is_blank()) out.insert("_:" + term.value);
  }
}

Names intersect(const Names& a, const Names& b) {
  Names out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

void vars(const algebra::Node& node, Names& out, bool certain) {
  using namespace algebra;
  std::visit(overloaded{
                 [&](const Bgp& b) {
                   for (const auto& t : b.triples) {
                     add_term(t.subject, out);
                     add_term(t.predicate, out);
                     add_term(t.object, out);
                   }
                 },
                 [&](const PathPattern& p) {
                   add_term(p.subject, out);
                   add_term(p.object, out);
                 },
                 [&](const PathSearch& p) {
                   add_term(p.subject, out);
                   add_term(p.object, out);
                   if (p.search.var) out.insert(p.search.var->name);
                 },
                 [&](const Join& j) {
                   vars(*j.left, out, certain);
                   vars(*j.right, out, certain);
                 },
                 [&](const LeftJoin& j) {
                   vars(*j.left, out, certain);
                   if (!certain) vars(*j.right, out, certain);
                 },
                 [&](const Filter& f) { vars(*f.input, out, certain); },
                 [&](const Union& u) {
                   Names a, b;
                   vars(*u.left, a, certain);
                   vars(*u.right, b, certain);
                   if (certain) {
                     for (const auto& n : intersect(a, b)) out.insert(n);
                   } else {
                     out.insert(a.begin(), a.end());
                     out.insert(b.begin(), b.end());
                   }
                 },
                 [&](const Minus& m) { vars(*m.left, out, certain); },
                 [&](const Graph& g) {
                   vars(*g.input, out, certain);
                   const auto* bgp = std::get_if<Bgp>(&g.input->op);
                   if (!certain || (bgp != nullptr && !bgp->triples.empty())) add_term(g.name, out);
                 },
                 [&](const Service& s) { vars(*s.input, out, certain); },
                 [&](const Extend& e) {
                   vars(*e.input, out, certain);
                   if (!certain) out.insert(e.var.name);
                 },
                 [&](const Table& t) {
                   for (std::size_t i = 0; i < t.data.vars.size(); ++i) {
                     bool all = true;
                     for (const auto& row : t.data.rows) all = all && row[i].has_value();
                     if (!certain || (all && !t.data.rows.empty())) out.insert(t.data.vars[i].name);
                   }
                 },
                 [&](const Group& g) {
                   if (certain) return;
                   for (const auto& k : g.keys)
                     if (const auto* v = std::get_if<ast::Var>(&k.node)) out.insert(v->name);
                   for (const auto& a : g.aggregates) out.insert(a.var.name);
                 },
                 [&](const OrderBy& o) { vars(*o.input, out, certain); },
                 [&](const Project& p) {
                   Names inner;
                   vars(*p.input, inner, certain);
                   for (const auto& v : p.vars)
                     if (inner.count(v.name)) out.insert(v.name);
                 },
                 [&](const Distinct& d) { vars(*d.input, out, certain); },
                 [&](const Reduced& d) { vars(*d.input, out, certain); },
                 [&](const Slice& s) { vars(*s.input, out, certain); },
             },
             node.op);
}

bool plain_pattern(const algebra::Node& n) {
  return std::holds_alternative<algebra::Bgp>(n.op) ||
         std::holds_alternative<algebra::PathPattern>(n.op);
}

}  // namespace

Names certain_vars(const algebra::Node& node) {
  Names out;
  vars(node, out, true);
  return out;
}
Names maybe_vars(const algebra::Node& node) {
  Names out;
  vars(node, out, false);
  return out;
}

void expression_vars(const ast::Expression& e, Names& out, bool& has_exists) {
  std::visit(overloaded{
                 [&](const ast::Var& v) { out.insert(v.name); },
                 [&](const rdf::Term&) {},
                 [&](const ast::BinaryExpr& b) {
                   expression_vars(*b.lhs, out, has_exists);
                   expression_vars(*b.rhs, out, has_exists);
                 },
                 [&](const ast::UnaryExpr& u) { expression_vars(*u.operand, out, has_exists); },
                 [&](const ast::InExpr& in) {
                   expression_vars(*in.lhs, out, has_exists);
                   for (const auto& x : in.list) expression_vars(x, out, has_exists);
                 },
                 [&](const ast::BuiltinCall& c) {
                   for (const auto& x : c.args) expression_vars(x, out, has_exists);
                 },
                 [&](const ast::FunctionCall& c) {
                   for (const auto& x : c.args) expression_vars(x, out, has_exists);
                 },
                 [&](const ast::Aggregate& a) {
                   if (a.arg) expression_vars(**a.arg, out, has_exists);
                 },
                 [&](const ast::ExistsExpr&) { has_exists = true; },
             },
             e.node);
}

algebra::Node hoist_required(algebra::Node node) {
  using namespace algebra;
  auto rec = [](Box<Node>& b) { *b = hoist_required(std::move(*b)); };
  std::visit(overloaded{
                 [&](Join& j) {
                   rec(j.left);
                   rec(j.right);
                 },
                 [&](LeftJoin& j) {
                   rec(j.left);
                   rec(j.right);
                 },
                 [&](Filter& f) { rec(f.input); },
                 [&](Union& u) {
                   rec(u.left);
                   rec(u.right);
                 },
                 [&](Minus& m) {
                   rec(m.left);
                   rec(m.right);
                 },
                 [&](Graph& g) { rec(g.input); },
                 [&](Extend& e) { rec(e.input); },
                 [&](Group& g) { rec(g.input); },
                 [&](OrderBy& o) { rec(o.input); },
                 [&](Project& p) { rec(p.input); },
                 [&](Distinct& d) { rec(d.input); },
                 [&](Reduced& d) { rec(d.input); },
                 [&](Slice& s) { rec(s.input); },
                 [](auto&) {},
             },
             node.op);
  auto* join = std::get_if<Join>(&node.op);
  if (join == nullptr) return node;
  auto* lj = std::get_if<LeftJoin>(&join->left->op);
  if (lj == nullptr || !plain_pattern(*join->right)) return node;
  Names c = maybe_vars(*join->right);
  Names b = maybe_vars(*lj->right);
  Names a = certain_vars(*lj->left);
  if (lj->condition) {
    bool ex = false;
    expression_vars(*lj->condition, b, ex);
    if (ex) return node;
  }
  for (const auto& v : intersect(c, b))
    if (!a.count(v)) return node;
  Node inner{Join{std::move(*lj->left), std::move(*join->right)}};
  Node out{
      LeftJoin{hoist_required(std::move(inner)), std::move(*lj->right), std::move(lj->condition)}};
  return out;
}

}  // namespace wsiskg::query::optimizer
