#include "path_functions.hpp"

#include <string>

#include "literals.hpp"
#include "numeric.hpp"
#include "wsiskg/query/path_value.hpp"

namespace wsiskg::query::expression {

namespace {

// A 1-based position argument: an integer literal between 1 and `count`.
std::optional<std::size_t> position(const rdf::Term& t, std::size_t count) {
  auto v = small_integer(t);
  if (!v || *v < 1 || static_cast<unsigned long long>(*v) > count) return std::nullopt;
  return static_cast<std::size_t>(*v - 1);
}

}  // namespace

bool is_path_function(std::string_view name) {
  return name == "PATH_LENGTH" || name == "PATH_SOURCE" || name == "PATH_TARGET" ||
         name == "PATH_NODE" || name == "PATH_EDGE" || name == "PATH_DIRECTION" ||
         name == "PATH_NODES" || name == "PATH_EDGES";
}

Value call_path_function(std::string_view name, const std::vector<rdf::Term>& args) {
  if (args.empty()) return std::nullopt;
  auto path = decode_path_term(args[0]);
  if (!path) return std::nullopt;
  if (name == "PATH_LENGTH" && args.size() == 1)
    return rdf::Term::literal(std::to_string(path->length()), rdf::xsd::kInteger);
  if (name == "PATH_SOURCE" && args.size() == 1) return path->nodes.front();
  if (name == "PATH_TARGET" && args.size() == 1) return path->nodes.back();
  if (name == "PATH_NODE" && args.size() == 2) {
    auto i = position(args[1], path->nodes.size());
    if (!i) return std::nullopt;
    return path->nodes[*i];
  }
  if ((name == "PATH_EDGE" || name == "PATH_DIRECTION") && args.size() == 2) {
    auto i = position(args[1], path->steps.size());
    if (!i) return std::nullopt;
    const PathValue::Step& step = path->steps[*i];
    if (name == "PATH_EDGE") return step.predicate;
    return string_term(step.forward ? "forward" : "backward");
  }
  if (name == "PATH_NODES" && args.size() == 1) {
    std::string text;
    for (const auto& node : path->nodes) {
      if (!text.empty()) text += ' ';
      text += rdf::to_ntriples(node);
    }
    return string_term(text);
  }
  if (name == "PATH_EDGES" && args.size() == 1) {
    // The steps as a SPARQL property-path sequence, e.g. `<p>/^<q>`.
    std::string text;
    for (const auto& step : path->steps) {
      if (!text.empty()) text += '/';
      if (!step.forward) text += '^';
      text += rdf::to_ntriples(step.predicate);
    }
    return string_term(text);
  }
  return std::nullopt;
}

}  // namespace wsiskg::query::expression
