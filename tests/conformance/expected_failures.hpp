#pragma once
// The list of conformance tests known to fail, each with its reason. The runner treats the list
// as exact: an unlisted failure fails, and so does a listed test that passes.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace wsiskg::conformance {

class ExpectedFailures {
 public:
  ExpectedFailures() = default;

  // Format, one entry per line: `<test IRI or name>  # reason`. Blank lines and lines starting
  // with '#' are ignored. The reason is required. Throws wsiskg::Error(BadData) on a malformed
  // line or a duplicate entry, MissingInput when the file cannot be read.
  static ExpectedFailures load(const std::filesystem::path& file);
  static ExpectedFailures parse(std::string_view text, const std::string& source_name);

  // The reason when `key` is listed.
  std::optional<std::string> reason(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }

 private:
  std::map<std::string, std::string, std::less<>> entries_;  // key -> reason
};

}  // namespace wsiskg::conformance
