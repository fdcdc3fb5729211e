// Path query modes on top of the search primitives.

#include "wsiskg/graph/path_search.hpp"

#include <algorithm>
#include <unordered_map>

#include "search_internal.hpp"

namespace wsiskg::graph {

std::string_view to_string(Truncation truncation) {
  switch (truncation) {
    case Truncation::None:
      return "none";
    case Truncation::PathLimit:
      return "path limit";
    case Truncation::LengthLimit:
      return "length limit";
    case Truncation::TimeLimit:
      return "time limit";
  }
  return "unknown";
}

namespace {

using namespace detail;

struct Endpoint {
  TermId term;
  std::optional<NodeIndex> node;
};

std::vector<Endpoint> resolve(SearchGraph& graph, const std::vector<TermId>& terms) {
  std::vector<Endpoint> endpoints;
  for (TermId term : terms) {
    if (std::ranges::any_of(endpoints, [&](const Endpoint& e) { return e.term == term; })) continue;
    endpoints.push_back({term, graph.node(term)});
  }
  return endpoints;
}

struct Found {
  std::size_t source_rank;
  std::size_t target_rank;
  Path path;
};

class Answer {
 public:
  Answer(SearchContext& ctx, const PathQuery& query)
      : ctx_(ctx),
        query_(query),
        sources(resolve(ctx.graph, query.sources)),
        targets(resolve(ctx.graph, query.targets)) {}

  // Adds a path for (sources[si], targets[ti]); false when it exceeds a weighted max_length.
  bool add(std::size_t si, std::size_t ti, NodeIndex source, std::span<const Move> moves) {
    if (ctx_.graph.weighted() && query_.limits.max_length &&
        moves.size() > *query_.limits.max_length) {
      length_cut = true;
      return false;
    }
    add_path(si, ti, ctx_.to_path(source, moves));
    return true;
  }
  void add_path(std::size_t si, std::size_t ti, Path path) {
    if (found.size() >= query_.limits.max_paths) throw PathLimitHit{};
    found.push_back({si, ti, std::move(path)});
  }
  // Pairs whose source is the target: the zero-length path.
  void add_trivial_pairs() {
    for (std::size_t si = 0; si < sources.size(); ++si) {
      for (std::size_t ti = 0; ti < targets.size(); ++ti) {
        if (sources[si].term == targets[ti].term) {
          Path path;
          path.nodes.push_back(sources[si].term);
          add_path(si, ti, std::move(path));
        }
      }
    }
  }

