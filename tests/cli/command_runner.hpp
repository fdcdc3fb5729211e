#pragma once
// Runs a command line through /bin/sh and captures what a user would see.

#include <filesystem>
#include <string>
#include <vector>

namespace wsiskg::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Quotes one argument for /bin/sh.
std::string shell_quote(const std::string& argument);

// Runs `command` (already shell-quoted) in `directory` with `stdin_text` on standard input.
CommandResult run_shell(const std::string& command, const std::filesystem::path& directory,
                        const std::string& stdin_text = {});

// A fresh directory under the system temp dir, removed on destruction.
class TempDirectory {
 public:
  TempDirectory();
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

}  // namespace wsiskg::testing
