// wsiskg clear — remove one graph or everything, in one transaction.

#include <fmt/format.h>

#include "cli_context.hpp"
#include "graph_argument.hpp"
#include "progress_line.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

struct ClearArguments {
  std::string graph;
  bool all = false;
};

int run_clear(const CliContext& ctx, const ClearArguments& args) {
  if (args.all == !args.graph.empty()) {
    throw Error(ErrorKind::Usage, "say what to clear: --graph IRI (or 'default'), or --all");
  }
  store::Store store = ctx.open_for_writing(/*must_exist=*/true);
  store::WriteTransaction txn = store.begin_write();
  std::uint64_t removed =
      args.all ? txn.clear_all() : txn.clear_graph(resolve_graph(txn, args.graph));
  txn.commit();
  if (!ctx.quiet) fmt::print(stderr, "removed {} statements\n", format_count(removed));
  return 0;
}

}  // namespace

void add_clear_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ClearArguments>();
  CLI::App* cmd = app.add_subcommand("clear", "Remove all statements of one graph, or of the "
                                              "whole store");
  cmd->add_option("--graph", args->graph, "The graph to empty: an IRI, or 'default'");
  cmd->add_flag("--all", args->all, "Remove every statement in every graph");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_clear(ctx, *args); }; });
}

}  // namespace wsiskg::cli
