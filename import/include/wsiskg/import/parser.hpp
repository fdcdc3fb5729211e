#pragma once
// Streaming RDF parsers: serd for N-Triples, N-Quads, Turtle and TriG; raptor2 for RDF/XML.
// Inputs ending in .gz are decompressed on the fly; "-" reads standard input.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "wsiskg/import/format.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/rdf/term.hpp"

namespace wsiskg::import {

// One parsed statement, as views valid only during the callback. `graph` is empty for the
// default graph. Blank node labels are as written in the document (the caller scopes them).
struct StatementView {
  rdf::TermRef subject;
  rdf::TermRef predicate;
  rdf::TermRef object;
  std::optional<rdf::TermRef> graph;
};

struct ParseOptions {
  std::optional<Format> format;     // default: from the file name
  std::optional<std::string> base;  // default: the file's URI
  // Lenient: a bad statement is reported to on_error and skipped, and parsing goes on at the
  // next statement. Strict (default): the first error throws wsiskg::Error(BadData) with the
  // position.
  bool lenient = false;
};

struct ParseCallbacks {
  std::function<void(const StatementView&)> on_statement;
  std::function<void(std::string_view prefix, std::string_view iri)> on_prefix;  // optional
  std::function<void(const Error&)> on_error;            // lenient mode: each skipped error
  std::function<void(std::uint64_t bytes_read)> on_progress;  // optional, called now and then
};

// Parses one file ("-" for stdin). Throws wsiskg::Error: MissingInput when the file cannot be
// opened, BadData with file:line:column for syntax errors (strict mode), Io for read errors
// (including a truncated gzip stream).
void parse_file(const std::string& path, const ParseOptions& options,
                const ParseCallbacks& callbacks);

// Parses a document held in memory; `source_name` is used in error positions.
void parse_string(std::string_view text, Format format, const std::string& source_name,
                  const ParseOptions& options, const ParseCallbacks& callbacks);

}  // namespace wsiskg::import
