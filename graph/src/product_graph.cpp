#include "product_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::graph::detail {

namespace {

void check(const PathAutomaton& a) {
  auto fail = [](const std::string& what) {
    throw Error(ErrorKind::Usage, "path automaton: " + what);
  };
  if (a.state_count == 0) fail("no states");
  if (a.start >= a.state_count) fail("start state out of range");
  if (a.accepting.size() != a.state_count) {
    fail(fmt::format("{} accepting flags for {} states", a.accepting.size(), a.state_count));
  }
  for (const AutomatonTransition& t : a.transitions) {
    if (t.from >= a.state_count || t.to >= a.state_count) fail("transition state out of range");
    if (!t.negated && t.predicates.empty()) fail("transition with no predicate");
  }
}

// States on some path start ->* q ->* accepting.
std::vector<bool> useful_states(const PathAutomaton& a) {
  auto closure = [&](std::vector<AutomatonState> seeds, bool forward) {
    std::vector<bool> seen(a.state_count, false);
    for (auto q : seeds) seen[q] = true;
    while (!seeds.empty()) {
      AutomatonState q = seeds.back();
      seeds.pop_back();
      for (const AutomatonTransition& t : a.transitions) {
        AutomatonState from = forward ? t.from : t.to, to = forward ? t.to : t.from;
        if (from == q && !seen[to]) {
          seen[to] = true;
          seeds.push_back(to);
        }
      }
    }
    return seen;
  };
  std::vector<AutomatonState> accepting;
  for (AutomatonState q = 0; q < a.state_count; ++q) {
    if (a.accepting[q]) accepting.push_back(q);
  }
  auto reached = closure({a.start}, true);
  auto coreached = closure(accepting, false);
  std::vector<bool> useful(a.state_count);
  for (AutomatonState q = 0; q < a.state_count; ++q) useful[q] = reached[q] && coreached[q];
  return useful;
}

// Subset construction over step symbols: each predicate some transition names, per direction,
// plus "any other predicate" per direction when a negated transition exists. The result is
// deterministic, so every base-graph walk has one run: k-walk counting and restricted searches
// see each path once. Returns nullopt past kMaxStates subsets (then the NFA is used as is;
// answers stay correct, SHORTEST k WALK may then count a walk once per run).
std::optional<PathAutomaton> determinize(const PathAutomaton& nfa) {
  constexpr std::size_t kMaxStates = 256;
  std::vector<TermId> named[2];
  bool other[2] = {false, false};
  for (const AutomatonTransition& t : nfa.transitions) {
    int d = t.direction == Direction::Forward ? 0 : 1;
    named[d].insert(named[d].end(), t.predicates.begin(), t.predicates.end());
    other[d] |= t.negated;
  }
  for (auto& list : named) {
    std::ranges::sort(list);
    auto [first, last] = std::ranges::unique(list);
    list.erase(first, last);
  }
  using Subset = std::vector<AutomatonState>;
  std::map<Subset, AutomatonState> ids;
  std::vector<Subset> subsets;
  PathAutomaton dfa;
  auto id_of = [&](Subset s) -> std::optional<AutomatonState> {
    auto [it, inserted] = ids.try_emplace(s, static_cast<AutomatonState>(subsets.size()));
    if (inserted) {
      if (subsets.size() == kMaxStates) return std::nullopt;
      subsets.push_back(std::move(s));
    }
    return it->second;
  };
  id_of({nfa.start});
  for (std::size_t i = 0; i < subsets.size(); ++i) {
    for (int d = 0; d < 2; ++d) {
      Direction direction = d == 0 ? Direction::Forward : Direction::Backward;
      // Target subset per symbol; named symbols with the same target share one transition.
      std::map<Subset, std::vector<TermId>> by_target;
      auto step = [&](std::optional<TermId> predicate) {
        Subset next;
        for (const AutomatonTransition& t : nfa.transitions) {
          if (t.direction != direction || !std::ranges::binary_search(subsets[i], t.from)) {
            continue;
          }
          bool listed = predicate && std::ranges::binary_search(t.predicates, *predicate);
          if (listed != t.negated) next.push_back(t.to);
        }
        std::ranges::sort(next);
        auto [first, last] = std::ranges::unique(next);
        next.erase(first, last);
        return next;
      };
      for (TermId p : named[d]) {
        Subset next = step(p);
        if (!next.empty()) by_target[next].push_back(p);
      }
      for (auto& [next, predicates] : by_target) {
        auto to = id_of(next);
        if (!to) return std::nullopt;
        dfa.transitions.push_back(
            {static_cast<AutomatonState>(i), *to, predicates, false, direction});
      }
      if (other[d]) {
        Subset next = step(std::nullopt);
        if (!next.empty()) {
          auto to = id_of(next);
          if (!to) return std::nullopt;
          dfa.transitions.push_back(
              {static_cast<AutomatonState>(i), *to, named[d], true, direction});
        }
      }
    }
  }
  dfa.state_count = static_cast<std::uint32_t>(subsets.size());
  dfa.start = 0;
  dfa.accepting.resize(subsets.size());
  for (std::size_t i = 0; i < subsets.size(); ++i) {
    dfa.accepting[i] =
        std::ranges::any_of(subsets[i], [&](AutomatonState q) { return nfa.accepting[q]; });
  }
  return dfa;
}

}  // namespace

