// Measures a whole import: `import_bench STORE_DIR FILE...` imports the files into the store
// (created if missing) and prints the report. Run under /usr/bin/time -v for peak memory.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "wsiskg/import/importer.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s STORE_DIR FILE...\n", argv[0]);
    return 64;
  }
  try {
    auto store = wsiskg::store::Store::open(argv[1]);
    std::vector<std::string> files(argv + 2, argv + argc);
    wsiskg::import::ImportOptions options;
    options.on_progress = [](const wsiskg::import::ImportProgress& p) {
      std::fprintf(stderr, "\r%llu statements, %.1f MB, %.1f s",
                   static_cast<unsigned long long>(p.statements),
                   static_cast<double>(p.bytes_read) / 1e6, p.seconds);
    };
    const auto r = wsiskg::import::import_files(store, files, options);
    std::fprintf(stderr, "\n");
    std::printf(
        "read %llu, added %llu, duplicates %llu, skipped %llu, %llu bytes, %.3f s, "
        "%.0f statements/s\n",
        static_cast<unsigned long long>(r.statements_read),
        static_cast<unsigned long long>(r.added), static_cast<unsigned long long>(r.duplicates),
        static_cast<unsigned long long>(r.skipped), static_cast<unsigned long long>(r.bytes_read),
        r.seconds, static_cast<double>(r.statements_read) / r.seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
