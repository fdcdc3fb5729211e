#pragma once
// Loading RDF documents into the store: one atomic write transaction for a whole import,
// bulk-sorted index writes, blank nodes scoped per source document.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wsiskg/import/format.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::import {

struct ImportProgress {
  std::uint64_t statements = 0;
  std::uint64_t bytes_read = 0;
  double seconds = 0;
};

struct ImportOptions {
  std::optional<Format> format;  // default: per file, from its name
  // Load default-graph statements into this named graph (an absolute IRI) instead of the
  // default graph. Statements that name their graph (N-Quads, TriG) keep it.
  std::optional<std::string> graph;
  std::optional<std::string> base;  // base IRI; default: each file's URI
  bool lenient = false;             // skip bad statements instead of failing the import
  std::function<void(const ImportProgress&)> on_progress;  // called a few times per second
  std::function<void(const Error&)> on_skipped;            // lenient mode: each skipped statement
  // Polled between batches and just before the commit: when it returns true the import stops,
  // nothing is written, and an Error of kind Cancelled carrying its message propagates.
  std::function<std::optional<std::string>()> cancelled;
};

struct ImportReport {
  std::uint64_t statements_read = 0;
  std::uint64_t added = 0;
  std::uint64_t duplicates = 0;  // already stored, or repeated in the input
  std::uint64_t skipped = 0;     // lenient mode: errors reported (one per statement left out)
  std::uint64_t bytes_read = 0;
  double seconds = 0;
};

// Imports every file in one write transaction: on any error nothing is written and the
// wsiskg::Error propagates. Blank node labels are scoped per source: a file's `_:b0` is the
// same node each time that file (by absolute path) is imported, and differs from another
// file's `_:b0`; standard input gets a fresh scope every time.
ImportReport import_files(store::Store& store, std::span<const std::string> files,
                          const ImportOptions& options);

}  // namespace wsiskg::import