ProductGraph::ProductGraph(const TripleSource& source, const PathAutomaton& automaton)
    : source_(source), automaton_(automaton) {
  check(automaton_);
  for (AutomatonTransition& t : automaton_.transitions) {
    std::ranges::sort(t.predicates);
    auto [first, last] = std::ranges::unique(t.predicates);
    t.predicates.erase(first, last);
  }
  if (auto dfa = determinize(automaton_)) automaton_ = std::move(*dfa);
  auto useful = useful_states(automaton_);
  out_of_.resize(automaton_.state_count);
  into_.resize(automaton_.state_count);
  // Either list serves both kinds of transition (a reverse search reads a Forward step's
  // triple from its object), so both read every predicate some transition names.
  std::set<TermId> predicates;
  for (std::uint32_t i = 0; i < automaton_.transitions.size(); ++i) {
    const AutomatonTransition& t = automaton_.transitions[i];
    if (!useful[t.from] || !useful[t.to]) continue;
    out_of_[t.from].push_back(i);
    into_[t.to].push_back(i);
    all_predicates_ |= t.negated;
    predicates.insert(t.predicates.begin(), t.predicates.end());
  }
  predicates_.assign(predicates.begin(), predicates.end());
}

ProductGraph::Index ProductGraph::intern(TermId term) {
  // Dictionary ids carry a dense sequence number (the payload): once a search has met many
  // terms, a table indexed by it replaces the hash map for them (a hash lookup per edge read
  // was a quarter of a whole-graph search). Small searches keep the map: the table costs a
  // slot per dictionary term up to the largest payload met. A slot remembers its term's kind,
  // so ids of another kind with the same payload (and inline literals) stay in the map.
  constexpr std::size_t kTableFrom = 1 << 16;
  auto kind = static_cast<std::uint32_t>(store::kind_of(term));
  Slot* slot = table_.empty() ? nullptr : table_slot(term);
  if (slot && slot->index != kNone && slot->kind == kind) return slot->index;
  if (!slot || slot->index != kNone) {
    auto found = indexes_.find(term);
    if (found != indexes_.end()) return found->second;
  }
  auto index = static_cast<Index>(terms_.size());
  if (slot && slot->index == kNone) {
    *slot = Slot{index, kind};
  } else {
    indexes_.emplace(term, index);
  }
  terms_.push_back(term);
  as_subject_.emplace_back();
  as_object_.emplace_back();
  loaded_.push_back(0);
  if (table_.empty() && terms_.size() == kTableFrom) {  // switch: move dense terms over
    table_.resize(1024, Slot{kNone, 0});
    std::unordered_map<TermId, Index> rest;
    for (auto [t, i] : indexes_) {
      Slot* s = table_slot(t);
      if (s && s->index == kNone) {
        *s = Slot{i, static_cast<std::uint32_t>(store::kind_of(t))};
      } else {
        rest.emplace(t, i);
      }
    }
    indexes_ = std::move(rest);
  }
  return index;
}

