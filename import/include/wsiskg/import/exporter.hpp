#pragma once
// Writing quads out through serd's writer (N-Triples, N-Quads, Turtle, TriG).

#include <cstdio>
#include <optional>
#include <span>

#include "wsiskg/import/format.hpp"
#include "wsiskg/rdf/term.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::import {

struct ExportOptions {
  Format format = Format::NQuads;
  // Only this graph (a named graph's id or store::kDefaultGraph); nullopt exports everything.
  // Triple formats (nt, ttl) given several graphs write every statement without its graph.
  std::optional<store::TermId> graph;
  bool use_store_prefixes = true;  // Turtle/TriG: abbreviate with the store's prefixes
};

// Returns the number of statements written. Throws wsiskg::Error(Io) on write failure.
std::uint64_t export_store(const store::ReadTransaction& txn, std::FILE* out,
                           const ExportOptions& options);

// Writes quads held in memory (CONSTRUCT results, tests).
void write_quads(std::span<const rdf::Quad> quads, Format format, std::FILE* out);

}  // namespace wsiskg::import
