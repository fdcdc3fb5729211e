// The W3C SPARQL query evaluation tests (SPARQL 1.1 query manifest, SPARQL 1.0 evaluation
// manifest) as GoogleTest cases, registered at startup from the manifests under
// WSISKG_SHARED_DIR/w3c/sparql/.
//
// Each test loads its data into a fresh store (qt:data into the default graph, qt:graphData and
// the files a query names in FROM / FROM NAMED into named graphs named by the file's IRI), runs
// execute_query, and compares with mf:result. Suites are "sparql11_<folder>" and
// "sparql10_<folder>"; '-' becomes '_'. Failures are checked against
// sparql_expected_failures.txt, which must be exact (a new failure fails, and so does a listed
// test that passes).
//
// Extra flags (removed before gtest sees the command line):
//   --summary-markdown                 print the per-folder summary as a Markdown table
//   --write-expected-failures=FILE     write the failures of this run in the list's format

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dataset_isomorphism.hpp"
#include "expected_failures.hpp"
#include "query/manifest.hpp"
#include "result_set.hpp"
#include "temp_dir.hpp"
#include "wsiskg/import/importer.hpp"
#include "wsiskg/query/engine.hpp"
#include "wsiskg/query/results.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

#ifndef WSISKG_SHARED_DIR
#error "WSISKG_SHARED_DIR must be defined by the build"
#endif
#ifndef WSISKG_SPARQL_EXPECTED_FAILURES
#error "WSISKG_SPARQL_EXPECTED_FAILURES must be defined by the build"
#endif

namespace wsiskg::conformance::sparql {
namespace {

namespace fs = std::filesystem;
using query::testing::ManifestTest;

struct SuiteSpec {
  const char* key;       // "sparql11"
  const char* manifest;  // under w3c/sparql/
};
// Every SPARQL 1.1 manifest with QueryEvaluationTest or CSVResultFormatTest entries; SERVICE
// and entailment tests are registered and skipped, so the summary shows them.
constexpr SuiteSpec kSuites[] = {
    {"sparql11", "sparql11/manifest-sparql11-query.ttl"},
    {"sparql11", "sparql11/manifest-sparql11-results.ttl"},
    {"sparql11", "sparql11/manifest-sparql11-fed.ttl"},
    {"sparql11", "sparql11/entailment/manifest.ttl"},
    {"sparql10", "sparql10/manifest-evaluation.ttl"},
};

fs::path shared_dir() {
  fs::path dir = WSISKG_SHARED_DIR;
  if (const char* env = std::getenv("WSISKG_SHARED_DIR"); env != nullptr && *env != '\0') {
    dir = env;
  }
  std::error_code ignored;
  auto canonical = fs::weakly_canonical(dir, ignored);
  return canonical.empty() ? dir : canonical;
}

fs::path expected_failures_file() {
  if (const char* env = std::getenv("WSISKG_SPARQL_EXPECTED_FAILURES");
      env != nullptr && *env != '\0') {
    return env;
  }
  return WSISKG_SPARQL_EXPECTED_FAILURES;
}

std::string file_iri(const std::string& path) {
  return "file://" + path;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::MissingInput, "cannot read " + file.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// --- outcomes ---------------------------------------------------------------------------------

enum class Outcome { Passed, Failed, Skipped };

struct Tally {
  int total = 0, passed = 0, failed = 0, skipped = 0;
};

struct Run {
  std::map<std::string, Tally> folders;         // "sparql11/aggregates" -> counts
  std::map<std::string, std::string> failures;  // test IRI -> failure category
  std::set<std::string> registered;             // IRIs of tests that run (not skipped)
  bool markdown = false;
  std::string write_failures_to;
};
Run& run_state() {
  static Run run;
  return run;
}

// --- what a test needs ------------------------------------------------------------------------

struct CaseSpec {
  ManifestTest test;
  std::string folder;  // "sparql11/aggregates"
  std::optional<std::string> skip_reason;
  std::optional<std::string> expected_failure;
};

// The IRIs of FROM and FROM NAMED clauses, resolved against the query file's folder.
std::vector<std::pair<bool, std::string>> dataset_clauses(const std::string& text,
                                                          const fs::path& query_file) {
  static const std::regex from(R"(FROM\s+(NAMED\s+)?<([^>]*)>)", std::regex::icase);
  std::vector<std::pair<bool, std::string>> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), from); it != std::sregex_iterator();
       ++it) {
    std::string iri = (*it)[2].str();
    if (iri.find(':') == std::string::npos) {
      iri = file_iri((query_file.parent_path() / iri).lexically_normal().string());
    }
    out.emplace_back((*it)[1].matched, iri);
  }
  return out;
}

