#pragma once
// Which graphs a pattern reads (the active graph of SPARQL), and a cursor that scans them:
// one graph, the RDF merge of several (duplicates removed), or every named graph binding a
// graph variable.

#include <array>
#include <optional>
#include <unordered_set>
#include <vector>

#include "execution/exec_context.hpp"

namespace wsiskg::query::exec {

struct GraphSpec {
  enum class Kind {
    Single,    // one graph (kDefaultGraph or a named graph's id)
    UnionAll,  // RDF merge of the default graph and every named graph
    Merge,     // RDF merge of `graphs` (FROM clauses)
    Empty,     // no triples (unknown graph, FROM NAMED without FROM)
    Variable,  // GRAPH ?g: each named graph (of `graphs` when `restricted`), binding `slot`
  };
  Kind kind = Kind::Single;
  TermId graph = store::kDefaultGraph;
  std::vector<TermId> graphs;
  bool restricted = false;
  int slot = -1;

  std::string describe() const;
};

// Store-wide facts the cursor uses to skip work (computed once per query).
struct GraphFacts {
  bool has_default = true;
  bool has_named = true;
};

class GraphCursor {
 public:
  // Scans `pattern` (its graph field is ignored) in the graphs of `spec`. For Variable specs
  // `bound_graph` is the graph variable's current value (kAnyTerm when unbound).
  void open(ExecContext& ctx, const GraphFacts& facts, const GraphSpec& spec,
            store::QuadPattern pattern, TermId bound_graph = store::kAnyTerm);
  bool next(store::IdQuad& quad);

 private:
  bool open_next_run();
  ExecContext* ctx_ = nullptr;
  store::QuadPattern pattern_;
  std::vector<TermId> runs_;  // graph positions to scan in turn
  std::size_t run_ = 0;
  std::optional<store::QuadCursor> cursor_;
  bool dedup_named_ = false;    // skip adjacent duplicates in named-graph runs
  bool check_default_ = false;  // skip named-graph quads also in the default graph
  bool have_last_ = false;
  bool hash_dedup_ = false;  // named run in an index not ending with G: remember every triple
  struct TripleHash {
    std::size_t operator()(const std::array<TermId, 3>& t) const {
      return (t[0] * 0x9e3779b97f4a7c15ULL) ^ (t[1] * 0xc2b2ae3d27d4eb4fULL) ^ t[2];
    }
  };
  std::unordered_set<std::array<TermId, 3>, TripleHash> seen_;
  store::IdQuad last_;
  std::vector<store::IdQuad> buffer_;  // Merge
  std::size_t buffer_pos_ = 0;
  bool buffered_ = false;
};

// Estimated quads of `pattern` over `spec` (for the optimizer).
double estimate_pattern(ExecContext& ctx, const GraphSpec& spec, store::QuadPattern pattern);

}  // namespace wsiskg::query::exec
