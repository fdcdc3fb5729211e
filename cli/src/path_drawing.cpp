#include "path_drawing.hpp"

#include <fmt/format.h>
#include <stdio.h>

#include <cstdio>
#include <cstdlib>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

std::string dot_escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

}  // namespace

void PathDrawing::add(const query::PathValue& path) {
  auto id = [&](const rdf::Term& node) {
    auto [it, inserted] = ids_.try_emplace(node, order_.size());
    if (inserted) order_.push_back(node);
    return it->second;
  };
  if (path.nodes.empty()) return;
  for (const auto& node : path.nodes) id(node);
  ends_.insert(path.nodes.front());
  ends_.insert(path.nodes.back());
  for (std::size_t i = 0; i < path.steps.size() && i + 1 < path.nodes.size(); ++i) {
    std::size_t a = id(path.nodes[i]), b = id(path.nodes[i + 1]);
    if (!path.steps[i].forward) std::swap(a, b);
    edges_.emplace(a, path.steps[i].predicate, b);
  }
}

std::string PathDrawing::dot(const rdf::PrefixMap& display) const {
  std::string out =
      "digraph paths {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (std::size_t i = 0; i < order_.size(); ++i) {
    out += fmt::format("  n{} [label=\"{}\"{}];\n", i, dot_escape(display.show(order_[i])),
                       ends_.contains(order_[i]) ? ", style=\"rounded,bold\"" : "");
  }
  for (const auto& [s, p, o] : edges_)
    out += fmt::format("  n{} -> n{} [label=\"{}\"];\n", s, o, dot_escape(display.show(p)));
  out += "}\n";
  return out;
}

void write_svg(const std::string& dot) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    throw Error(ErrorKind::Usage,
                "--format svg needs Graphviz's 'dot' program (Debian: apt-get install graphviz); "
                "--format dot writes the graph source instead");
  }
  std::fflush(stdout);
  std::FILE* pipe = ::popen("dot -Tsvg", "w");
  if (!pipe) throw Error(ErrorKind::Io, "cannot run 'dot -Tsvg'");
  std::fwrite(dot.data(), 1, dot.size(), pipe);
  if (::pclose(pipe) != 0) throw Error(ErrorKind::Io, "'dot -Tsvg' failed");
}

}  // namespace wsiskg::cli
