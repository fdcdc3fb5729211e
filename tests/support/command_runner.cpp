#include "command_runner.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace wsiskg::testing {

std::string shell_quote(const std::string& argument) {
  std::string quoted = "'";
  for (char c : argument) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += "'";
  return quoted;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

CommandResult run_shell(const std::string& command, const std::filesystem::path& directory,
                        const std::string& stdin_text) {
  TempDirectory io;
  auto in = io.path() / "stdin";
  auto out = io.path() / "stdout";
  auto err = io.path() / "stderr";
  write_file(in, stdin_text);
  std::string full = "cd " + shell_quote(directory.string()) + " && " + command + " <" +
                     shell_quote(in.string()) + " >" + shell_quote(out.string()) + " 2>" +
                     shell_quote(err.string());
  int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

}  // namespace wsiskg::testing
