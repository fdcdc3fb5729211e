// Validates the WSIS knowledge base (ontologies/wsis.ttl + ontologies/kb/*.trig) with SPARQL:
// it imports cleanly, every entity is typed and labelled, commitments and action lines carry
// their links (minus the source-backed exceptions in expected_exceptions.tsv), and the counts
// in expected_counts.tsv (worked out from the sources) match the data.
//
// "Entity" here: every IRI that is the subject of a triple in a named graph and lies under
// https://w3id.org/wsiskg/id/ (the README's entity namespace). That leaves out the vocabulary
// (wsis.ttl, in the default graph) and the graph descriptions (subjects under .../graph/),
// but keeps the source documents (id/source/...), which the README also mints as entities.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "wsiskg/import/importer.hpp"
#include "wsiskg/query/engine.hpp"
#include "wsiskg/query/results.hpp"
#include "wsiskg/store/store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wsiskg;

const fs::path kOntologies = WSISKG_ONTOLOGIES_DIR;

constexpr const char* kPrefixes =
    "PREFIX wsis: <https://w3id.org/wsiskg/ontology#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";

// One tab-separated data row of a TSV file ('#' lines are comments).
std::vector<std::vector<std::string>> read_tsv(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> cells;
    std::stringstream split(line);
    std::string cell;
    while (std::getline(split, cell, '\t')) cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

// Escapes a string for a SPARQL "..." literal.
std::string sparql_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class KbValidation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("wsiskg-kb-" + std::to_string(random()));
    fs::create_directories(dir_);
    store_.emplace(store::Store::open(dir_ / "db"));
    std::vector<std::string> files{(kOntologies / "wsis.ttl").string()};
    for (const auto& entry : fs::directory_iterator(kOntologies / "kb")) {
      if (entry.path().extension() == ".trig") files.push_back(entry.path().string());
    }
    std::sort(files.begin() + 1, files.end());
    kb_files_ = files.size() - 1;
    try {
      report_ = import::import_files(*store_, files, import::ImportOptions{});
    } catch (const std::exception& e) {
      import_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    store_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  void SetUp() override {
    ASSERT_TRUE(import_error_.empty()) << "import failed: " << import_error_;
  }

  static query::CollectingSink run(const std::string& body) {
    query::QueryOptions options;
    options.default_graph = query::DefaultGraph::Union;
    query::CollectingSink sink;
    auto txn = store_->begin_read();
    query::execute_query(txn, std::string(kPrefixes) + body, options, sink);
    return sink;
  }

  // The first column of every row, as text (IRIs and literals alike).
  static std::vector<std::string> column(const std::string& body) {
    std::vector<std::string> values;
    for (const auto& row : run(body).rows) {
      values.push_back(row.empty() || !row[0] ? std::string("(unbound)") : row[0]->value);
    }
    return values;
  }

  // A single COUNT result.
  static long long count(const std::string& body) {
    auto sink = run(body);
    if (sink.rows.size() != 1 || sink.rows[0].empty() || !sink.rows[0][0]) {
      throw std::runtime_error("count query returned no value: " + body);
    }
    return std::stoll(sink.rows[0][0]->value);
  }

  static std::string entities_pattern() {
    return "GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && "
           "STRSTARTS(STR(?s), \"https://w3id.org/wsiskg/id/\"))";
  }

  static inline fs::path dir_;
  static inline std::optional<store::Store> store_;
  static inline import::ImportReport report_;
  static inline std::string import_error_;
  static inline std::size_t kb_files_ = 0;
};

TEST_F(KbValidation, ImportsWithoutErrorsOrSkips) {
  EXPECT_GE(kb_files_, 1u) << "no kb/*.trig files found";
  EXPECT_EQ(report_.skipped, 0u);
  EXPECT_GT(report_.added, 0u);
  // Every kb file's named graphs are present: the source graphs and the metadata graph.
  EXPECT_EQ(count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
            count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g a ?t "
                  "FILTER(?t IN (wsis:SourceGraph, wsis:MetadataGraph)) }"));
}

TEST_F(KbValidation, EntitiesExistInTheKbGraphs) {
  EXPECT_GT(count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { " + entities_pattern() + " }"), 100);
}

TEST_F(KbValidation, EveryEntityHasAType) {
  auto missing = column("SELECT DISTINCT ?s WHERE { " + entities_pattern() +
                        " FILTER NOT EXISTS { ?s rdf:type ?t } } ORDER BY ?s");
  EXPECT_TRUE(missing.empty()) << missing.size() << " untyped, first " << missing.front();
}

TEST_F(KbValidation, EveryEntityHasExactlyOneLabel) {
  auto missing = column("SELECT DISTINCT ?s WHERE { " + entities_pattern() +
                        " FILTER NOT EXISTS { ?s rdfs:label ?l } } ORDER BY ?s");
  EXPECT_TRUE(missing.empty()) << missing.size() << " unlabelled, first " << missing.front();
  // The ontology README promises exactly one label per entity in the union of all graphs.
  auto several =
      column("SELECT ?s WHERE { { SELECT DISTINCT ?s WHERE { " + entities_pattern() +
             " } } ?s rdfs:label ?l } GROUP BY ?s HAVING (COUNT(DISTINCT ?l) > 1) ORDER BY ?s");
  EXPECT_TRUE(several.empty()) << several.size() << " with several labels, first "
                               << several.front();
}

// Commitments (by skos:notation) that expected_exceptions.tsv allows to lack `property`.
std::set<std::string> commitment_exceptions(const std::string& property) {
  std::set<std::string> ids;
  for (const auto& row : read_tsv(kOntologies / "expected_exceptions.tsv")) {
    if (row.size() >= 3 && row[0] == "commitment" && row[2] == property) ids.insert(row[1]);
  }
  return ids;
}

TEST_F(KbValidation, EveryCommitmentLinksAnActionLineAndAnSdg) {
  for (const std::string property : {"wsis:linksActionLine", "wsis:linksSDG"}) {
    SCOPED_TRACE(property);
    auto lacking = column(
        "SELECT ?id WHERE { ?c a wsis:Commitment ; skos:notation ?id "
        "FILTER NOT EXISTS { ?c " +
        property + " ?x } } ORDER BY ?id");
    std::set<std::string> actual(lacking.begin(), lacking.end());
    // Exactly the listed exceptions: a listed row that gained a link is stale, and is reported.
    EXPECT_EQ(actual, commitment_exceptions(property));
  }
  EXPECT_EQ(count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a wsis:Commitment "
                  "FILTER NOT EXISTS { ?c skos:notation ?id } }"),
            0)
      << "commitments without a row ID cannot be matched against the exceptions";
}

