#pragma once
// Drawings of paths for people (`--format dot|svg` of `wsiskg path` and `wsiskg query`): the
// union of the paths' nodes and edges, each once, labelled with prefixed names.

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "wsiskg/query/path_value.hpp"
#include "wsiskg/rdf/prefix_map.hpp"

namespace wsiskg::cli {

class PathDrawing {
 public:
  void add(const query::PathValue& path);
  bool empty() const { return order_.empty(); }
  // Graphviz source: nodes in order of first appearance, sources and targets bold, every edge
  // in its triple's direction (subject -> object) whichever way a path walked it.
  std::string dot(const rdf::PrefixMap& display) const;

 private:
  std::map<rdf::Term, std::size_t> ids_;
  std::vector<rdf::Term> order_;
  std::set<rdf::Term> ends_;
  std::set<std::tuple<std::size_t, rdf::Term, std::size_t>> edges_;  // subject, predicate, object
};

// Pipes `dot` through Graphviz (`dot -Tsvg`) to stdout; a Usage error naming the Debian package
// when Graphviz is not installed.
void write_svg(const std::string& dot);

}  // namespace wsiskg::cli
