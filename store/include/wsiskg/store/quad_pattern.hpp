#pragma once

#include <array>
#include <cstdint>

#include "wsiskg/store/term_id.hpp"

namespace wsiskg::store {

enum class Component : std::uint8_t { Subject = 0, Predicate = 1, Object = 2, Graph = 3 };

struct IdQuad {
  TermId subject = kAnyTerm;
  TermId predicate = kAnyTerm;
  TermId object = kAnyTerm;
  TermId graph = kDefaultGraph;

  TermId operator[](Component c) const {
    switch (c) {
      case Component::Subject:
        return subject;
      case Component::Predicate:
        return predicate;
      case Component::Object:
        return object;
      case Component::Graph:
        return graph;
    }
    return kAnyTerm;
  }
  friend bool operator==(const IdQuad&, const IdQuad&) = default;
};

// A quad pattern: kAnyTerm in subject/predicate/object means unbound. The graph position is
// kDefaultGraph (default graph only), kAnyNamedGraph (every named graph), kAnyTerm (default and
// named graphs), or one graph's id.
struct QuadPattern {
  TermId subject = kAnyTerm;
  TermId predicate = kAnyTerm;
  TermId object = kAnyTerm;
  TermId graph = kDefaultGraph;
};

// The component order of the index a scan reads, e.g. {P, O, S, G}: results come sorted by
// these components, bound ones first. Scans over default+named graphs (graph == kAnyTerm)
// are the concatenation of two sorted runs and report `sorted == false`.
struct ScanOrder {
  std::array<Component, 4> components{};
  bool sorted = true;
};

}  // namespace wsiskg::store
