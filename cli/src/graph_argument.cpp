#include "graph_argument.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

store::TermId resolve_graph(const store::ReadTransaction& txn, const std::string& argument) {
  if (argument == kDefaultGraphName) return store::kDefaultGraph;
  std::string iri = argument;
  if (iri.size() >= 2 && iri.front() == '<' && iri.back() == '>') iri = iri.substr(1, iri.size() - 2);
  auto id = txn.find(rdf::Term::iri(iri));
  if (id) {
    auto graphs = txn.named_graphs();
    if (std::ranges::find(graphs, *id) != graphs.end()) return *id;
  }
  throw Error(ErrorKind::Usage, fmt::format("the store has no graph <{}> (see 'wsiskg stats' for "
                                            "its graphs; '{}' is the default graph)",
                                            iri, kDefaultGraphName));
}

}  // namespace wsiskg::cli