// Variables of the query's final ORDER BY (nullopt: the result order does not matter).
std::optional<std::vector<std::string>> order_keys(const std::string& text) {
  static const std::regex order(R"(ORDER\s+BY)", std::regex::icase);
  std::smatch last;
  bool found = false;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), order);
       it != std::sregex_iterator(); ++it) {
    last = *it;
    found = true;
  }
  if (!found) return std::nullopt;
  std::string rest = text.substr(static_cast<std::size_t>(last.position(0) + last.length(0)));
  static const std::regex stop(R"(\b(LIMIT|OFFSET|VALUES)\b)", std::regex::icase);
  std::smatch m;
  if (std::regex_search(rest, m, stop)) rest = rest.substr(0, m.position(0));
  // An ORDER BY inside a sub-query is followed by its closing brace: not the final order.
  if (rest.find('}') != std::string::npos) return std::nullopt;
  std::vector<std::string> keys;
  static const std::regex var(R"([?$]([A-Za-z0-9_]+))");
  for (auto it = std::sregex_iterator(rest.begin(), rest.end(), var); it != std::sregex_iterator();
       ++it) {
    keys.push_back((*it)[1].str());
  }
  return keys;
}

void load(store::Store& store, const std::vector<std::string>& files,
          std::optional<std::string> graph) {
  for (const auto& file : files) {
    import::ImportOptions options;
    options.graph = graph;
    options.base = file_iri(file);
    import::import_files(store, std::span<const std::string>(&file, 1), options);
  }
}

ResultSet actual_result(const query::CollectingSink& sink) {
  ResultSet out;
  switch (sink.kind) {
    case query::CollectingSink::Kind::Boolean:
      out.kind = ResultSet::Kind::Boolean;
      out.boolean = sink.boolean_value;
      break;
    case query::CollectingSink::Kind::Graph:
      out.kind = ResultSet::Kind::Graph;
      out.triples = sink.triples;
      break;
    default:
      out.variables = sink.variables;
      out.rows = sink.rows;
  }
  return out;
}

// The engine's results written by our result writer in `format` and read back, so the W3C
// expectations also check the writers (SPARQL XML, JSON, TSV, CSV).
ResultSet as_written(const query::CollectingSink& sink, query::ResultFormat format) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
  if (!file) throw Error(ErrorKind::Io, "cannot create a temporary file");
  {
    auto writer = query::make_result_writer(format, file.get());
    if (sink.kind == query::CollectingSink::Kind::Boolean) {
      writer->boolean(sink.boolean_value);
    } else {
      writer->begin_solutions(sink.variables);
      for (const auto& row : sink.rows) writer->solution(row);
      writer->end_solutions();
    }
  }
  std::rewind(file.get());
  std::string text;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, file.get())) > 0) text.append(buf, n);
  switch (format) {
    case query::ResultFormat::Xml:
      return parse_srx(text, "engine XML output");
    case query::ResultFormat::Json:
      return parse_srj(text, "engine JSON output");
    case query::ResultFormat::Tsv:
      return parse_tsv(text, "engine TSV output");
    default:
      return parse_csv(text, "engine CSV output");
  }
}

