#pragma once
// Query results, streamed: the executor pushes solutions, booleans or triples into a ResultSink;
// writers turn them into the W3C result formats, RDF syntaxes, or a table for people.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wsiskg/rdf/prefix_map.hpp"
#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query {

// One solution: a value (or nullopt = unbound) per variable, in the order given to begin().
using SolutionRow = std::span<const std::optional<rdf::Term>>;

class ResultSink {
 public:
  virtual ~ResultSink() = default;

  // SELECT: variable names without '?'.
  virtual void begin_solutions(std::span<const std::string> variables) = 0;
  virtual void solution(SolutionRow row) = 0;
  virtual void end_solutions() = 0;

  // ASK.
  virtual void boolean(bool value) = 0;

  // CONSTRUCT / DESCRIBE: triples (quad.graph is empty). Blank nodes carry valid labels.
  virtual void begin_graph() = 0;
  virtual void triple(const rdf::Quad& triple) = 0;
  virtual void end_graph() = 0;
};

enum class ResultFormat {
  Table,     // aligned columns for people, prefixed names, a row-count footer
  Csv,       // SPARQL 1.1 Query Results CSV (CRLF line ends)
  Tsv,       // SPARQL 1.1 Query Results TSV
  Json,      // SPARQL 1.1 Query Results JSON
  Xml,       // SPARQL Query Results XML
  NTriples,  // CONSTRUCT / DESCRIBE
  Turtle,    // CONSTRUCT / DESCRIBE
};

// "table", "csv", "tsv", "json", "xml", "nt"/"ntriples", "ttl"/"turtle".
std::optional<ResultFormat> result_format_from_name(std::string_view name);

struct ResultWriterOptions {
  rdf::PrefixMap prefixes = rdf::PrefixMap();  // Table and Turtle abbreviate with these
};

// A sink writing `format` to `out`. SELECT/ASK results given to a graph format, or triples given
// to a solution format, are a wsiskg::Error(Usage) naming both.
std::unique_ptr<ResultSink> make_result_writer(ResultFormat format, std::FILE* out,
                                               ResultWriterOptions options = {});

// Collects everything in memory (tests, the conformance runner).
class CollectingSink final : public ResultSink {
 public:
  enum class Kind { None, Solutions, Boolean, Graph };
  Kind kind = Kind::None;
  std::vector<std::string> variables;
  std::vector<std::vector<std::optional<rdf::Term>>> rows;
  bool boolean_value = false;
  std::vector<rdf::Quad> triples;

  void begin_solutions(std::span<const std::string> vars) override {
    kind = Kind::Solutions;
    variables.assign(vars.begin(), vars.end());
  }
  void solution(SolutionRow row) override { rows.emplace_back(row.begin(), row.end()); }
  void end_solutions() override {}
  void boolean(bool value) override {
    kind = Kind::Boolean;
    boolean_value = value;
  }
  void begin_graph() override { kind = Kind::Graph; }
  void triple(const rdf::Quad& t) override { triples.push_back(t); }
  void end_graph() override {}
};

}  // namespace wsiskg::query
