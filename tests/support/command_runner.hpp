#pragma once
// Runs a command line through /bin/sh and captures what a user would see.

#include <filesystem>
#include <string>
#include <vector>

#include "temp_directory.hpp"

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

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

}  // namespace wsiskg::testing