ProductGraph::Slot* ProductGraph::table_slot(TermId term) {
  auto kind = store::kind_of(term);
  std::uint64_t payload = store::payload_of(term);
  if (kind < store::TermIdKind::Iri || kind > store::TermIdKind::TypedLiteral ||
      payload >= (std::uint64_t{1} << 31)) {
    return nullptr;
  }
  if (payload >= table_.size()) {
    table_.resize(std::max(payload + 1, 2 * table_.size()), Slot{kNone, 0});
  }
  return &table_[payload];
}

std::span<const ProductGraph::Edge> ProductGraph::edges(Index node, bool as_subject) {
  std::uint8_t bit = as_subject ? 1 : 2;
  if (!(loaded_[node] & bit)) {
    TermId here = terms_[node];
    const auto& predicates = predicates_;
    bool all = all_predicates_;
    std::vector<std::pair<TermId, TermId>> found;  // (predicate, other end)
    auto scan = [&](TermId predicate, const TripleSource::Sink& sink) {
      if (as_subject) {
        source_.scan(here, predicate, store::kAnyTerm, sink);
      } else {
        source_.scan(store::kAnyTerm, predicate, here, sink);
      }
    };
    auto keep = [&](const Triple& t) {
      found.emplace_back(t.predicate, as_subject ? t.object : t.subject);
      return true;
    };
    if (all || predicates.size() == 1) {
      scan(all ? store::kAnyTerm : predicates.front(), keep);
    } else if (!predicates.empty()) {
      // One node-bound scan filtered in memory beats one seek per predicate, unless the node
      // has many edges we do not want (an rdf:type hub): then one bound scan per predicate.
      constexpr std::size_t kMaxRejected = 256;
      std::size_t rejected = 0;
      bool gave_up = false;
      scan(store::kAnyTerm, [&](const Triple& t) {
        if (std::ranges::binary_search(predicates, t.predicate)) return keep(t);
        if (++rejected > kMaxRejected) {
          gave_up = true;
          return false;
        }
        return true;
      });
      if (gave_up) {
        found.clear();
        for (TermId p : predicates) scan(p, keep);
      }
    }
    if (source_.may_repeat()) {
      std::ranges::sort(found);
      auto [first, last] = std::ranges::unique(found);
      found.erase(first, last);
    }
    std::vector<Edge> list;
    list.reserve(found.size());
    for (auto [p, other] : found) list.push_back(Edge{intern(other), p});
    (as_subject ? as_subject_ : as_object_)[node] = std::move(list);
    loaded_[node] |= bit;
  }
  const auto& list = (as_subject ? as_subject_ : as_object_)[node];
  return {list.data(), list.size()};
}

std::vector<TermId> ProductGraph::candidate_sources() const {
  std::vector<TermId> terms;
  auto collect = [&](TermId predicate, bool subjects) {
    source_.scan(store::kAnyTerm, predicate, store::kAnyTerm, [&](const Triple& t) {
      terms.push_back(subjects ? t.subject : t.object);
      return true;
    });
  };
  if (automaton_.accepts_empty()) {
    // SPARQL's ZeroLengthPath with two variables: every subject and object of the graph.
    source_.scan(store::kAnyTerm, store::kAnyTerm, store::kAnyTerm, [&](const Triple& t) {
      terms.push_back(t.subject);
      terms.push_back(t.object);
      return true;
    });
  } else {
    for (std::uint32_t i : out_of_[automaton_.start]) {
      const AutomatonTransition& t = automaton_.transitions[i];
      bool subjects = t.direction == Direction::Forward;
      if (t.negated) {
        source_.scan(store::kAnyTerm, store::kAnyTerm, store::kAnyTerm, [&](const Triple& x) {
          if (matches(t, x.predicate)) terms.push_back(subjects ? x.subject : x.object);
          return true;
        });
      } else {
        for (TermId p : t.predicates) collect(p, subjects);
      }
    }
  }
  std::ranges::sort(terms);
  auto [first, last] = std::ranges::unique(terms);
  terms.erase(first, last);
  return terms;
}

}  // namespace wsiskg::graph::detail
