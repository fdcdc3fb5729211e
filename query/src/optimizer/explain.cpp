// `--explain`: the physical plan as indented text with estimated (and actual) rows.

#include <fmt/format.h>

#include <cmath>

#include "optimizer/planner.hpp"

namespace wsiskg::query::optimizer {

namespace {

void explain_line(const exec::Operator& op, int depth, bool analyze, std::string& out) {
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ');
  out += op.name();
  std::string d = op.detail();
  if (!d.empty()) out += " " + d;
  out += fmt::format(" est={}", static_cast<std::uint64_t>(std::llround(op.estimate)));
  if (analyze) out += fmt::format(" actual={} time={:.3f} ms", op.actual(), op.time_ms());
  out += "\n";
  for (const auto* child : op.children())
    if (child != nullptr) explain_line(*child, depth + 1, analyze, out);
}

}  // namespace

std::string explain_tree(const exec::Operator& root, bool analyze) {
  std::string out;
  explain_line(root, 0, analyze, out);
  return out;
}

}  // namespace wsiskg::query::optimizer
