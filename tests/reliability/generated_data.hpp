#pragma once
// N-Triples made at test time (large inputs are never committed): seeded, so every run of a
// test sees the same bytes.

#include <cstdint>
#include <filesystem>
#include <string>

namespace wsiskg::reliability {

struct GeneratedTriples {
  std::string name;         // subjects are <http://example.org/NAME/s/N>
  std::uint64_t count = 0;  // statements, all distinct
  std::uint64_t seed = 1;
  // Statements of the ones written use predicate <http://example.org/p/NAME>; the rest spread
  // over a few shared predicates (IRIs, language-tagged, typed and integer literals, blank nodes).
  std::uint64_t own_predicate_every = 0;  // 0: none
};

// Writes the triples as N-Triples; returns how many used the file's own predicate.
std::uint64_t write_ntriples(const std::filesystem::path& path, const GeneratedTriples& spec);

}  // namespace wsiskg::reliability
