#pragma once
// Streaming RDF parsers: serd for N-Triples, N-Quads, Turtle and TriG; raptor2 for RDF/XML.
// Inputs ending in .gz are decompressed on the fly; "-" reads standard input.
//
// Error positions: lines are 1-based; the column is serd's: the 1-based byte column of the
// last byte serd read on that line, which is the offending byte (a bad IRI character) or the
// one just before it (an unexpected token). RDF/XML errors carry the line only (column 0:
// raptor does not track columns). Errors found after serd has read a statement (an undefined
// prefix, a \uD800-\uDFFF escape) carry serd's cursor at that moment: the last byte of the
// statement's final term, or the delimiter just after it.
//
// Lenient mode re-reads with serd in strict mode, so it rejects everything strict mode rejects
// (serd's own lax mode would keep statements with bad IRIs). A failing statement is dropped
// whole (Turtle: the whole `s p o ; p o .` block, even the triples serd had already emitted),
// its first error goes to on_error, and parsing resumes at the start of the next line with the
// same prefixes and base. A Turtle statement that spans lines and fails early may therefore
// cause follow-on errors on its remaining lines; each is reported. RDF/XML lenient mode
// reports raptor's errors and continues where raptor can; after a fatal XML error it stops.
//
// Blank nodes: serd names anonymous nodes ([] and lists) b1, b2, ... and, to keep them apart,
// renames document labels of the form b<digits> to B<digits> (Turtle and TriG only); a Turtle
// document using both _:b1 and _:B1 is rejected by serd. Labels are only meaningful within one
// document anyway (the importer scopes them).

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
  std::function<void(const Error&)> on_error;                 // lenient mode: each skipped error
  std::function<void(std::uint64_t bytes_read)> on_progress;  // optional, called now and then
};

// Parses one file ("-" for stdin). Throws wsiskg::Error: MissingInput when the file cannot be
// opened or is a directory, Usage when the format is not given and the file name does not tell
// it, BadData with file:line:column for syntax errors (strict mode) and for a gzip stream cut
// short (where its text stops), BadData for corrupt gzip data, Io for read errors. An exception
// thrown by a callback stops the parse and propagates unchanged. The default base IRI is the
// file's absolute file:// URI (standard input: the working directory).
void parse_file(const std::string& path, const ParseOptions& options,
                const ParseCallbacks& callbacks);

// Parses a document held in memory; `source_name` is used in error positions.
void parse_string(std::string_view text, Format format, const std::string& source_name,
                  const ParseOptions& options, const ParseCallbacks& callbacks);

}  // namespace wsiskg::import
