#pragma once
// A single self-overwriting status line on stderr, shown only when stderr is a terminal.

#include <chrono>
#include <string_view>

namespace wsiskg::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void show(std::string_view text);  // replaces the current line
  void clear();                      // erases it, before normal output

  static bool stderr_is_terminal();

 private:
  bool enabled_;
  bool visible_ = false;
};

std::string format_count(std::uint64_t n);   // 1234567 -> "1,234,567"
std::string format_rate(double per_second);  // 1234567 -> "1.23M"
std::string format_bytes(std::uint64_t bytes);

}  // namespace wsiskg::cli
