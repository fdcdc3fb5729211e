#pragma once
// A fresh directory under the system temp dir for one test, removed on destruction; shared by
// the end-to-end (cli) and reliability tests.

#include <filesystem>

namespace wsiskg::testing {

class TempDirectory {
 public:
  // Readable and traversable by other users (reliability cases run some commands as `nobody`).
  TempDirectory();
  // Removes everything, also what a test made read-only.
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace wsiskg::testing
