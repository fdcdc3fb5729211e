#pragma once
// What each RDF 1.1 syntax test checks, through our parser and through the store.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "manifest.hpp"
#include "wsiskg/rdf/term.hpp"

namespace wsiskg::conformance {

// One test with its files resolved to the local copy of the suite.
struct RdfCase {
  std::string suite;  // "ntriples", "nquads", "turtle", "trig"
  ManifestTest test;
  std::filesystem::path action;
  std::optional<std::filesystem::path> result;
  std::string action_base;  // base IRI for the action: mf:assumedTestBase + file name
};

// Parses a file strictly (format from its extension) and collects its quads.
std::vector<rdf::Quad> parse_quads(const std::filesystem::path& file, const std::string& base);

// The W3C test itself: positive syntax must parse, negative syntax must be rejected with
// ErrorKind::BadData, evaluation must give a dataset isomorphic to the expected result.
// Returns nullopt on success, else the reason it failed.
std::optional<std::string> check_parser(const RdfCase& test);

// The same document through the store: import the action into a fresh store, export it as
// N-Quads and in the document's own syntax, parse each export and compare it with the expected
// result (eval) or the direct parse (positive syntax). Negative syntax: the import must fail
// with BadData and leave the store empty.
std::optional<std::string> check_store_round_trip(const RdfCase& test);

}  // namespace wsiskg::conformance
