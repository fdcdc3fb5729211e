#pragma once
// Expected query results as plain values, read from the W3C test files (.srx, .srj, .tsv, .csv,
// and rs:ResultSet graphs in .ttl/.rdf), and compared with what the engine produced.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::conformance::sparql {

using Row = std::vector<std::optional<rdf::Term>>;

struct ResultSet {
  enum class Kind { Solutions, Boolean, Graph };
  Kind kind = Kind::Solutions;
  std::vector<std::string> variables;  // Solutions: names without '?'
  std::vector<Row> rows;               // Solutions: one value per variable (nullopt = unbound)
  bool boolean = false;                // Boolean
  std::vector<rdf::Quad> triples;      // Graph (graph member empty)
};

// Parsers; each throws wsiskg::Error(BadData) with the file name on malformed input.
ResultSet parse_srx(std::string_view text, const std::string& source);
ResultSet parse_srj(std::string_view text, const std::string& source);
ResultSet parse_tsv(std::string_view text, const std::string& source);
// CSV keeps no types: IRIs and literals both come back as simple literals, "_:x" as blank nodes.
// Compare it with the engine's CSV output read the same way (parse_csv of the CSV writer's text).
ResultSet parse_csv(std::string_view text, const std::string& source);
// An RDF graph: an rs:ResultSet description (solutions, ordered by rs:index when given, or
// rs:boolean) when it has one, else the graph itself (Kind::Graph).
ResultSet result_set_from_graph(std::span<const rdf::Quad> triples);

// Reads any of the above by the file extension (.srx .srj .tsv .csv .ttl .nt .rdf).
ResultSet read_result_file(const std::filesystem::path& file);

struct CompareOptions {
  // Each group lists expected-row indexes whose relative order is free (ORDER BY ties); rows of
  // the actual sequence must come group by group. Empty: order does not matter at all.
  std::vector<std::size_t> ordered_group_ends;  // exclusive end index of each group, ascending
  bool lax_cardinality = false;                 // REDUCED: duplicates may be dropped
};

// nullopt when equal: same variables (as a set), and rows equal as a multiset (or sequence of
// tie groups) up to one consistent blank-node bijection over the whole result. Otherwise a
// message naming the missing and unexpected rows.
std::optional<std::string> compare_results(const ResultSet& actual, const ResultSet& expected,
                                           const CompareOptions& options);

// Splits expected rows into ORDER BY tie groups: consecutive rows with equal values for all of
// `key_variables` form one group. Returns the exclusive end of each group.
std::vector<std::size_t> tie_groups(const ResultSet& expected,
                                    std::span<const std::string> key_variables);

std::string format_row(const ResultSet& set, const Row& row);

}  // namespace wsiskg::conformance::sparql
