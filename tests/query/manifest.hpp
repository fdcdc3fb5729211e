#pragma once
// Reads W3C test manifests (Turtle, via serd) into a flat list of tests. Kept in the tests so
// the query suite does not depend on the importer.

#include <string>
#include <vector>

namespace wsiskg::query::testing {

struct ManifestTest {
  std::string iri;       // test IRI
  std::string name;      // mf:name
  std::string type;      // local name of rdf:type, e.g. "PositiveSyntaxTest11"
  std::string action;    // file path of the query / update (mf:action or its qt:query)
  std::string manifest;  // file path of the manifest that lists it

  // Evaluation tests (read by the SPARQL evaluation runner, tests/conformance/sparql/).
  std::vector<std::string> data;        // qt:data file paths (default graph)
  std::vector<std::string> graph_data;  // qt:graphData file paths (named graphs)
  std::string result;                   // mf:result file path, "" when absent
  std::vector<std::string> requires_;   // mf:requires IRIs
  std::string approval;                 // dawgt:approval IRI, "" when absent
  bool lax_cardinality = false;         // mf:resultCardinality mf:LaxCardinality
  bool service_data = false;            // the action has qt:serviceData (SERVICE tests)
  bool entailment = false;              // the action names an sd:entailmentRegime
};

// All tests reachable from `manifest_path` through mf:include, in manifest order.
std::vector<ManifestTest> read_manifest_tree(const std::string& manifest_path);

}  // namespace wsiskg::query::testing
