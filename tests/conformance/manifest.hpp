#pragma once
// W3C test manifests (mf: vocabulary) as plain values, read from the quads of a parsed
// manifest.ttl. Knows nothing of parsing, so it can be unit-tested with hand-made quads.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::conformance {

namespace vocab {
inline constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
inline constexpr std::string_view kRdft = "http://www.w3.org/ns/rdftest#";
inline constexpr std::string_view kDawgt = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
}  // namespace vocab

// What a test asks of an RDF 1.1 syntax parser.
enum class TestKind { PositiveSyntax, NegativeSyntax, Eval, Other };

struct ManifestTest {
  std::string iri;       // absolute, e.g. <manifest IRI>#IRI_subject
  std::string name;      // mf:name, else the IRI fragment
  std::string type_iri;  // e.g. http://www.w3.org/ns/rdftest#TestTurtleEval
  TestKind kind = TestKind::Other;
  std::string action;                 // mf:action IRI
  std::optional<std::string> result;  // mf:result IRI
  std::string approval;               // local name of rdft:/dawgt:approval, "" when absent
  std::string comment;                // rdfs:comment
};

struct Manifest {
  std::string iri;  // the manifest node (an IRI, or a blank node label)
  std::optional<std::string> label;
  std::optional<std::string> assumed_test_base;  // mf:assumedTestBase
  std::vector<std::string> includes;             // mf:include, in list order
  std::vector<ManifestTest> tests;               // mf:entries, in list order
};

// The kind for an rdft: test type IRI (Other for types this runner does not know).
TestKind test_kind_for_type(std::string_view type_iri);

// Builds the manifest from its quads. Throws wsiskg::Error(BadData) when there is no single
// mf:Manifest node, an RDF list is malformed (cycle, missing rdf:first/rest), or an entry has no
// rdf:type or mf:action.
Manifest read_manifest(std::span<const rdf::Quad> quads);

// Maps an IRI under `base_url` (e.g. https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/) to
// the file of the same relative path in `directory`. Throws wsiskg::Error(BadData) for IRIs
// outside base_url or that would leave the directory.
std::filesystem::path local_file_for(std::string_view iri, std::string_view base_url,
                                     const std::filesystem::path& directory);

// The part after the last '#' or '/', e.g. the test name in <manifest#name>.
std::string_view iri_local_name(std::string_view iri);

}  // namespace wsiskg::conformance