// Runs one test; nullopt on success, else "category: detail".
std::optional<std::string> run_case(const CaseSpec& spec) {
  const ManifestTest& test = spec.test;
  if (test.result.empty()) return "setup: the test has no mf:result";
  const std::string text = read_text(test.action);

  TempDir dir("wsiskg-sparql-");
  store::Store store = store::Store::open(dir.path() / "store");
  try {
    load(store, test.data, std::nullopt);
    for (const auto& g : test.graph_data) load(store, {g}, file_iri(g));
    std::set<std::string> loaded(test.graph_data.begin(), test.graph_data.end());
    for (const auto& [named, iri] : dataset_clauses(text, test.action)) {
      if (!iri.starts_with("file://")) continue;
      const std::string path = iri.substr(7);
      if (loaded.insert(path).second && fs::exists(path)) load(store, {path}, iri);
    }
  } catch (const std::exception& e) {
    return "setup: cannot load test data: " + first_line(e.what());
  }

  query::CollectingSink sink;
  try {
    auto txn = store.begin_read();
    query::QueryOptions options;
    options.default_graph = query::DefaultGraph::Store;
    options.base_iri = file_iri(test.action);
    options.timeout = std::chrono::seconds(20);
    query::execute_query(txn, text, options, sink);
  } catch (const std::exception& e) {
    return "error: " + first_line(e.what());
  }

  ResultSet expected = read_result_file(test.result);
  // Solutions and booleans go through the writer of the expected file's format.
  static const std::map<std::string, query::ResultFormat> kWriters = {
      {".csv", query::ResultFormat::Csv},
      {".tsv", query::ResultFormat::Tsv},
      {".srj", query::ResultFormat::Json},
      {".srx", query::ResultFormat::Xml}};
  const auto writer = kWriters.find(fs::path(test.result).extension().string());
  const bool written =
      writer != kWriters.end() &&
      (sink.kind == query::CollectingSink::Kind::Solutions ||
       (sink.kind == query::CollectingSink::Kind::Boolean &&
        writer->second != query::ResultFormat::Csv && writer->second != query::ResultFormat::Tsv));
  ResultSet actual;
  try {
    actual = written ? as_written(sink, writer->second) : actual_result(sink);
  } catch (const std::exception& e) {
    return "writer: cannot read back the engine's " + fs::path(test.result).extension().string() +
           " output: " + first_line(e.what());
  }
  if (expected.kind == ResultSet::Kind::Graph) {
    if (actual.kind != ResultSet::Kind::Graph) return "wrong result: expected a graph";
    auto cmp = compare_datasets(actual.triples, expected.triples);
    if (cmp.isomorphic) return std::nullopt;
    return "wrong result: graph differs\n" + cmp.explanation;
  }
  CompareOptions options;
  options.lax_cardinality = test.lax_cardinality;
  if (auto keys = order_keys(text)) options.ordered_group_ends = tie_groups(expected, *keys);
  return compare_results(actual, expected, options);
}

// The failure's category for the expected-failures list: "wrong result: missing rows",
// "error: <message>", ... without row details.
std::string category(const std::string& failure) {
  std::string line = first_line(failure);
  if (auto paren = line.find(" (got "); paren != std::string::npos) line.resize(paren);
  if (line.size() > 200) line = line.substr(0, 197) + "...";
  return line;
}

class SparqlEvalTest : public testing::Test {
 public:
  explicit SparqlEvalTest(std::shared_ptr<const CaseSpec> spec) : spec_(std::move(spec)) {}

