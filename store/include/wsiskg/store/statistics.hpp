#pragma once

#include <cstdint>
#include <vector>

#include "wsiskg/store/term_id.hpp"

namespace wsiskg::store {

// Per-predicate figures over all graphs, exact, maintained in the same write transaction as the
// data they describe (recomputed for every predicate a transaction touched).
struct PredicateStatistics {
  TermId predicate = kAnyTerm;
  std::uint64_t quads = 0;
  std::uint64_t distinct_subjects = 0;
  std::uint64_t distinct_objects = 0;
};

struct StoreStatistics {
  std::uint64_t quads = 0;                // all graphs
  std::uint64_t default_graph_quads = 0;  // default graph only
  std::uint64_t named_graphs = 0;
  std::uint64_t dictionary_terms = 0;  // terms in the dictionary (inline literals excluded)
  std::uint64_t disk_bytes = 0;        // size of the data file
  std::uint64_t used_bytes = 0;        // pages in use
  std::uint64_t map_bytes = 0;         // current map size limit
};

// A cardinality answer: exact, or an estimate when counting exactly would be costly.
struct Cardinality {
  std::uint64_t rows = 0;
  bool exact = true;
};

}  // namespace wsiskg::store
