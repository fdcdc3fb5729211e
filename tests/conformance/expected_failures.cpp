#include "expected_failures.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::conformance {
namespace {

std::string_view trim(std::string_view s) {
  const char* space = " \t\r";
  auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(space);
  return s.substr(first, last - first + 1);
}

}  // namespace

ExpectedFailures ExpectedFailures::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::MissingInput, fmt::format("cannot read {}", file.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

ExpectedFailures ExpectedFailures::parse(std::string_view text, const std::string& source_name) {
  ExpectedFailures list;
  std::uint64_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    auto end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    // The key is the first word (test IRIs contain '#', so the comment must follow a space).
    auto key_end = line.find_first_of(" \t");
    std::string_view key = line.substr(0, key_end);
    std::string_view rest = key_end == std::string_view::npos ? "" : trim(line.substr(key_end));
    SourcePosition position{source_name, line_number, 1};
    if (rest.empty() || rest.front() != '#' || trim(rest.substr(1)).empty()) {
      throw Error(ErrorKind::BadData, position,
                  fmt::format("entry '{}' needs a reason: `name  # why it fails`", key));
    }
    if (!list.entries_.emplace(std::string(key), std::string(trim(rest.substr(1)))).second) {
      throw Error(ErrorKind::BadData, position, fmt::format("'{}' is listed twice", key));
    }
  }
  return list;
}

std::optional<std::string> ExpectedFailures::reason(std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

}  // namespace wsiskg::conformance