  void TestBody() override {
    const CaseSpec& spec = *spec_;
    RecordProperty("w3c_test", spec.test.iri);
    if (spec.skip_reason) GTEST_SKIP() << *spec.skip_reason;
    std::optional<std::string> failure;
    try {
      failure = run_case(spec);
    } catch (const std::exception& e) {
      failure = std::string("error: ") + first_line(e.what());
    }
    if (failure) run_state().failures[spec.test.iri] = category(*failure);
    const std::string context =
        "<" + spec.test.iri + ">\n  query " + spec.test.action + "\n  result " + spec.test.result;
    if (spec.expected_failure) {
      if (!failure) {
        ADD_FAILURE() << "expected failure now passes: remove it from "
                      << expected_failures_file().string() << "\n"
                      << context;
      }
      return;
    }
    if (failure) ADD_FAILURE() << *failure << "\n" << context;
  }

 private:
  std::shared_ptr<const CaseSpec> spec_;
};

class FunctionTest : public testing::Test {
 public:
  explicit FunctionTest(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

template <typename Factory>
void register_case(const std::string& suite, const std::string& name, Factory factory) {
  testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                        [factory]() -> testing::Test* { return factory().release(); });
}

std::string gtest_name(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return out;
}

std::optional<std::string> skip_reason(const ManifestTest& test, const std::string& folder) {
  if (test.service_data || folder.ends_with("/service")) {
    return "SERVICE: federated queries not supported offline";
  }
  if (test.entailment || folder.ends_with("/entailment")) {
    return "entailment regimes are not supported";
  }
  return std::nullopt;
}

// Per-folder counts, filled in as cases end.
class SummaryListener : public testing::EmptyTestEventListener {
 public:
  explicit SummaryListener(std::map<std::string, std::string> folder_of_suite)
      : folder_of_suite_(std::move(folder_of_suite)) {}

  void OnTestEnd(const testing::TestInfo& info) override {
    auto it = folder_of_suite_.find(info.test_suite_name());
    if (it == folder_of_suite_.end()) return;
    Tally& t = run_state().folders[it->second];
    ++t.total;
    const auto* result = info.result();
    std::string iri;
    for (int i = 0; i < result->test_property_count(); ++i) {
      if (std::string_view(result->GetTestProperty(i).key()) == "w3c_test") {
        iri = result->GetTestProperty(i).value();
      }
    }
    if (result->Skipped()) {
      ++t.skipped;
    } else if (run_state().failures.contains(iri)) {
      ++t.failed;  // against the W3C expectation, whether listed as expected or not
    } else {
      ++t.passed;
    }
  }

  void OnTestProgramEnd(const testing::UnitTest&) override {
    const Run& run = run_state();
    if (run.folders.empty()) return;
    Tally all;
    std::string table = run.markdown ? "| folder | tests | passed | failed | skipped |\n"
                                       "|---|---:|---:|---:|---:|\n"
                                     : "";
    for (const auto& [folder, t] : run.folders) {
      all.total += t.total;
      all.passed += t.passed;
      all.failed += t.failed;
      all.skipped += t.skipped;
      char line[256];
      std::snprintf(line, sizeof line,
                    run.markdown
                        ? "| %s | %d | %d | %d | %d |\n"
                        : "[  SUMMARY ] %-28s %4d tests %4d passed %4d failed %4d skipped\n",
                    folder.c_str(), t.total, t.passed, t.failed, t.skipped);
      table += line;
    }
    char line[256];
    std::snprintf(line, sizeof line,
                  run.markdown ? "| **%s** | %d | %d | %d | %d |\n"
                               : "[  SUMMARY ] %-28s %4d tests %4d passed %4d failed %4d skipped\n",
                  "total", all.total, all.passed, all.failed, all.skipped);
    table += line;
    std::fputs(table.c_str(), stdout);
    std::fflush(stdout);
    if (!run.write_failures_to.empty()) {
      std::ofstream out(run.write_failures_to, std::ios::binary);
      out << "# W3C SPARQL evaluation tests that fail today: `<test IRI>  # reason`.\n"
             "# Generated by sparql_conformance --write-expected-failures=FILE from a real run;\n"
             "# the runner treats this list as exact.\n";
      for (const auto& [iri, why] : run.failures) out << iri << "  # " << why << "\n";
    }
  }

