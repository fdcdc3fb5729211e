#pragma once
// Small graphs for path tests: named nodes and predicates as fake dictionary ids, both graph
// models over the same triples, and a brute-force reference for random graphs.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "wsiskg/graph/path_search.hpp"
#include "wsiskg/graph/search_graph.hpp"
#include "wsiskg/graph/triple_source.hpp"

namespace wsiskg::graph::testing {

enum class Model { Implicit, Snapshot };
std::string model_name(Model model);

inline TermId iri(std::uint64_t n) {
  return store::make_term_id(store::TermIdKind::Iri, n);
}

// Names nodes "a", "b", … and predicates "p", "q", … as they are first used.
class GraphBuilder {
 public:
  TermId id(const std::string& name);
  std::string name(TermId id) const;
  GraphBuilder& edge(const std::string& s, const std::string& p, const std::string& o);
  GraphBuilder& triple(TermId s, TermId p, TermId o);
  std::vector<Triple> triples;

 private:
  std::map<std::string, TermId> ids_;
  std::map<TermId, std::string> names_;
};

// A model over `source` (which must outlive it).
std::unique_ptr<SearchGraph> make_graph(Model model, const TripleSource& source, EdgeFilter filter);

// "a -p-> b <-q- c" (names from the builder), for readable expectations.
std::string show(const GraphBuilder& names, const Path& path);
std::vector<std::string> show_all(const GraphBuilder& names, const PathResult& result);

// Checks that every step of `path` is a triple of `triples` admitted by `filter`.
::testing::AssertionResult is_valid_path(const std::vector<Triple>& triples,
                                         const EdgeFilter& filter, const Path& path);

// Brute force over the steps `filter` admits: adjacency, BFS distances, reachability,
// and all simple paths by plain DFS.
class Reference {
 public:
  Reference(const std::vector<Triple>& triples, const EdgeFilter& filter);
  struct Move {
    TermId to;
    Step step;
    friend auto operator<=>(const Move&, const Move&) = default;
  };
  const std::set<Move>& moves(TermId from) const;
  std::map<TermId, std::size_t> distances(TermId from) const;  // 0 for `from`
  std::set<TermId> closure(TermId from) const;                 // one or more steps
  std::vector<std::vector<Move>> simple_paths(TermId from, TermId to, std::size_t max_length) const;
  std::set<TermId> nodes;

 private:
  std::map<TermId, std::set<Move>> adjacency_;
};

}  // namespace wsiskg::graph::testing
