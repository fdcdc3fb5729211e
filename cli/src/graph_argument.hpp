#pragma once
// Resolving a --graph argument ("default", an IRI, or <IRI>) to a store graph id.

#include <string>

#include "wsiskg/store/store.hpp"

namespace wsiskg::cli {

inline constexpr const char* kDefaultGraphName = "default";

// Throws Error(Usage) naming the graph when the store holds no such graph.
store::TermId resolve_graph(const store::ReadTransaction& txn, const std::string& argument);

}  // namespace wsiskg::cli
