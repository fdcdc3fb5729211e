#pragma once
// The graph a path search walks: dense node indexes, and per node the arcs a search may take
// in path orientation (out_arcs) and against it (in_arcs, for backward and bidirectional
// searches). Two models, same interface (see graph/DESIGN.md for when each is used):
//
//   StoreGraph — implicit: reads a node's adjacency from the store's indexes the first time a
//                search asks, and keeps it for later searches on the same object (memoized).
//   CsrGraph   — a boost::compressed_sparse_row_graph snapshot of every edge the filter
//                admits, built from sorted index scans up front.

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "wsiskg/graph/edge_filter.hpp"
#include "wsiskg/graph/path.hpp"
#include "wsiskg/graph/triple_source.hpp"

namespace wsiskg::graph {

using NodeIndex = std::uint32_t;

// One possible step. In out_arcs(u) it is the step u -> node; in in_arcs(v) the step node -> v.
// 12 bytes: searches stream through millions of these.
struct Arc {
  NodeIndex node = 0;
  std::uint32_t predicate : 31 = 0;  // index into SearchGraph::predicate()
  std::uint32_t backward : 1 = 0;
  float weight = 1;

  Arc() = default;
  Arc(NodeIndex n, std::uint32_t p, float w, Direction d)
      : node(n), predicate(p), backward(d == Direction::Backward ? 1 : 0), weight(w) {}
  Direction direction() const { return backward ? Direction::Backward : Direction::Forward; }
};
static_assert(sizeof(Arc) == 12);

class SearchGraph {
 public:
  virtual ~SearchGraph() = default;

  // The node for a term; nullopt when the term is not a node of this graph (for a snapshot:
  // it has no edge the filter admits; literals are never nodes).
  virtual std::optional<NodeIndex> node(TermId term) = 0;
  virtual TermId term(NodeIndex node) const = 0;
  virtual std::span<const Arc> out_arcs(NodeIndex node) = 0;
  virtual std::span<const Arc> in_arcs(NodeIndex node) = 0;
  // Nodes known so far: fixed for a snapshot, grows as an implicit graph is explored.
  virtual std::size_t node_count() const = 0;

  TermId predicate(const Arc& arc) const { return predicates_[arc.predicate]; }
  bool weighted() const { return filter_.weight.enabled(); }
  const EdgeFilter& filter() const { return filter_; }
  // Adjacency lists read from the source since construction.
  std::uint64_t expansions() const { return expansions_; }

 protected:
  SearchGraph(const TripleSource& source, EdgeFilter filter);
  std::uint32_t predicate_index(TermId predicate);
  // The cost of a step with this predicate entering `entered`.
  float step_weight(TermId predicate, TermId entered);
  // Calls visit(neighbour, predicate, direction) for every edge at `node` the filter admits,
  // in path orientation when `outward`, against it otherwise.
  void for_each_edge(TermId node, bool outward,
                     const std::function<void(TermId, TermId, Direction)>& visit) const;
  // Every admitted triple with `node` as subject (or object).
  void scan_edges(TermId node, bool as_subject,
                  const std::function<void(const Triple&)>& sink) const;

  const TripleSource& source_;
  EdgeFilter filter_;
  std::vector<TermId> predicates_;
  std::unordered_map<TermId, std::uint32_t> predicate_indexes_;
  std::unordered_map<TermId, float> weights_;
  std::uint64_t expansions_ = 0;
};

class StoreGraph final : public SearchGraph {
 public:
  // `source` must outlive the graph.
  StoreGraph(const TripleSource& source, EdgeFilter filter);

  std::optional<NodeIndex> node(TermId term) override;
  TermId term(NodeIndex node) const override { return terms_[node]; }
  std::span<const Arc> out_arcs(NodeIndex node) override;
  std::span<const Arc> in_arcs(NodeIndex node) override;
  std::size_t node_count() const override { return terms_.size(); }

 private:
  std::span<const Arc> arcs(NodeIndex node, bool outward);
  NodeIndex intern(TermId term);

  std::vector<TermId> terms_;
  std::unordered_map<TermId, NodeIndex> indexes_;
  // Inner vectors never reallocate once filled, so spans handed out stay valid.
  std::vector<std::vector<Arc>> out_, in_;
  std::vector<std::uint8_t> loaded_;  // bit 0: out_ loaded, bit 1: in_ loaded
};

class CsrGraph final : public SearchGraph {
 public:
  using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc,
                                                 boost::no_property, NodeIndex, std::uint64_t>;

  // Reads every admitted edge (one predicate-bound index scan per predicate, or one full scan).
  CsrGraph(const TripleSource& source, EdgeFilter filter);

  std::optional<NodeIndex> node(TermId term) override;
  TermId term(NodeIndex node) const override { return terms_[node]; }
  std::span<const Arc> out_arcs(NodeIndex node) override { return row(out_, node); }
  std::span<const Arc> in_arcs(NodeIndex node) override { return row(in_, node); }
  std::size_t node_count() const override { return terms_.size(); }
  std::size_t edge_count() const { return edges_; }
  const Csr& out_graph() const { return out_; }

  // The bare CSR arrays of one orientation, for whole-graph kernels (the direction-optimizing
  // BFS): row v's neighbours are columns[starts[v] .. starts[v + 1]), 4 bytes each instead of
  // a 12-byte Arc. Such kernels report the rows they read with count_expansions().
  struct Rows {
    const std::uint64_t* starts;
    const NodeIndex* columns;
    std::uint64_t degree(NodeIndex v) const { return starts[v + 1] - starts[v]; }
  };
  Rows rows(bool outward) const {
    const auto& forward = (outward ? out_ : in_).m_forward;
    return {forward.m_rowstart.data(), forward.m_column.data()};
  }
  void count_expansions(std::uint64_t rows) { expansions_ += rows; }

 private:
  std::span<const Arc> row(const Csr& csr, NodeIndex node);

  std::vector<TermId> terms_;  // ascending: node index order is term id order
  Csr out_, in_;
  std::size_t edges_ = 0;
};

}  // namespace wsiskg::graph