 private:
  std::map<std::string, std::string> folder_of_suite_;
};

// Registers every test; returns gtest suite name -> folder.
std::map<std::string, std::string> register_all(const ExpectedFailures& expected) {
  std::map<std::string, std::string> folder_of_suite;
  const fs::path root = shared_dir() / "w3c" / "sparql";
  std::set<std::string> known;
  bool available = true;
  std::set<std::string> missing_reported;
  for (const auto& suite : kSuites) {
    const fs::path manifest = root / suite.manifest;
    if (!fs::exists(manifest)) {
      available = false;
      if (!missing_reported.insert(suite.key).second) continue;
      const std::string message =
          "W3C SPARQL tests not found at " + manifest.string() + " (set WSISKG_SHARED_DIR)";
      register_case(suite.key, "suite_available", [message] {
        return std::make_unique<FunctionTest>([message] { GTEST_SKIP() << message; });
      });
      continue;
    }
    std::vector<ManifestTest> tests;
    try {
      tests = query::testing::read_manifest_tree(manifest.string());
    } catch (const std::exception& e) {
      const std::string message = e.what();
      register_case(
          suite.key, "manifest_readable_" + gtest_name(fs::path(suite.manifest).stem().string()),
          [message] { return std::make_unique<FunctionTest>([message] { FAIL() << message; }); });
      continue;
    }
    for (auto& test : tests) {
      if (test.type != "QueryEvaluationTest" && test.type != "CSVResultFormatTest") continue;
      auto spec = std::make_shared<CaseSpec>();
      spec->folder =
          std::string(suite.key) + "/" + fs::path(test.manifest).parent_path().filename().string();
      spec->skip_reason = skip_reason(test, spec->folder);
      spec->expected_failure = expected.reason(test.iri);
      if (!spec->skip_reason) known.insert(test.iri);
      const std::string suite_name = gtest_name(spec->folder);
      folder_of_suite[suite_name] = spec->folder;
      const std::string local = test.iri.substr(test.iri.find_last_of("#/") + 1);
      spec->test = std::move(test);
      std::shared_ptr<const CaseSpec> shared = spec;
      register_case(suite_name, gtest_name(local),
                    [shared] { return std::make_unique<SparqlEvalTest>(shared); });
    }
  }
  // Every listed test must exist and run (not be skipped), so the list cannot go stale.
  register_case("sparql_expected_failures", "list_is_valid", [expected, known, available] {
    return std::make_unique<FunctionTest>([expected, known, available] {
      if (!available) GTEST_SKIP() << "W3C SPARQL tests not available";
      for (const auto& [iri, reason] : expected.entries()) {
        EXPECT_TRUE(known.contains(iri))
            << iri << " is listed in " << expected_failures_file().string()
            << " but is not a runnable test";
      }
    });
  });
  return folder_of_suite;
}

}  // namespace
}  // namespace wsiskg::conformance::sparql

int main(int argc, char** argv) {
  using namespace wsiskg::conformance::sparql;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--summary-markdown") {
      run_state().markdown = true;
    } else if (arg.starts_with("--write-expected-failures=")) {
      run_state().write_failures_to = std::string(arg.substr(26));
    } else {
      args.push_back(argv[i]);
    }
  }
  int count = static_cast<int>(args.size());
  args.push_back(nullptr);
  testing::InitGoogleTest(&count, args.data());
  wsiskg::conformance::ExpectedFailures expected;
  try {
    expected = wsiskg::conformance::ExpectedFailures::load(expected_failures_file());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sparql_conformance: %s\n", e.what());
    return 2;
  }
  auto folders = register_all(expected);
  testing::UnitTest::GetInstance()->listeners().Append(new SummaryListener(std::move(folders)));
  return RUN_ALL_TESTS();
}
