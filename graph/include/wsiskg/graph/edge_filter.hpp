#pragma once
// Which edges a search may use, in which direction, and what a step costs.

#include <variant>
#include <vector>

#include "wsiskg/store/term_id.hpp"

namespace wsiskg::graph {

using store::TermId;

// "out" follows triples subject -> object, "in" object -> subject, "both" either way.
enum class TraversalDirection : std::uint8_t { Forward, Backward, Both };

// Edges whose predicate is in the set; an empty set admits every predicate.
struct PredicateSet {
  std::vector<TermId> predicates;
};

// The edge selector is a variant so that a SPARQL property-path expression (`(p|q)/r`, `^p`)
// can be added as a second alternative when the query engine lands: it will compile to an
// automaton whose product with the store is another SearchGraph, and every algorithm, which
// only sees SearchGraph, keeps working. Code that builds an EdgeFilter from a PredicateSet
// does not change.
using EdgeSelector = std::variant<PredicateSet>;

// Where a weighted search reads step costs: the numeric value of `property` on the step's
// predicate (`ex:cites ex:cost 2`) or on the node the step enters (`ex:n ex:cost 2`).
// Missing values cost 1; negative or non-numeric values are a BadData error.
enum class WeightSource : std::uint8_t { Predicate, Node };

struct WeightSpec {
  TermId property = store::kAnyTerm;  // kAnyTerm: unweighted, every step costs 1
  WeightSource source = WeightSource::Predicate;
  bool enabled() const { return property != store::kAnyTerm; }
};

struct EdgeFilter {
  EdgeSelector selector = PredicateSet{};
  TraversalDirection direction = TraversalDirection::Forward;
  // Graph scope as in store::QuadPattern::graph; the default is every graph. A triple stored in
  // several graphs is one edge.
  TermId graph = store::kAnyTerm;
  WeightSpec weight;
};

}  // namespace wsiskg::graph
