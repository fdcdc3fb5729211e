// Measures parse speed: `import_parse_bench FILE [FORMAT [lenient]]` parses with an empty statement
// callback and prints statements, seconds and statements per second.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string_view>

#include "wsiskg/import/parser.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [FORMAT [lenient]]\n", argv[0]);
    return 64;
  }
  wsiskg::import::ParseOptions options;
  if (argc > 2) options.format = wsiskg::import::format_from_name(argv[2]);
  options.lenient = argc > 3 && std::string_view(argv[3]) == "lenient";
  std::uint64_t statements = 0;
  std::uint64_t bytes = 0;
  wsiskg::import::ParseCallbacks callbacks;
  callbacks.on_statement = [&](const wsiskg::import::StatementView&) { ++statements; };
  callbacks.on_progress = [&](std::uint64_t b) { bytes = b; };
  const auto start = std::chrono::steady_clock::now();
  try {
    wsiskg::import::parse_file(argv[1], options, callbacks);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 65;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu statements, %llu bytes, %.3f s, %.0f statements/s\n",
              static_cast<unsigned long long>(statements), static_cast<unsigned long long>(bytes),
              seconds, static_cast<double>(statements) / seconds);
  return 0;
}