  SearchContext& ctx_;
  const PathQuery& query_;
  std::vector<Endpoint> sources, targets;
  std::vector<Found> found;
  bool length_cut = false;
};

std::optional<std::size_t> search_length(const SearchGraph& graph, const PathQuery& query) {
  return graph.weighted() ? std::nullopt : query.limits.max_length;
}

// True when everything `from` can reach (along path orientation when `outward`, else against
// it) is a handful of nodes without `goal`: then no path joins them.
bool is_dead_end(SearchContext& ctx, NodeIndex from, NodeIndex goal, bool outward) {
  constexpr std::size_t kProbeNodes = 32;
  std::vector<NodeIndex> seen{from};
  for (std::size_t i = 0; i < seen.size(); ++i) {
    auto arcs = outward ? ctx.graph.out_arcs(seen[i]) : ctx.graph.in_arcs(seen[i]);
    for (const Arc& arc : arcs) {
      if (arc.node == goal) return false;
      if (std::ranges::find(seen, arc.node) != seen.end()) continue;
      if (seen.size() == kProbeNodes) return false;  // too big to tell cheaply
      seen.push_back(arc.node);
    }
  }
  return from != goal;
}

// Shortest and AllShortest: one distance field per node on the smaller side.
void run_shortest(SearchContext& ctx, Answer& answer, bool all) {
  const PathQuery& query = answer.query_;
  answer.add_trivial_pairs();
  auto& S = answer.sources;
  auto& T = answer.targets;
  auto emit_for = [&](std::size_t si, std::size_t ti, NodeIndex s) {
    return [&answer, si, ti, s, all](std::span<const Move> moves) {
      return !answer.add(si, ti, s, moves) || all;  // keep looking until one is accepted
    };
  };
  if (!all && !ctx.graph.weighted() && S.size() == 1 && T.size() == 1) {
    if (!S[0].node || !T[0].node || S[0].term == T[0].term) return;
    ctx.length_cut = false;
    auto moves = bidirectional_bfs(ctx, *S[0].node, *T[0].node, query.limits.max_length);
    if (moves) answer.add(0, 0, *S[0].node, *moves);
    if (!moves && ctx.length_cut) answer.length_cut = true;
    return;
  }
  bool from_targets = T.size() <= S.size();
  auto& seeds_side = from_targets ? T : S;
  auto& other_side = from_targets ? S : T;
  for (std::size_t a = 0; a < seeds_side.size(); ++a) {
    if (!seeds_side[a].node) continue;
    NodeIndex seed = *seeds_side[a].node;
    // A search stops once every wanted node is found; one that cannot be reached would make
    // it exhaust the graph. Dead ends (a few nodes with no way on) are ruled out cheaply.
    std::vector<NodeIndex> wanted;
    for (const Endpoint& e : other_side) {
      if (e.node && !is_dead_end(ctx, *e.node, seed, from_targets)) wanted.push_back(*e.node);
    }
    FieldOptions options;
    options.reverse = from_targets;
    options.wanted = wanted;
    options.max_length = search_length(ctx.graph, query);
    Field field = search_field(ctx, std::span(&seed, 1), options);
    for (std::size_t b = 0; b < other_side.size(); ++b) {
      const Endpoint& e = other_side[b];
      if (!e.node || e.term == seeds_side[a].term) continue;
      if (field.at(*e.node) == kUnreached) {
        if (field.length_cut) answer.length_cut = true;
        continue;
      }
      std::size_t si = from_targets ? b : a, ti = from_targets ? a : b;
      NodeIndex s = from_targets ? *e.node : seed;
      enumerate_shortest(ctx, field, *e.node, emit_for(si, ti, s), !all);
    }
  }
}

// KShortest: Yen's algorithm per pair; spur searches are bidirectional BFS (unweighted) or
// Dijkstra with the blocked arcs priced out (weighted).
void run_k_shortest(SearchContext& ctx, Answer& answer) {
  const PathQuery& query = answer.query_;
  answer.add_trivial_pairs();  // the only simple path from a node to itself
  std::vector<std::uint8_t> blocked_nodes;

  auto shortest = [&](NodeIndex from, NodeIndex to, std::optional<std::size_t> max_length,
                      const Blocked* blocked) -> std::optional<std::vector<Move>> {
    if (!ctx.graph.weighted()) return bidirectional_bfs(ctx, from, to, max_length, blocked);
    std::vector<Move> parents;
    FieldOptions options;
    options.wanted = std::span(&to, 1);
    options.parents = &parents;
    if (blocked) {
      options.blocked = [blocked](NodeIndex u, const Arc& arc) {
        return blocked->node(arc.node) || blocked->move(move_out(u, arc));
      };
    }
    Field field = search_field(ctx, std::span(&from, 1), options);
    if (field.at(to) == kUnreached) return std::nullopt;
    std::vector<Move> moves;
    for (NodeIndex v = to; v != from; v = parents[v].from) moves.push_back(parents[v]);
    std::ranges::reverse(moves);
    return moves;
  };
  auto cost = [&](const std::vector<Move>& moves) {
    double c = 0;
    for (const Move& m : moves) c += ctx.graph.weighted() ? m.weight : 1.0;
    return c;
  };

  for (std::size_t si = 0; si < answer.sources.size(); ++si) {
    for (std::size_t ti = 0; ti < answer.targets.size(); ++ti) {
      const Endpoint& S = answer.sources[si];
      const Endpoint& T = answer.targets[ti];
      if (!S.node || !T.node || S.term == T.term) continue;
      NodeIndex s = *S.node, t = *T.node;
      ctx.length_cut = false;
      std::vector<std::vector<Move>> accepted;
      std::vector<std::vector<Move>> candidates;
      auto first = shortest(s, t, query.limits.max_length, nullptr);
      if (first) {
        answer.add(si, ti, s, *first);
        accepted.push_back(std::move(*first));
      }
      while (!accepted.empty() && accepted.size() < query.k) {
        const std::vector<Move> previous = accepted.back();
        for (std::size_t i = 0; i < previous.size(); ++i) {
          NodeIndex spur = i == 0 ? s : previous[i - 1].to;
          std::span<const Move> root(previous.data(), i);
          std::vector<Move> spur_moves;
          for (const auto& p : accepted) {
            if (p.size() > i && std::equal(root.begin(), root.end(), p.begin())) {
              spur_moves.push_back(p[i]);
            }
          }
          std::vector<NodeIndex> root_nodes;  // every root node except the spur node
          if (i > 0) root_nodes.push_back(s);
          for (std::size_t j = 0; j + 1 < i; ++j) root_nodes.push_back(previous[j].to);
          blocked_nodes.resize(std::max(blocked_nodes.size(), ctx.graph.node_count()), 0);
          for (NodeIndex v : root_nodes) blocked_nodes[v] = 1;
          Blocked blocked{blocked_nodes, spur, spur_moves};
          std::optional<std::size_t> rest_length;
          if (query.limits.max_length) rest_length = *query.limits.max_length - i;
          auto rest = shortest(spur, t, rest_length, &blocked);
          for (NodeIndex v : root_nodes) blocked_nodes[v] = 0;
          if (!rest) continue;
          std::vector<Move> candidate(root.begin(), root.end());
          candidate.insert(candidate.end(), rest->begin(), rest->end());
          if (std::ranges::find(candidates, candidate) == candidates.end() &&
              std::ranges::find(accepted, candidate) == accepted.end()) {
            candidates.push_back(std::move(candidate));
          }
        }
        if (candidates.empty()) break;
        auto best = std::ranges::min_element(candidates, [&](const auto& a, const auto& b) {
          double ca = cost(a), cb = cost(b);
          return ca != cb ? ca < cb : a.size() < b.size();
        });
        std::vector<Move> next = std::move(*best);
        candidates.erase(best);
        answer.add(si, ti, s, next);
        accepted.push_back(std::move(next));
      }
      if (accepted.size() < query.k && ctx.length_cut) answer.length_cut = true;
    }
  }
}

// AllSimple: depth-first from each source, pruned by a BFS distance-to-targets field.
void run_all_simple(SearchContext& ctx, Answer& answer) {
  const PathQuery& query = answer.query_;
  bool defaulted = !query.limits.max_length;
  std::size_t max_length = query.limits.max_length.value_or(kDefaultSimplePathLength);
  std::unordered_map<NodeIndex, std::size_t> target_rank;
  std::vector<NodeIndex> target_nodes;
  for (std::size_t ti = 0; ti < answer.targets.size(); ++ti) {
    if (!answer.targets[ti].node) continue;
    target_rank.emplace(*answer.targets[ti].node, ti);
    target_nodes.push_back(*answer.targets[ti].node);
  }
  for (std::size_t si = 0; si < answer.sources.size(); ++si) {  // unresolved: only trivial
    if (answer.sources[si].node) continue;
    for (std::size_t ti = 0; ti < answer.targets.size(); ++ti) {
      if (answer.targets[ti].term == answer.sources[si].term) {
        Path path;
        path.nodes.push_back(answer.sources[si].term);
        answer.add_path(si, ti, std::move(path));
      }
    }
  }
  if (target_nodes.empty()) return;
  FieldOptions options;
  options.reverse = true;
  options.max_length = max_length;
  options.count_steps = true;
  Field to_targets = search_field(ctx, target_nodes, options);

  std::vector<Move> moves;
  std::vector<std::uint8_t> on_path;
  auto mark = [&](NodeIndex v, std::uint8_t value) {
    if (v >= on_path.size()) on_path.resize(std::size_t{v} + 1, 0);
    on_path[v] = value;
  };
  for (std::size_t si = 0; si < answer.sources.size(); ++si) {
    if (!answer.sources[si].node) continue;
    NodeIndex s = *answer.sources[si].node;
    // With the default bound, "unreached" may only mean "further than the bound".
    bool may_be_cut = defaulted && to_targets.length_cut;
    if (to_targets.at(s) == kUnreached) {
      if (may_be_cut) answer.length_cut = true;
      continue;
    }
    std::function<void(NodeIndex)> visit = [&](NodeIndex u) {
      ctx.tick();
      if (auto hit = target_rank.find(u); hit != target_rank.end()) {
        answer.add(si, hit->second, s, moves);
      }
      auto arcs = ctx.graph.out_arcs(u);
      if (moves.size() == max_length) {
        if (defaulted && std::ranges::any_of(arcs, [&](const Arc& a) {
              return a.node >= on_path.size() || !on_path[a.node];
            })) {
          answer.length_cut = true;
        }
        return;
      }
      for (const Arc& arc : arcs) {
        NodeIndex v = arc.node;
        if (v < on_path.size() && on_path[v]) continue;
        if (to_targets.at(v) + static_cast<double>(moves.size() + 1) >
            static_cast<double>(max_length)) {
          if (may_be_cut) answer.length_cut = true;
          continue;
        }
        moves.push_back(move_out(u, arc));
        mark(v, 1);
        visit(v);
        mark(v, 0);
        moves.pop_back();
      }
    };
    mark(s, 1);
    visit(s);
    mark(s, 0);
  }
}

}  // namespace

PathResult find_paths(SearchGraph& graph, const PathQuery& query) {
  auto started = std::chrono::steady_clock::now();
  std::uint64_t expansions_before = graph.expansions();
  SearchContext ctx(graph, query.limits);
  Answer answer(ctx, query);
  PathResult result;
  try {
    switch (query.mode) {
      case PathMode::Shortest:
        run_shortest(ctx, answer, false);
        break;
      case PathMode::AllShortest:
        run_shortest(ctx, answer, true);
        break;
      case PathMode::KShortest:
        run_k_shortest(ctx, answer);
        break;
      case PathMode::AllSimple:
        run_all_simple(ctx, answer);
        break;
    }
  } catch (const TimeUp&) {
    result.truncation = Truncation::TimeLimit;
  } catch (const PathLimitHit&) {
    result.truncation = Truncation::PathLimit;
  }
  if (result.truncation == Truncation::None && answer.length_cut) {
    result.truncation = Truncation::LengthLimit;
  }
  std::ranges::stable_sort(answer.found, [](const Found& a, const Found& b) {
    if (a.source_rank != b.source_rank) return a.source_rank < b.source_rank;
    if (a.target_rank != b.target_rank) return a.target_rank < b.target_rank;
    if (a.path.cost != b.path.cost) return a.path.cost < b.path.cost;
    return a.path.length() < b.path.length();
  });
  result.paths.reserve(answer.found.size());
  for (Found& f : answer.found) result.paths.push_back(std::move(f.path));
  result.statistics = ctx.statistics;
  result.statistics.expanded_nodes = graph.expansions() - expansions_before;
  result.statistics.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  return result;
}

std::vector<TermId> reachable(SearchGraph& graph, std::span<const TermId> sources) {
  PathLimits no_limits;
  SearchContext ctx(graph, no_limits);
  std::vector<NodeIndex> seeds;  // one step out, so a source counts only if a cycle returns
  for (TermId term : sources) {
    auto node = graph.node(term);
    if (!node) continue;
    for (const Arc& arc : graph.out_arcs(*node)) seeds.push_back(arc.node);
  }
  std::ranges::sort(seeds);
  auto [first, last] = std::ranges::unique(seeds);
  seeds.erase(first, last);
  FieldOptions options;
  options.count_steps = true;
  Field field = search_field(ctx, seeds, options);
  std::vector<TermId> nodes;
  for (NodeIndex v = 0; v < field.distance.size(); ++v) {
    if (field.distance[v] != kUnreached) nodes.push_back(graph.term(v));
  }
  std::ranges::sort(nodes);
  return nodes;
}

}  // namespace wsiskg::graph
