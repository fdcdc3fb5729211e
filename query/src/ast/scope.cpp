#include "wsiskg/query/scope.hpp"

#include <algorithm>

namespace wsiskg::query {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

void add(std::vector<std::string>& out, const std::string& name) {
  if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}
void add(std::vector<std::string>& out, const ast::VarOrTerm& node) {
  if (const auto* v = std::get_if<ast::Var>(&node)) add(out, v->name);
}
void add_all(std::vector<std::string>& out, const std::vector<std::string>& names) {
  for (const auto& n : names) add(out, n);
}

}  // namespace

void add_in_scope_variables(const ast::PatternElement& element, std::vector<std::string>& out) {
  std::visit(
      overloaded{
          [&](const ast::TriplesBlock& b) {
            for (const auto& t : b.triples) {
              add(out, t.subject);
              if (const auto* v = std::get_if<ast::Var>(&t.predicate)) add(out, v->name);
              add(out, t.object);
              if (const auto* search = std::get_if<ast::PathSearch>(&t.predicate);
                  search != nullptr && search->var)
                add(out, search->var->name);
            }
          },
          [&](const ast::Box<ast::GroupGraphPattern>& g) { add_all(out, in_scope_variables(*g)); },
          [&](const ast::OptionalPattern& o) { add_all(out, in_scope_variables(*o.pattern)); },
          [&](const ast::UnionPattern& u) {
            for (const auto& g : u.alternatives) add_all(out, in_scope_variables(g));
          },
          [&](const ast::MinusPattern&) {},  // MINUS binds nothing
          [&](const ast::GraphPattern& g) {
            add(out, g.name);
            add_all(out, in_scope_variables(*g.pattern));
          },
          [&](const ast::ServicePattern& s) {
            add(out, s.endpoint);
            add_all(out, in_scope_variables(*s.pattern));
          },
          [&](const ast::Filter&) {},
          [&](const ast::Bind& b) { add(out, b.var.name); },
          [&](const ast::InlineData& d) {
            for (const auto& v : d.vars) add(out, v.name);
          },
          [&](const ast::SubSelect& s) { add_all(out, in_scope_variables(*s.query)); },
      },
      element);
}

std::vector<std::string> in_scope_variables(const ast::GroupGraphPattern& group) {
  std::vector<std::string> out;
  for (const auto& element : group.elements) add_in_scope_variables(element, out);
  return out;
}

std::vector<std::string> in_scope_variables(const ast::SelectQuery& select) {
  if (!select.select_all) {
    std::vector<std::string> out;
    for (const auto& item : select.items) add(out, item.var.name);
    return out;
  }
  std::vector<std::string> out = in_scope_variables(select.where);
  if (select.values)
    for (const auto& v : select.values->vars) add(out, v.name);
  return out;
}

}  // namespace wsiskg::query
