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
};

// All tests reachable from `manifest_path` through mf:include, in manifest order.
std::vector<ManifestTest> read_manifest_tree(const std::string& manifest_path);

}  // namespace wsiskg::query::testing
