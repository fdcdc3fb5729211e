#pragma once
// SearchGraph as a Boost.Graph IncidenceGraph, so BGL's breadth_first_visit and Dijkstra
// machinery run on either model. `reverse` walks in_arcs (against path orientation).
// Vertices are NodeIndex; property maps grow on demand because an implicit graph learns new
// nodes while the search runs (BGL's own vector maps need num_vertices up front).

#include <boost/graph/graph_traits.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <limits>
#include <utility>
#include <vector>

#include "wsiskg/graph/search_graph.hpp"

namespace wsiskg::graph::detail {

struct BglView {
  SearchGraph* graph;
  bool reverse;
};

struct BglEdge {
  NodeIndex source = 0;
  const Arc* arc = nullptr;
  friend bool operator==(const BglEdge& a, const BglEdge& b) { return a.arc == b.arc; }
};

class BglOutEdgeIterator
    : public boost::iterator_facade<BglOutEdgeIterator, BglEdge, boost::random_access_traversal_tag,
                                    BglEdge> {
 public:
  BglOutEdgeIterator() = default;
  BglOutEdgeIterator(NodeIndex source, const Arc* arc) : source_(source), arc_(arc) {}

 private:
  friend class boost::iterator_core_access;
  BglEdge dereference() const { return {source_, arc_}; }
  bool equal(const BglOutEdgeIterator& other) const { return arc_ == other.arc_; }
  void increment() { ++arc_; }
  void decrement() { --arc_; }
  void advance(std::ptrdiff_t n) { arc_ += n; }
  std::ptrdiff_t distance_to(const BglOutEdgeIterator& other) const { return other.arc_ - arc_; }

  NodeIndex source_ = 0;
  const Arc* arc_ = nullptr;
};

inline std::pair<BglOutEdgeIterator, BglOutEdgeIterator> out_edges(NodeIndex v, const BglView& g) {
  auto arcs = g.reverse ? g.graph->in_arcs(v) : g.graph->out_arcs(v);
  return {BglOutEdgeIterator(v, arcs.data()), BglOutEdgeIterator(v, arcs.data() + arcs.size())};
}
inline std::size_t out_degree(NodeIndex v, const BglView& g) {
  return (g.reverse ? g.graph->in_arcs(v) : g.graph->out_arcs(v)).size();
}
inline NodeIndex source(const BglEdge& e, const BglView&) {
  return e.source;
}
inline NodeIndex target(const BglEdge& e, const BglView&) {
  return e.arc->node;
}

// A read/write property map over NodeIndex backed by a caller-owned vector that grows.
template <class T>
struct GrowingMap {
  using key_type = NodeIndex;
  using value_type = T;
  using reference = T&;
  using category = boost::read_write_property_map_tag;

  std::vector<T>* data;
  T fill;

  T& at(NodeIndex k) const {
    if (k >= data->size()) data->resize(std::size_t{k} + 1, fill);
    return (*data)[k];
  }
  friend T get(const GrowingMap& m, NodeIndex k) {
    return k < m.data->size() ? (*m.data)[k] : m.fill;
  }
  friend void put(const GrowingMap& m, NodeIndex k, const T& v) { m.at(k) = v; }
};

}  // namespace wsiskg::graph::detail

namespace boost {

template <>
struct graph_traits<wsiskg::graph::detail::BglView> {
  using vertex_descriptor = wsiskg::graph::NodeIndex;
  using edge_descriptor = wsiskg::graph::detail::BglEdge;
  using out_edge_iterator = wsiskg::graph::detail::BglOutEdgeIterator;
  using directed_category = directed_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  using traversal_category = incidence_graph_tag;
  using degree_size_type = std::size_t;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  static vertex_descriptor null_vertex() { return std::numeric_limits<vertex_descriptor>::max(); }
};

}  // namespace boost
