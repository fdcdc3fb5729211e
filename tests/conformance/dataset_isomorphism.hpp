#pragma once
// RDF dataset isomorphism (RDF 1.1 Concepts §3.6 and §4.3): two datasets are isomorphic when a
// bijection between their blank nodes maps one quad set exactly onto the other. Blank nodes may
// stand in any position, including the graph name. Literals compare exactly (lexical form,
// datatype, lower-cased language tag), as rdf::Term does.

#include <span>
#include <string>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::conformance {

struct IsomorphismResult {
  bool isomorphic = false;
  // Why not, for test output: missing/extra ground quads, blank-node counts, etc.
  std::string explanation;
};

// Duplicate quads are ignored on both sides (a dataset is a set of quads).
IsomorphismResult compare_datasets(std::span<const rdf::Quad> actual,
                                   std::span<const rdf::Quad> expected);

inline bool isomorphic(std::span<const rdf::Quad> a, std::span<const rdf::Quad> b) {
  return compare_datasets(a, b).isomorphic;
}

// The quads as sorted N-Quads lines, at most `max_lines`, control characters written as \uXXXX
// (for test messages).
std::string dump_nquads(std::span<const rdf::Quad> quads, std::size_t max_lines = 60);

}  // namespace wsiskg::conformance
