#include "wsiskg/graph/search_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::graph {

namespace {

bool is_node_term(TermId term) {
  return term != store::kAnyTerm && !store::is_literal_id(term);
}

std::vector<TermId> predicate_list(const EdgeFilter& filter) {
  std::vector<TermId> predicates = std::get<PredicateSet>(filter.selector).predicates;
  std::ranges::sort(predicates);
  auto [first, last] = std::ranges::unique(predicates);
  predicates.erase(first, last);
  if (predicates.empty()) predicates.push_back(store::kAnyTerm);  // one unbound scan
  return predicates;
}

bool same_step(const Arc& a, const Arc& b) {
  return a.node == b.node && a.predicate == b.predicate && a.backward == b.backward;
}
bool step_less(const Arc& a, const Arc& b) {
  if (a.node != b.node) return a.node < b.node;
  if (a.predicate != b.predicate) return a.predicate < b.predicate;
  return a.backward < b.backward;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// SearchGraph

SearchGraph::SearchGraph(const TripleSource& source, EdgeFilter filter)
    : source_(source), filter_(std::move(filter)) {
  auto& predicates = std::get<PredicateSet>(filter_.selector).predicates;
  std::ranges::sort(predicates);
  auto [first, last] = std::ranges::unique(predicates);
  predicates.erase(first, last);
}

std::uint32_t SearchGraph::predicate_index(TermId predicate) {
  auto [it, inserted] =
      predicate_indexes_.try_emplace(predicate, static_cast<std::uint32_t>(predicates_.size()));
  if (inserted) predicates_.push_back(predicate);
  return it->second;
}

float SearchGraph::step_weight(TermId predicate, TermId entered) {
  if (!filter_.weight.enabled()) return 1;
  TermId holder = filter_.weight.source == WeightSource::Predicate ? predicate : entered;
  auto cached = weights_.find(holder);
  if (cached != weights_.end()) return cached->second;
  std::optional<TermId> value;
  source_.scan(holder, filter_.weight.property, store::kAnyTerm, [&](const Triple& t) {
    value = t.object;
    return false;
  });
  float weight = 1;
  if (value) {
    auto number = source_.numeric_value(*value);
    if (!number || !std::isfinite(*number) || *number < 0) {
      throw Error(ErrorKind::BadData,
                  fmt::format("edge weight of term #{} is not a non-negative number", holder));
    }
    weight = static_cast<float>(*number);
  }
  weights_.emplace(holder, weight);
  return weight;
}

void SearchGraph::for_each_edge(TermId node, bool outward,
                                const std::function<void(TermId, TermId, Direction)>& visit) const {
  bool use_forward = filter_.direction != TraversalDirection::Backward;
  bool use_backward = filter_.direction != TraversalDirection::Forward;
  bool both = use_forward && use_backward;
  // A Forward step leaves its triple's subject, a Backward step its object. So with `node` as
  // subject, outward steps are Forward (to the object) and inward steps Backward; as object,
  // the other way round. In "both", a self-loop is one step: the Forward one.
  Direction from_subject = outward ? Direction::Forward : Direction::Backward;
  Direction from_object = outward ? Direction::Backward : Direction::Forward;
  if (outward ? use_forward : use_backward) {
    scan_edges(node, true, [&](const Triple& t) {
      if (!is_node_term(t.object)) return;
      if (both && t.object == node && from_subject == Direction::Backward) return;
      visit(t.object, t.predicate, from_subject);
    });
  }
  if (outward ? use_backward : use_forward) {
    scan_edges(node, false, [&](const Triple& t) {
      if (both && t.subject == node && from_object == Direction::Backward) return;
      visit(t.subject, t.predicate, from_object);
    });
  }
}

void SearchGraph::scan_edges(TermId node, bool as_subject,
                             const std::function<void(const Triple&)>& sink) const {
  const auto& predicates = std::get<PredicateSet>(filter_.selector).predicates;  // sorted
  auto scan = [&](TermId predicate, const TripleSource::Sink& each) {
    if (as_subject) {
      source_.scan(node, predicate, store::kAnyTerm, each);
    } else {
      source_.scan(store::kAnyTerm, predicate, node, each);
    }
  };
  auto all = [&](const Triple& t) {
    sink(t);
    return true;
  };
  if (predicates.size() <= 1) {
    scan(predicates.empty() ? store::kAnyTerm : predicates.front(), all);
    return;
  }
  // Several predicates: one scan by node and a filter is much cheaper than a scan per
  // predicate (each index seek costs microseconds) unless the node has many edges the filter
  // rejects (an rdf:type hub), in which case we fall back to one bound scan per predicate.
  constexpr std::size_t kMaxRejected = 256;
  std::vector<Triple> kept;
  std::size_t rejected = 0;
  bool gave_up = false;
  scan(store::kAnyTerm, [&](const Triple& t) {
    if (std::ranges::binary_search(predicates, t.predicate)) {
      kept.push_back(t);
    } else if (++rejected > kMaxRejected) {
      gave_up = true;
      return false;
    }
    return true;
  });
  if (!gave_up) {
    for (const Triple& t : kept) sink(t);
    return;
  }
  for (TermId p : predicates) scan(p, all);
}

// ---------------------------------------------------------------------------------------------
// StoreGraph

StoreGraph::StoreGraph(const TripleSource& source, EdgeFilter filter)
    : SearchGraph(source, std::move(filter)) {}

std::optional<NodeIndex> StoreGraph::node(TermId term) {
  if (!is_node_term(term)) return std::nullopt;
  return intern(term);
}

NodeIndex StoreGraph::intern(TermId term) {
  auto [it, inserted] = indexes_.try_emplace(term, static_cast<NodeIndex>(terms_.size()));
  if (inserted) {
    terms_.push_back(term);
    out_.emplace_back();
    in_.emplace_back();
    loaded_.push_back(0);
  }
  return it->second;
}

std::span<const Arc> StoreGraph::out_arcs(NodeIndex node) {
  return arcs(node, true);
}
std::span<const Arc> StoreGraph::in_arcs(NodeIndex node) {
  return arcs(node, false);
}

std::span<const Arc> StoreGraph::arcs(NodeIndex node, bool outward) {
  std::uint8_t bit = outward ? 1 : 2;
  if (!(loaded_[node] & bit)) {
    ++expansions_;
    std::vector<Arc> arcs;
    TermId here = terms_[node];
    for_each_edge(here, outward, [&](TermId neighbour, TermId predicate, Direction direction) {
      arcs.emplace_back(intern(neighbour), predicate_index(predicate),
                        step_weight(predicate, outward ? neighbour : here), direction);
    });
    if (source_.may_repeat()) {
      std::ranges::sort(arcs, step_less);
      auto [first, last] = std::ranges::unique(arcs, same_step);
      arcs.erase(first, last);
    }
    arcs.shrink_to_fit();
    (outward ? out_ : in_)[node] = std::move(arcs);
    loaded_[node] |= bit;
  }
  const auto& list = (outward ? out_ : in_)[node];
  return {list.data(), list.size()};
}

// ---------------------------------------------------------------------------------------------
// CsrGraph

CsrGraph::CsrGraph(const TripleSource& source, EdgeFilter filter)
    : SearchGraph(source, std::move(filter)) {
  // One predicate-bound scan per predicate (or one full scan): long sorted index runs.
  std::vector<Triple> triples;
  for (TermId p : predicate_list(filter_)) {
    source_.scan(store::kAnyTerm, p, store::kAnyTerm, [&](const Triple& t) {
      if (is_node_term(t.object)) triples.push_back(t);
      return true;
    });
  }
  if (source_.may_repeat()) {
    std::ranges::sort(triples);
    auto [first, last] = std::ranges::unique(triples);
    triples.erase(first, last);
  }
  edges_ = triples.size();

  // Node numbering in ascending term id order. Dictionary ids carry a dense sequence number
  // (the payload), so presence and node index tables indexed by it replace sorting and
  // hashing; ascending payload is ascending id.
  std::uint64_t max_payload = 0;
  for (const Triple& t : triples) {
    max_payload =
        std::max({max_payload, store::payload_of(t.subject), store::payload_of(t.object)});
  }
  std::vector<NodeIndex> table;
  bool dense = max_payload <= 8 * triples.size() + (1u << 20);
  if (dense) {
    std::vector<std::uint8_t> kinds(max_payload + 1, 0);  // TermIdKind + 1, 0: absent
    for (const Triple& t : triples) {
      kinds[store::payload_of(t.subject)] =
          static_cast<std::uint8_t>(store::kind_of(t.subject)) + 1;
      kinds[store::payload_of(t.object)] = static_cast<std::uint8_t>(store::kind_of(t.object)) + 1;
    }
    table.assign(max_payload + 1, 0);
    for (std::uint64_t payload = 0; payload <= max_payload; ++payload) {
      if (!kinds[payload]) continue;
      table[payload] = static_cast<NodeIndex>(terms_.size());
      terms_.push_back(
          store::make_term_id(static_cast<store::TermIdKind>(kinds[payload] - 1), payload));
    }
  } else {
    for (const Triple& t : triples) {
      terms_.push_back(t.subject);
      terms_.push_back(t.object);
    }
    std::ranges::sort(terms_);
    auto [first, last] = std::ranges::unique(terms_);
    terms_.erase(first, last);
    terms_.shrink_to_fit();
  }
  if (terms_.size() >= std::numeric_limits<NodeIndex>::max()) {
    throw Error(ErrorKind::Io, "graph snapshot: too many nodes");
  }
  auto index_of = [&](TermId term) -> NodeIndex {
    if (dense) return table[store::payload_of(term)];
    return static_cast<NodeIndex>(std::ranges::lower_bound(terms_, term) - terms_.begin());
  };
  std::vector<NodeIndex> subjects(triples.size()), objects(triples.size());
  std::vector<std::uint32_t> predicates(triples.size());
  std::vector<float> forward_weight, backward_weight;  // entering the object / the subject
  for (std::size_t i = 0; i < triples.size(); ++i) {
    subjects[i] = index_of(triples[i].subject);
    objects[i] = index_of(triples[i].object);
    predicates[i] = predicate_index(triples[i].predicate);
  }
  if (weighted()) {
    forward_weight.resize(triples.size());
    backward_weight.resize(triples.size());
    for (std::size_t i = 0; i < triples.size(); ++i) {
      forward_weight[i] = step_weight(triples[i].predicate, triples[i].object);
      backward_weight[i] = step_weight(triples[i].predicate, triples[i].subject);
    }
  }
  table = {};
  triples = {};

  bool forward = filter_.direction != TraversalDirection::Backward;
  bool backward = filter_.direction != TraversalDirection::Forward;
  bool both = forward && backward;
  auto n = static_cast<NodeIndex>(terms_.size());
  for (bool outward : {true, false}) {
    // Counting sort of the arcs by row, then Boost's linear constructor for sorted edges.
    std::vector<std::uint64_t> starts(std::size_t{n} + 1, 0);
    auto for_each_arc = [&](auto&& place) {
      for (std::size_t i = 0; i < subjects.size(); ++i) {
        NodeIndex s = subjects[i], o = objects[i];
        if (forward) {  // the step s -> o
          place(outward ? s : o, Arc{outward ? o : s, predicates[i],
                                     weighted() ? forward_weight[i] : 1.0f, Direction::Forward});
        }
        if (backward && !(both && s == o)) {  // the step o -> s
          place(outward ? o : s, Arc{outward ? s : o, predicates[i],
                                     weighted() ? backward_weight[i] : 1.0f, Direction::Backward});
        }
      }
    };
    for_each_arc([&](NodeIndex row, const Arc&) { ++starts[std::size_t{row} + 1]; });
    for (std::size_t v = 0; v < n; ++v) starts[v + 1] += starts[v];
    std::vector<std::pair<NodeIndex, NodeIndex>> edges(starts[n]);
    std::vector<Arc> arcs(starts[n]);
    for_each_arc([&](NodeIndex row, const Arc& arc) {
      std::uint64_t slot = starts[row]++;
      edges[slot] = {row, arc.node};
      arcs[slot] = arc;
    });
    (outward ? out_ : in_) =
        Csr(boost::edges_are_sorted, edges.begin(), edges.end(), arcs.begin(), n);
  }
}

std::optional<NodeIndex> CsrGraph::node(TermId term) {
  auto it = std::ranges::lower_bound(terms_, term);
  if (it == terms_.end() || *it != term) return std::nullopt;
  return static_cast<NodeIndex>(it - terms_.begin());
}

std::span<const Arc> CsrGraph::row(const Csr& csr, NodeIndex node) {
  ++expansions_;
  auto degree = boost::out_degree(node, csr);
  if (degree == 0) return {};
  auto first = *boost::out_edges(node, csr).first;
  return {&csr[first], static_cast<std::size_t>(degree)};
}

}  // namespace wsiskg::graph
