// wsiskg: an offline knowledge graph of the WSIS process.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <new>

#include "cli_context.hpp"
#include "large_stack.hpp"
#include "wsiskg/rdf/error.hpp"

namespace {

constexpr int kExitUsage = 64;
constexpr int kExitSoftware = 70;

}  // namespace

int main(int argc, char** argv) {
  using namespace wsiskg;
  cli::CliContext ctx;

  CLI::App app{"wsiskg — an offline knowledge graph of the WSIS process (RDF store, SPARQL, paths)",
               "wsiskg"};
  app.set_version_flag("--version", fmt::format("wsiskg {}", WSISKG_VERSION));
  // Global options may stand before or after the subcommand.
  app.fallthrough();
  app.require_subcommand(1);
  app.add_option("--store", ctx.store_directory,
                 fmt::format("Store directory (default: ./{}; environment: {})",
                             cli::kDefaultStoreDirectory, cli::kStoreEnvironmentVariable))
      ->envname(cli::kStoreEnvironmentVariable);
  app.add_flag("-q,--quiet", ctx.quiet, "No progress or summary lines");
  app.add_option(
         "--lock-timeout", ctx.lock_timeout_seconds,
         fmt::format("Seconds a writer waits for another writer to finish (environment: {})",
                     cli::kLockTimeoutEnvironmentVariable))
      ->envname(cli::kLockTimeoutEnvironmentVariable)
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.footer(
      "Exit status: 0 ok, 64 usage error, 65 bad data, 66 missing input, 74 I/O or store error,\n"
      "75 cancelled (timeout, memory limit, interrupted import).\n"
      "Run 'wsiskg COMMAND --help' for a command's options.");

  cli::add_import_command(app, ctx);
  cli::add_export_command(app, ctx);
  cli::add_stats_command(app, ctx);
  cli::add_clear_command(app, ctx);
  cli::add_path_command(app, ctx);
  cli::add_query_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  try {
    return ctx.action ? cli::run_on_large_stack(ctx.action) : kExitUsage;
  } catch (const Error& e) {
    std::fflush(stdout);
    fmt::print(stderr, "wsiskg: error: {}\n", e.what());
    return exit_code_for(e.kind());
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "wsiskg: error: out of memory\n");
    return kExitSoftware;
  } catch (const std::exception& e) {
    fmt::print(stderr, "wsiskg: internal error: {}\n", e.what());
    return kExitSoftware;
  }
}
