// wsiskg stats — what the store holds.

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>

#include "cli_context.hpp"
#include "progress_line.hpp"
#include "term_display.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

struct StatsArguments {
  std::size_t top = 10;
};

// Warn from this fill level on. The store doubles its map before a write once more than half is
// used, but one transaction cannot grow it: an import larger than the free part fails.
constexpr double kMapWarningFraction = 0.8;

void warn_if_map_nearly_full(const store::StoreStatistics& stats) {
  if (stats.map_bytes == 0) return;
  double fraction = static_cast<double>(stats.used_bytes) / static_cast<double>(stats.map_bytes);
  if (fraction < kMapWarningFraction) return;
  // Past half full, so the next write transaction doubles the map first.
  std::uint64_t grown = 2 * stats.map_bytes;
  std::uint64_t free = grown > stats.used_bytes ? grown - stats.used_bytes : 0;
  std::fflush(stdout);
  fmt::print(stderr,
             "wsiskg: warning: the store's map is {:.0f}% full ({} of {}). The next write doubles "
             "it to {}; a single import needing more than the {} then free fails with 'map "
             "full'. Set WSISKG_MAP_SIZE (bytes) to reserve more.\n",
             100.0 * fraction, format_bytes(stats.used_bytes), format_bytes(stats.map_bytes),
             format_bytes(grown), format_bytes(free));
}

int run_stats(const CliContext& ctx, const StatsArguments& args) {
  store::Store store = ctx.open_for_reading();
  store::ReadTransaction txn = store.begin_read();
  store::StoreStatistics stats = txn.statistics();
  TermDisplay display(txn.prefixes());

  double bytes_per_statement =
      stats.quads > 0 ? static_cast<double>(stats.disk_bytes) / static_cast<double>(stats.quads)
                      : 0;
  fmt::print("store          {}\n", store.directory().string());
  fmt::print("statements     {}\n", format_count(stats.quads));
  fmt::print("  default graph {}\n", format_count(stats.default_graph_quads));
  fmt::print("  named graphs  {} in {} graphs\n",
             format_count(stats.quads - stats.default_graph_quads),
             format_count(stats.named_graphs));
  fmt::print("distinct terms {}\n", format_count(stats.dictionary_terms));
  fmt::print("size on disk   {} ({:.0f} bytes/statement; map {}, {:.0f}% used)\n",
             format_bytes(stats.disk_bytes), bytes_per_statement, format_bytes(stats.map_bytes),
             stats.map_bytes > 0 ? 100.0 * static_cast<double>(stats.used_bytes) /
                                       static_cast<double>(stats.map_bytes)
                                 : 0.0);
  warn_if_map_nearly_full(stats);

  auto predicates = txn.all_predicate_statistics();
  if (!predicates.empty()) {
    fmt::print("top predicates\n");
    fmt::print("  {:>12}  {:>10}  {:>10}  {}\n", "statements", "subjects", "objects", "predicate");
    for (std::size_t i = 0; i < predicates.size() && i < args.top; ++i) {
      const auto& p = predicates[i];
      fmt::print("  {:>12}  {:>10}  {:>10}  {}\n", format_count(p.quads),
                 format_count(p.distinct_subjects), format_count(p.distinct_objects),
                 display.show(txn.decode(p.predicate)));
    }
    if (predicates.size() > args.top) {
      fmt::print("  … and {} more predicates\n", predicates.size() - args.top);
    }
  }
  auto graphs = txn.named_graphs();
  if (!graphs.empty()) {
    fmt::print("graphs\n");
    for (store::TermId graph : graphs) {
      store::QuadPattern pattern;
      pattern.graph = graph;
      fmt::print("  {:>12}  {}\n", format_count(txn.count(pattern)),
                 display.show(txn.decode(graph)));
    }
  }
  return 0;
}

}  // namespace

void add_stats_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<StatsArguments>();
  CLI::App* cmd = app.add_subcommand("stats", "Show what the store holds: statements, terms, "
                                              "graphs, top predicates, size on disk");
  cmd->add_option("--top", args->top, "How many predicates to list")->capture_default_str();
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_stats(ctx, *args); }; });
}

}  // namespace wsiskg::cli
