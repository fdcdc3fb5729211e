#pragma once
// Helpers for the import tests: a scratch directory, file writers, and a statement collector.

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "wsiskg/import/parser.hpp"
#include "wsiskg/rdf/term.hpp"

namespace wsiskg::import::testing {

inline std::filesystem::path data_dir() {
  return WSISKG_IMPORT_TEST_DATA;
}
inline std::string data_file(std::string_view name) {
  return (data_dir() / name).string();
}

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("wsiskg-import-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string write_file(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string write_gz(const std::string& path, std::string_view text) {
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  return path;
}

// Collects statements as owned quads, plus prefixes and lenient-mode errors.
struct Collected {
  std::vector<rdf::Quad> quads;
  std::vector<std::pair<std::string, std::string>> prefixes;
  std::vector<Error> errors;

  ParseCallbacks callbacks() {
    ParseCallbacks cb;
    cb.on_statement = [this](const StatementView& s) {
      rdf::Quad quad{s.subject.to_term(), s.predicate.to_term(), s.object.to_term(), {}};
      if (s.graph) quad.graph = s.graph->to_term();
      quads.push_back(std::move(quad));
    };
    cb.on_prefix = [this](std::string_view prefix, std::string_view iri) {
      prefixes.emplace_back(prefix, iri);
    };
    cb.on_error = [this](const Error& e) { errors.push_back(e); };
    return cb;
  }
};

}  // namespace wsiskg::import::testing
