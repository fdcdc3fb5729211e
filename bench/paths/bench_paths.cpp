// Path search latencies on a store built from generate_scale_free's output, timed in-process
// (no process start, store already open). Prints a Markdown table.
//
//   bench_paths STORE [--pairs N] [--sources N] [--runs N] [--seed S] [--direction out|both]
//               [--queries single,k10,many,reach,pattern] [--models implicit,snapshot]
//               [--reach-from NODE]
//
// --queries / --models pick rows (default: all); --reach-from names the start node of the
// reachable-set row (a local name such as n17; default: a random node), so run.sh can time the
// same question in Oxigraph and `wsiskg query`.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "wsiskg/graph/path_pattern.hpp"
#include "wsiskg/graph/path_search.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

namespace {

using namespace wsiskg;
using Clock = std::chrono::steady_clock;
using store::TermId;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::ranges::sort(values);
  auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

long rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long kib = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> kib;
      break;
    }
  }
  return kib / 1024;
}

struct Row {
  std::string query, model;
  std::vector<double> ms;
  std::size_t found = 0, runs = 0;
  std::uint64_t expanded = 0;
  std::size_t truncated = 0;

  void add(double milliseconds, const graph::PathResult& result) {
    ms.push_back(milliseconds);
    ++runs;
    found += !result.paths.empty();
    expanded += result.statistics.expanded_nodes;
    truncated += result.truncated();
  }
};

