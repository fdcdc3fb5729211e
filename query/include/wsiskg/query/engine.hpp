#pragma once
// Running a SPARQL query against a store snapshot: parse -> algebra -> optimize -> execute ->
// stream results into a ResultSink.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wsiskg/query/ast.hpp"
#include "wsiskg/query/results.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::query {

// What the query's default graph is when the query has no FROM clause.
enum class DefaultGraph {
  Store,  // the store's default graph (SPARQL's standard meaning; the W3C tests use this)
  Union,  // the RDF merge of the default graph and every named graph
};

struct QueryOptions {
  DefaultGraph default_graph = DefaultGraph::Store;
  std::string base_iri;                  // for relative IRIs in the query
  std::chrono::milliseconds timeout{0};  // 0: none. Exceeded -> Error(Cancelled)
  std::uint64_t memory_limit_bytes = 0;  // 0: none. Exceeded -> Error(Cancelled)
  // Let the query use the store's prefixes (from imported files) and the well-known ones
  // (rdf, rdfs, xsd, owl, skos, dcterms) without declaring them; its own PREFIX lines win.
  bool predeclared_prefixes = false;
};

struct ExecutionSummary {
  std::uint64_t rows = 0;  // solutions, triples, or 1 for ASK
  double parse_ms = 0, plan_ms = 0, execute_ms = 0;
};

// Parses, plans and runs `text`. Errors are wsiskg::Error: BadData (syntax, with line:column),
// Cancelled (timeout / memory guard). The store is only read.
ExecutionSummary execute_query(const store::ReadTransaction& txn, std::string_view text,
                               const QueryOptions& options, ResultSink& sink);

// Parses `text` as execute_query does (with the store's prefixes when the options say so).
Query parse_for_store(const store::ReadTransaction& txn, std::string_view text,
                      const QueryOptions& options);

enum class ExplainMode { Plan, Analyze };
// The physical plan as an indented tree with estimated rows per operator; Analyze also runs the
// query (discarding results) and adds actual rows and time per operator.
std::string explain_query(const store::ReadTransaction& txn, std::string_view text,
                          const QueryOptions& options, ExplainMode mode);

}  // namespace wsiskg::query
