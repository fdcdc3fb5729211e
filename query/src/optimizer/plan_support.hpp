#pragma once
// Small helpers shared by the planner's files.

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "execution/operator.hpp"
#include "wsiskg/query/algebra.hpp"

namespace wsiskg::query::optimizer {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

inline std::set<int> intersect(const std::set<int>& a, const std::set<int>& b) {
  std::set<int> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

inline exec::SlotList to_list(const std::set<int>& s) {
  return {s.begin(), s.end()};
}

// A pattern position as text for explain.
inline std::string show(const ast::VarOrTerm& t) {
  if (const auto* v = std::get_if<ast::Var>(&t)) return "?" + v->name;
  return rdf::to_ntriples(std::get<rdf::Term>(t));
}

inline std::string sse_list(const std::vector<ast::Expression>& es) {
  std::string out;
  for (const auto& e : es) out += (out.empty() ? "" : " ") + algebra::to_sse(e);
  return out;
}

}  // namespace wsiskg::query::optimizer