TEST_F(KbValidation, EveryLeafActionLineHasAFacilitator) {
  // Any graph: the secondary facts graph counts (expected_exceptions.tsv lists the lines whose
  // facilitator is only there).
  auto lacking = column(
      "SELECT ?code WHERE { ?al a wsis:ActionLine ; skos:notation ?code "
      "FILTER NOT EXISTS { ?sub wsis:subLineOf ?al } "
      "FILTER NOT EXISTS { ?org wsis:facilitates ?al } } ORDER BY ?code");
  EXPECT_TRUE(lacking.empty()) << lacking.size() << " leaf action lines lack a facilitator, first "
                               << lacking.front();
  EXPECT_GT(count("SELECT (COUNT(DISTINCT ?al) AS ?n) WHERE { ?al a wsis:ActionLine "
                  "FILTER NOT EXISTS { ?sub wsis:subLineOf ?al } }"),
            0);
}

TEST_F(KbValidation, ExceptionsForFacilitatorsHoldOutsideGraphFacts) {
  // Rows "action-line CODE wsis:facilitates@graph:facts": no facilitator in graph/facts, but
  // one elsewhere. Every other leaf line has its facilitator in graph/facts.
  std::set<std::string> listed;
  for (const auto& row : read_tsv(kOntologies / "expected_exceptions.tsv")) {
    if (row.size() >= 3 && row[0] == "action-line" && row[2] == "wsis:facilitates@graph:facts") {
      listed.insert(row[1]);
    }
  }
  auto lacking = column(
      "SELECT ?code WHERE { ?al a wsis:ActionLine ; skos:notation ?code "
      "FILTER NOT EXISTS { ?sub wsis:subLineOf ?al } "
      "FILTER NOT EXISTS { GRAPH <https://w3id.org/wsiskg/graph/facts> "
      "{ ?org wsis:facilitates ?al } } } ORDER BY ?code");
  EXPECT_EQ(std::set<std::string>(lacking.begin(), lacking.end()), listed);
}

// Each row of expected_counts.tsv becomes one SPARQL COUNT.
std::optional<std::string> count_query_for(const std::string& key) {
  auto colon = key.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::string kind = key.substr(0, colon);
  const std::string rest = key.substr(colon + 1);
  if (kind == "wsis" && !rest.empty() && std::isupper(static_cast<unsigned char>(rest[0]))) {
    return "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s rdf:type wsis:" + rest + " }";
  }
  if (kind == "wsis") {  // a link property: distinct (subject, object) pairs
    return "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { ?s wsis:" + rest +
           " ?o } }";
  }
  if (kind == "linksSDG" || kind == "linksActionLine") {
    return "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a wsis:Commitment ; wsis:" + kind +
           " ?t . ?t skos:notation " + sparql_string(rest) + " }";
  }
  if (kind == "commitments" && rest == "with-text") {
    return "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a wsis:Commitment ; wsis:text ?x }";
  }
  if (kind == "commitments") {
    return "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a wsis:Commitment ; wsis:inSection ?sec "
           ". ?sec skos:notation " +
           sparql_string(rest) + " }";
  }
  return std::nullopt;
}

TEST_F(KbValidation, CountsMatchExpectedCountsTsv) {
  const auto rows = read_tsv(kOntologies / "expected_counts.tsv");
  ASSERT_FALSE(rows.empty());
  std::map<std::string, long long> expected;
  for (const auto& row : rows) {
    ASSERT_GE(row.size(), 2u) << "malformed row starting " << row.front();
    SCOPED_TRACE(row[0] + (row.size() > 2 ? " (" + row[2] + ")" : ""));
    auto query = count_query_for(row[0]);
    ASSERT_TRUE(query) << "no rule to count key " << row[0];
    expected[row[0]] = std::stoll(row[1]);
    EXPECT_EQ(count(*query), expected[row[0]]);
  }
  // The brief's anchors are among the rows (guards against an emptied or renamed file).
  EXPECT_EQ(expected.count("wsis:SDG"), 1u);
  EXPECT_EQ(expected.count("wsis:Commitment"), 1u);
}

}  // namespace
