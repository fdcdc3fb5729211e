#pragma once
// A fresh directory under the system temp dir, removed with everything in it on destruction.

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::conformance {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "wsiskg-conformance-") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorKind::Io, "cannot create a temporary directory from " + pattern);
    }
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;  // best effort: a leftover temp dir must not abort the run
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace wsiskg::conformance