void print(const Row& row) {
  fmt::print("| {} | {} | {} | {:.2f} | {:.2f} | {}/{} | {} | {} |\n", row.query, row.model,
             row.runs, percentile(row.ms, 0.5), percentile(row.ms, 0.9), row.found, row.runs,
             row.runs ? row.expanded / row.runs : 0, row.truncated);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr,
               "usage: bench_paths STORE [--pairs N] [--sources N] [--runs N] [--seed S] "
               "[--direction out|both]\n");
    return 64;
  }
  std::string directory = argv[1];
  std::size_t pairs = 100, sources_per_run = 1000, runs = 20;
  std::uint64_t seed = 7;
  std::string direction = "out";
  std::string queries = "single,k10,many,reach,pattern", models = "implicit,snapshot";
  std::string reach_from;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--pairs")
      pairs = std::stoul(value);
    else if (flag == "--sources")
      sources_per_run = std::stoul(value);
    else if (flag == "--runs")
      runs = std::stoul(value);
    else if (flag == "--seed")
      seed = std::stoull(value);
    else if (flag == "--direction")
      direction = value;
    else if (flag == "--queries")
      queries = value;
    else if (flag == "--models")
      models = value;
    else if (flag == "--reach-from")
      reach_from = value;
  }
  auto wants = [](const std::string& list, const std::string& item) {
    return ("," + list + ",").find("," + item + ",") != std::string::npos;
  };
  try {
    store::OpenOptions options;
    options.read_only = true;
    store::Store store = store::Store::open(directory, options);
    store::ReadTransaction txn = store.begin_read();
    const std::string base = "http://bench.wsiskg.org/";
    auto id = [&](const std::string& iri) {
      auto found = txn.find(rdf::Term::iri(iri));
      if (!found) throw Error(ErrorKind::BadData, "not a bench store: no <" + iri + ">");
      return *found;
    };
    graph::EdgeFilter filter;
    for (const char* p : {"cites", "links", "partOf", "mentions"}) {
      std::get<graph::PredicateSet>(filter.selector).predicates.push_back(id(base + p));
    }
    filter.direction =
        direction == "both" ? graph::TraversalDirection::Both : graph::TraversalDirection::Forward;
    store::QuadPattern typed{store::kAnyTerm, id("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                             id(base + "Node"), store::kAnyTerm};
    std::uint64_t nodes = txn.count(typed);
    std::uint64_t edges = 0;
    for (auto p : std::get<graph::PredicateSet>(filter.selector).predicates) {
      edges += txn.count(store::QuadPattern{store::kAnyTerm, p, store::kAnyTerm, store::kAnyTerm});
    }
    fmt::print("Store {}: {} nodes, {} edges over 4 predicates; direction {}.\n\n", directory,
               nodes, edges, direction);

    graph::StoreTripleSource source(txn);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::uint64_t> pick(0, nodes - 1);
    auto random_node = [&] { return id(base + "n" + std::to_string(pick(rng))); };

    // The snapshot model: build once.
    std::unique_ptr<graph::CsrGraph> snapshot;
    if (wants(models, "snapshot")) {
      long rss_before = rss_mib();
      auto build_start = Clock::now();
      snapshot = std::make_unique<graph::CsrGraph>(source, filter);
      double build_ms = ms_since(build_start);
      fmt::print("CSR snapshot build: {:.0f} ms for {} nodes / {} edges (+{} MiB RSS)\n\n",
                 build_ms, snapshot->node_count(), snapshot->edge_count(), rss_mib() - rss_before);
    }
    std::vector<bool> model_list;  // implicit?
    if (wants(models, "implicit")) model_list.push_back(true);
    if (snapshot) model_list.push_back(false);

    fmt::print(
        "| query | model | runs | median ms | p90 ms | found | expanded nodes (mean) | "
        "truncated |\n");
    fmt::print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");

    // `implicit_runs` caps the implicit model's runs where one takes tens of seconds.
    auto measure = [&](const std::string& name, const std::vector<graph::PathQuery>& queries,
                       std::size_t implicit_runs) {
      for (bool implicit : model_list) {
        Row row{name, implicit ? "implicit (store scans)" : "CSR snapshot", {}, 0, 0, 0, 0};
        for (const auto& query : queries) {
          if (implicit && row.runs == implicit_runs) break;
          auto start = Clock::now();
          std::unique_ptr<graph::StoreGraph> fresh;
          graph::SearchGraph* g = snapshot.get();
          if (implicit) {  // a fresh implicit graph per query, as one CLI invocation has
            fresh = std::make_unique<graph::StoreGraph>(source, filter);
            g = fresh.get();
          }
          graph::PathResult result = graph::find_paths(*g, query);
          row.add(ms_since(start), result);
        }
        print(row);
      }
    };

    std::vector<graph::PathQuery> single, k10, many;
    for (std::size_t i = 0; i < pairs; ++i) {
      graph::PathQuery q;
      q.sources = {random_node()};
      q.targets = {random_node()};
      q.limits.timeout = std::chrono::seconds(20);
      single.push_back(q);
      q.mode = graph::PathMode::KShortest;
      q.k = 10;
      k10.push_back(q);
    }
    for (std::size_t r = 0; r < runs; ++r) {
      graph::PathQuery q;
      for (std::size_t i = 0; i < sources_per_run; ++i) q.sources.push_back(random_node());
      q.targets = {random_node()};
      q.limits.max_paths = sources_per_run;
      q.limits.timeout = std::chrono::seconds(60);
      many.push_back(q);
    }
    if (wants(queries, "single")) measure("single-pair shortest", single, single.size());
    if (wants(queries, "k10")) measure("k=10 shortest (Yen)", k10, k10.size());
    if (wants(queries, "many")) {
      measure(fmt::format("many-to-one, {} sources", sources_per_run), many, 3);
    }

    // The query language's path patterns (find_pattern_paths: the product of the automaton of
    // (cites|links|partOf|mentions)+ with the store, read through index scans as the query
    // engine runs it). ANY SHORTEST WALK on the first 20 pairs, and one many-to-one query.
    if (wants(queries, "pattern")) {
      graph::PathAutomaton plus;
      plus.state_count = 2;
      plus.accepting = {false, true};
      auto predicates = std::get<graph::PredicateSet>(filter.selector).predicates;
      std::ranges::sort(predicates);
      plus.transitions.push_back({0, 1, predicates, false, graph::Direction::Forward});
      plus.transitions.push_back({1, 1, predicates, false, graph::Direction::Forward});
      auto pattern_row = [&](const std::string& name, const std::vector<graph::PathQuery>& list,
                             std::size_t limit) {
        Row row{name, "path pattern (store scans)", {}, 0, 0, 0, 0};
        for (const auto& q : list) {
          if (row.runs == limit) break;
          graph::PathPatternQuery pq;
          pq.sources = q.sources;
          pq.targets = q.targets;
          pq.selector = graph::PathSelector::AnyShortest;
          pq.limits = q.limits;
          auto start = Clock::now();
          graph::PathResult result = graph::find_pattern_paths(source, plus, pq);
          row.add(ms_since(start), result);
        }
        print(row);
      };
      pattern_row("single-pair ANY SHORTEST WALK", single, 20);
      pattern_row(fmt::format("many-to-one ANY SHORTEST WALK, {} sources", sources_per_run), many,
                  1);
    }

    // Whole-graph work: the nodes reachable from one node (SPARQL `+`), once per model.
    TermId start_node = reach_from.empty() ? random_node() : id(base + reach_from);
    for (bool implicit : model_list) {
      if (!wants(queries, "reach")) break;
      auto start = Clock::now();
      std::unique_ptr<graph::StoreGraph> fresh;
      graph::SearchGraph* g = snapshot.get();
      if (implicit) {
        fresh = std::make_unique<graph::StoreGraph>(source, filter);
        g = fresh.get();
      }
      std::vector<TermId> from{start_node};
      std::uint64_t expansions_before = g->expansions();
      auto reached = graph::reachable(*g, from);
      fmt::print("| reachable set (p+) | {} | 1 | {:.2f} | - | {} nodes | {} | 0 |\n",
                 implicit ? "implicit (store scans)" : "CSR snapshot", ms_since(start),
                 reached.size(), g->expansions() - expansions_before);
    }
  } catch (const Error& e) {
    fmt::print(stderr, "bench_paths: {}\n", e.what());
    return exit_code_for(e.kind());
  }
  return 0;
}
