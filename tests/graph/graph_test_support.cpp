#include "graph_test_support.hpp"

#include <algorithm>
#include <deque>
#include <functional>

namespace wsiskg::graph::testing {

std::string model_name(Model model) {
  return model == Model::Implicit ? "Implicit" : "Snapshot";
}

TermId GraphBuilder::id(const std::string& name) {
  auto [it, inserted] = ids_.try_emplace(name, iri(ids_.size() + 1));
  if (inserted) names_[it->second] = name;
  return it->second;
}

std::string GraphBuilder::name(TermId id) const {
  auto it = names_.find(id);
  return it != names_.end() ? it->second : "#" + std::to_string(id);
}

GraphBuilder& GraphBuilder::edge(const std::string& s, const std::string& p, const std::string& o) {
  return triple(id(s), id(p), id(o));
}

GraphBuilder& GraphBuilder::triple(TermId s, TermId p, TermId o) {
  triples.push_back({s, p, o});
  return *this;
}

std::unique_ptr<SearchGraph> make_graph(Model model, const TripleSource& source,
                                        EdgeFilter filter) {
  if (model == Model::Implicit) return std::make_unique<StoreGraph>(source, std::move(filter));
  return std::make_unique<CsrGraph>(source, std::move(filter));
}

std::string show(const GraphBuilder& names, const Path& path) {
  std::string text = names.name(path.nodes[0]);
  for (std::size_t i = 0; i < path.steps.size(); ++i) {
    const Step& step = path.steps[i];
    text += step.direction == Direction::Forward ? " -" + names.name(step.predicate) + "-> "
                                                 : " <-" + names.name(step.predicate) + "- ";
    text += names.name(path.nodes[i + 1]);
  }
  return text;
}

std::vector<std::string> show_all(const GraphBuilder& names, const PathResult& result) {
  std::vector<std::string> lines;
  for (const Path& path : result.paths) lines.push_back(show(names, path));
  return lines;
}

::testing::AssertionResult is_valid_path(const std::vector<Triple>& triples,
                                         const EdgeFilter& filter, const Path& path) {
  if (path.nodes.size() != path.steps.size() + 1) {
    return ::testing::AssertionFailure() << "node/step counts do not alternate";
  }
  const auto& predicates = std::get<PredicateSet>(filter.selector).predicates;
  std::set<TermId> seen(path.nodes.begin(), path.nodes.end());
  if (seen.size() != path.nodes.size()) return ::testing::AssertionFailure() << "repeats a node";
  for (std::size_t i = 0; i < path.steps.size(); ++i) {
    const Step& step = path.steps[i];
    bool forward = step.direction == Direction::Forward;
    if (forward && filter.direction == TraversalDirection::Backward) {
      return ::testing::AssertionFailure() << "forward step in a backward search";
    }
    if (!forward && filter.direction == TraversalDirection::Forward) {
      return ::testing::AssertionFailure() << "backward step in a forward search";
    }
    if (!predicates.empty() && std::ranges::find(predicates, step.predicate) == predicates.end()) {
      return ::testing::AssertionFailure() << "step " << i << " uses a filtered-out predicate";
    }
    Triple t = forward ? Triple{path.nodes[i], step.predicate, path.nodes[i + 1]}
                       : Triple{path.nodes[i + 1], step.predicate, path.nodes[i]};
    if (std::ranges::find(triples, t) == triples.end()) {
      return ::testing::AssertionFailure() << "step " << i << " is not a triple";
    }
  }
  return ::testing::AssertionSuccess();
}

Reference::Reference(const std::vector<Triple>& triples, const EdgeFilter& filter) {
  const auto& predicates = std::get<PredicateSet>(filter.selector).predicates;
  bool forward = filter.direction != TraversalDirection::Backward;
  bool backward = filter.direction != TraversalDirection::Forward;
  for (const Triple& t : triples) {
    if (store::is_literal_id(t.object)) continue;
    if (!predicates.empty() && std::ranges::find(predicates, t.predicate) == predicates.end()) {
      continue;
    }
    nodes.insert(t.subject);
    nodes.insert(t.object);
    if (forward) adjacency_[t.subject].insert({t.object, {t.predicate, Direction::Forward}});
    if (backward && !(forward && t.subject == t.object)) {
      adjacency_[t.object].insert({t.subject, {t.predicate, Direction::Backward}});
    }
  }
}

const std::set<Reference::Move>& Reference::moves(TermId from) const {
  static const std::set<Move> kNone;
  auto it = adjacency_.find(from);
  return it != adjacency_.end() ? it->second : kNone;
}

std::map<TermId, std::size_t> Reference::distances(TermId from) const {
  std::map<TermId, std::size_t> distance{{from, 0}};
  std::deque<TermId> queue{from};
  while (!queue.empty()) {
    TermId u = queue.front();
    queue.pop_front();
    for (const Move& m : moves(u)) {
      if (distance.try_emplace(m.to, distance[u] + 1).second) queue.push_back(m.to);
    }
  }
  return distance;
}

std::set<TermId> Reference::closure(TermId from) const {
  // Fixpoint of "one more step", deliberately unlike the BFS under test.
  std::set<TermId> reached;
  for (const Move& m : moves(from)) reached.insert(m.to);
  for (bool grew = true; grew;) {
    grew = false;
    for (TermId u : std::set<TermId>(reached)) {
      for (const Move& m : moves(u)) grew |= reached.insert(m.to).second;
    }
  }
  return reached;
}

std::vector<std::vector<Reference::Move>> Reference::simple_paths(TermId from, TermId to,
                                                                  std::size_t max_length) const {
  std::vector<std::vector<Move>> paths;
  std::vector<Move> current;
  std::set<TermId> on_path{from};
  std::function<void(TermId)> walk = [&](TermId u) {
    if (u == to) {
      paths.push_back(current);
      if (from != to) return;  // a simple path ends at its target
    }
    if (current.size() == max_length) return;
    for (const Move& m : moves(u)) {
      if (on_path.contains(m.to)) continue;
      current.push_back(m);
      on_path.insert(m.to);
      walk(m.to);
      on_path.erase(m.to);
      current.pop_back();
    }
  };
  walk(from);
  if (from == to) paths.resize(1);  // only the zero-length path is simple
  return paths;
}

}  // namespace wsiskg::graph::testing
