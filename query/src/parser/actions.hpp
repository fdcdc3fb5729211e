#pragma once
// Small semantic-action helpers shared by the grammar definition files.

#include <boost/spirit/home/x3.hpp>

#include "primitives.hpp"

namespace wsiskg::query::parser::actions {

namespace x3 = boost::spirit::x3;

// Where the innermost enclosing tracked[...] match began (x3's own _where is not that).
template <class Ctx>
const char* match_start(Ctx& ctx) {
  return get_state(ctx).starts.back();
}

inline const auto set_val = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
inline const auto push_back = [](auto& ctx) { x3::_val(ctx).push_back(std::move(x3::_attr(ctx))); };
inline const auto append = [](auto& ctx) {
  auto& v = x3::_val(ctx);
  for (auto& item : x3::_attr(ctx)) v.push_back(std::move(item));
};
inline const auto noop = [](auto&) {};

}  // namespace wsiskg::query::parser::actions
