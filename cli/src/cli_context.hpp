#pragma once
// What every subcommand shares: where the store is, how chatty to be, and the one action the
// command line selected (run after parsing, so parse errors never half-run a command).

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <string>

#include "wsiskg/store/store.hpp"

namespace wsiskg::cli {

inline constexpr const char* kDefaultStoreDirectory = "wsiskg.db";
inline constexpr const char* kStoreEnvironmentVariable = "WSISKG_STORE";
inline constexpr const char* kLockTimeoutEnvironmentVariable = "WSISKG_LOCK_TIMEOUT";

struct CliContext {
  std::string store_directory = kDefaultStoreDirectory;  // --store, else $WSISKG_STORE
  bool quiet = false;
  double lock_timeout_seconds = 30;  // --lock-timeout, else $WSISKG_LOCK_TIMEOUT: writer wait
  std::function<int()> action;       // set by the chosen subcommand

  // Opens the store for reading. A missing store is an error that says how to make one.
  store::Store open_for_reading() const;
  // Opens the store for writing; creates it unless `must_exist`.
  store::Store open_for_writing(bool must_exist = false) const;
};

// Each subcommand registers itself on the app and sets ctx.action when selected.
void add_import_command(CLI::App& app, CliContext& ctx);
void add_export_command(CLI::App& app, CliContext& ctx);
void add_stats_command(CLI::App& app, CliContext& ctx);
void add_clear_command(CLI::App& app, CliContext& ctx);
void add_path_command(CLI::App& app, CliContext& ctx);
void add_query_command(CLI::App& app, CliContext& ctx);

}  // namespace wsiskg::cli
