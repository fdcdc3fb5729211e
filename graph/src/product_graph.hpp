#pragma once
// The product of a PathAutomaton with the store: a product node is (term, automaton state).
// Terms get dense indexes as searches meet them; a term's triples (as subject, as object) are
// read from the TripleSource the first time a search needs them and kept for the rest of the
// query. Literals are terms like any other: a literal object ends a Forward step, and a
// Backward step (`^p`) may leave it (SPARQL allows `"x" ^p ?s`); it is never a subject.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <unordered_map>
#include <vector>

#include "wsiskg/graph/path_automaton.hpp"
#include "wsiskg/graph/triple_source.hpp"

namespace wsiskg::graph::detail {

class ProductGraph {
 public:
  using Index = std::uint32_t;
  struct Edge {
    Index node;  // the triple's other end
    TermId predicate;
  };

  // `source` must outlive the graph; the automaton is copied (predicate lists normalized) and
  // checked (Usage error when malformed). Transitions between states that cannot lie on an accepted
  // path (unreachable from start, or no way on to an accepting state) are dropped.
  ProductGraph(const TripleSource& source, const PathAutomaton& automaton);

  Index intern(TermId term);
  TermId term(Index node) const { return terms_[node]; }
  std::size_t node_count() const { return terms_.size(); }
  std::uint32_t state_count() const { return automaton_.state_count; }
  AutomatonState start() const { return automaton_.start; }
  bool accepting(AutomatonState q) const { return automaton_.accepting[q]; }
  // Product-node key, dense: node * state_count + state.
  std::uint64_t key(Index node, AutomatonState q) const {
    return std::uint64_t{node} * automaton_.state_count + q;
  }
  std::uint64_t expansions() const { return expansions_; }

  // Calls f(next node, next state, predicate, step direction) for every product arc out of
  // (node, q) — or, when `reverse`, into it (then `next` is the step's start; the direction is
  // still the step's own, in path orientation).
  template <class F>
  void next(Index node, AutomatonState q, bool reverse, F&& f) {
    ++expansions_;
    for (std::uint32_t i : (reverse ? into_ : out_of_)[q]) {
      const AutomatonTransition& t = automaton_.transitions[i];
      // Forward search with a Forward transition leaves the triple's subject; a reverse search
      // of a Forward step arrives at the object (and looks for the subject). Likewise for ^p.
      bool as_subject = (t.direction == Direction::Forward) != reverse;
      AutomatonState r = reverse ? t.from : t.to;
      for (const Edge& e : edges(node, as_subject)) {
        if (matches(t, e.predicate)) f(e.node, r, e.predicate, t.direction);
      }
    }
  }

  // Every term that can start a non-empty accepted path (a candidate free source), plus every
  // subject and object of the graph when the automaton accepts the empty path. Ascending.
  std::vector<TermId> candidate_sources() const;

 private:
  static bool matches(const AutomatonTransition& t, TermId predicate) {
    bool listed = t.predicates.size() == 1 ? t.predicates.front() == predicate
                                           : std::ranges::binary_search(t.predicates, predicate);
    return listed != t.negated;
  }
  std::span<const Edge> edges(Index node, bool as_subject);

  const TripleSource& source_;
  PathAutomaton automaton_;
  std::vector<std::vector<std::uint32_t>> out_of_, into_;  // transition indexes by state
  // Predicates worth reading (sorted); all of them when some transition is negated.
  std::vector<TermId> predicates_;
  bool all_predicates_ = false;

  std::vector<TermId> terms_;
  static constexpr Index kNone = std::numeric_limits<Index>::max();
  struct Slot {
    Index index;
    std::uint32_t kind;
  };
  Slot* table_slot(TermId term);               // nullptr: not a dictionary id the table can hold
  std::vector<Slot> table_;                    // by dictionary payload (see intern)
  std::unordered_map<TermId, Index> indexes_;  // terms the table cannot hold
  // Inner vectors never reallocate once filled, so spans handed out stay valid.
  std::vector<std::vector<Edge>> as_subject_, as_object_;
  std::vector<std::uint8_t> loaded_;  // bit 0: as_subject_, bit 1: as_object_
  std::uint64_t expansions_ = 0;
};

}  // namespace wsiskg::graph::detail
