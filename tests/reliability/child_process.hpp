#pragma once
// Child processes for the reliability tests: the real `wsiskg` binary started with posix_spawn
// (so a test knows its pid and can signal it), output captured in files, peak RSS from wait4.

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "temp_directory.hpp"

namespace wsiskg::reliability {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed on destruction.
using testing::TempDirectory;

std::string read_file(const fs::path& path);
void write_file(const fs::path& path, const std::string& content);
// Copies a store directory's files (data.mdb, lock.mdb, writer.lock) into a fresh `to`.
void copy_store(const fs::path& from, const fs::path& to);

struct ProcessResult {
  int exit_code = -1;  // exit status, or -1 when killed by a signal
  int signal = 0;      // the terminating signal, or 0
  std::string out;
  std::string err;
  std::int64_t max_rss_kib = 0;
  double seconds = 0;
};

struct SpawnOptions {
  fs::path working_directory;              // default: inherit
  std::map<std::string, std::string> env;  // added to (overriding) the test's environment
  std::optional<fs::path> stdin_file;      // default: /dev/null
  bool as_unprivileged_user = false;       // when running as root: setuid(nobody) first
};

// One running child. Its stdout and stderr go to files in a private temp directory.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const SpawnOptions& options = {});
  ~ChildProcess();  // kills (SIGKILL) and reaps a child still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void send(int signal) const;
  // Non-blocking: true once the child has exited (it is then reaped).
  bool finished();
  ProcessResult wait();
  // Bytes the child has passed to write(2)-like calls so far (/proc/PID/io "wchar"); nullopt
  // when the child has exited or the kernel hides the file.
  std::optional<std::uint64_t> bytes_written() const;
  double elapsed_seconds() const;

 private:
  void reaped(int status, const ::rusage& usage);

  pid_t pid_ = -1;
  TempDirectory io_;
  std::chrono::steady_clock::time_point start_;
  std::optional<ProcessResult> result_;
};

// Runs a command to completion.
ProcessResult run(const std::vector<std::string>& argv, const SpawnOptions& options = {});

// The built binary, a store directory, and shorthands for the commands the tests repeat.
class Wsiskg {
 public:
  explicit Wsiskg(fs::path store) : store_(std::move(store)) {}
  static const std::string& binary();

  std::vector<std::string> argv(const std::vector<std::string>& args) const;
  ProcessResult run(const std::vector<std::string>& args, const SpawnOptions& options = {}) const;
  // `export --format nq` to stdout; fails the current test when it does not exit 0.
  std::string export_all() const;
  const fs::path& store() const { return store_; }

 private:
  fs::path store_;
};

// A cheap, order-sensitive fingerprint of a text (FNV-1a, 64 bits) printed in hex.
std::string fingerprint(const std::string& text);

// Prints a figure for the README table, recognisable in `ctest -V` output.
void print_figure(const std::string& what, const std::string& value);

}  // namespace wsiskg::reliability
