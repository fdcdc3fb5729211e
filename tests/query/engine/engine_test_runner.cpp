// Runs the engine's data-file tests (tests/query/engine/<feature>/*.test), one GoogleTest case
// per file. A file holds a dataset and one or more queries with their expected results:
//
//   # comment
//   default-graph: union            (optional, before data:)
//   data:
//   <TriG text; may be empty>
//   query:
//   <SPARQL text>
//   expect: rows [ordered]          (then a header `?x ?y` and rows of N-Triples terms, UNDEF
//   ?x ?y                            for unbound; blank nodes match any blank node)
//   <http://a> "lit"
//   query: … expect: ask true|false / expect: error <substring> / expect: triples (N-Triples)
//   query: … expect: plan <substring> / expect: plan-not <substring>   (the `--explain` text
//                                    contains / lacks the substring)
//   query: … expect: output <format>  (then the writer's exact text up to the next `query:`,
//                                    with the store's prefixes; CR and trailing blank lines
//                                    are ignored)
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "wsiskg/import/importer.hpp"
#include "wsiskg/query/engine.hpp"
#include "wsiskg/rdf/error.hpp"

namespace fs = std::filesystem;
using namespace wsiskg;

namespace {

struct Case {
  std::string query;
  std::string expect_kind;  // rows, ask, error, triples, plan, plan-not
  bool ordered = false;
  std::string argument;  // ask value / error or plan substring
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string output;  // expect: output
  int line = 0;
};

struct TestFile {
  std::string data;
  query::DefaultGraph default_graph = query::DefaultGraph::Store;
  std::vector<Case> cases;
};

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Splits a row into N-Triples terms.
std::vector<std::string> split_terms(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (line[i] == '<') {
      i = line.find('>', i);
      i = i == std::string::npos ? line.size() : i + 1;
    } else if (line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
      ++i;
      if (i < line.size() && line[i] == '@') {
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      } else if (i + 1 < line.size() && line[i] == '^' && line[i + 1] == '^') {
        i = line.find('>', i);
        i = i == std::string::npos ? line.size() : i + 1;
      }
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    }
    out.push_back(line.substr(start, i - start));
  }
  return out;
}

TestFile read_test(const fs::path& path) {
  std::ifstream in(path);
  TestFile t;
  std::string line, section;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string tl = trim(line);
    if (section != "data" && section != "query" && section != "output" &&
        (tl.empty() || tl[0] == '#'))
      continue;
    if (tl == "data:") {
      section = "data";
      continue;
    }
    if (tl == "query:") {
      t.cases.emplace_back();
      t.cases.back().line = n;
      section = "query";
      continue;
    }
    if (tl.rfind("default-graph:", 0) == 0 && section.empty()) {
      if (trim(tl.substr(14)) == "union") t.default_graph = query::DefaultGraph::Union;
      continue;
    }
    if (tl.rfind("expect:", 0) == 0) {
      Case& c = t.cases.back();
      std::istringstream words(tl.substr(7));
      words >> c.expect_kind;
      std::string rest;
      std::getline(words, rest);
      rest = trim(rest);
      if (c.expect_kind == "rows") c.ordered = rest == "ordered";
      c.argument = rest;
      section = c.expect_kind == "rows" ? "header" : c.expect_kind;
      continue;
    }
    if (section == "data") {
      t.data += line + "\n";
    } else if (section == "query") {
      t.cases.back().query += line + "\n";
    } else if (section == "output") {
      t.cases.back().output += line + "\n";
    } else if (section == "header") {
      for (auto& v : split_terms(tl)) t.cases.back().header.push_back(v.substr(1));
      section = "rows";
    } else if (section == "rows" || section == "triples") {
      if (!tl.empty() && tl[0] != '#') t.cases.back().rows.push_back(split_terms(tl));
    }
  }
  return t;
}

std::string show(const std::optional<rdf::Term>& t) {
  if (!t) return "UNDEF";
  if (t->is_blank()) return "_:";
  return rdf::to_ntriples(*t);
}
std::string normalize(const std::string& term) {
  return term.rfind("_:", 0) == 0 ? "_:" : term;
}

std::vector<fs::path> test_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(WSISKG_ENGINE_TESTS_DIR))
    if (e.path().extension() == ".test") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class EngineTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(EngineTest, Run) {
  const fs::path& path = GetParam();
  TestFile t = read_test(path);
  ASSERT_FALSE(t.cases.empty()) << path << ": no query";
  fs::path dir = fs::temp_directory_path() /
                 fmt::format("wsiskg-engine-{}-{}", ::getpid(), path.stem().string());
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    store::Store st = store::Store::open(dir / "db");
    if (!trim(t.data).empty()) {
      std::string data_file = (dir / "data.trig").string();
      std::ofstream(data_file) << t.data;
      import::ImportOptions options;
      options.base = "http://example.org/base/";
      std::vector<std::string> files{data_file};
      import::import_files(st, files, options);
    }
    store::ReadTransaction txn = st.begin_read();
    for (const Case& c : t.cases) {
      SCOPED_TRACE(fmt::format("{}:{}", path.string(), c.line));
      query::QueryOptions options;
      options.default_graph = t.default_graph;
      options.base_iri = "http://example.org/base/";
      query::CollectingSink sink;
      if (c.expect_kind == "output") {
        auto format = query::result_format_from_name(c.argument);
        ASSERT_TRUE(format.has_value()) << "unknown format " << c.argument;
        std::FILE* file = std::tmpfile();
        ASSERT_NE(file, nullptr);
        try {
          query::ResultWriterOptions writer_options;
          writer_options.prefixes = rdf::PrefixMap(txn.prefixes());
          auto writer = query::make_result_writer(*format, file, writer_options);
          query::execute_query(txn, c.query, options, *writer);
        } catch (const std::exception& e) {
          ADD_FAILURE() << "query failed: " << e.what();
        }
        std::rewind(file);
        std::string got;
        for (int ch; (ch = std::fgetc(file)) != EOF;)
          if (ch != '\r') got += static_cast<char>(ch);
        std::fclose(file);
        auto chomp = [](std::string text) {
          while (!text.empty() && text.back() == '\n') text.pop_back();
          return text;
        };
        EXPECT_EQ(chomp(got), chomp(c.output));
        continue;
      }
      if (c.expect_kind == "plan" || c.expect_kind == "plan-not") {
        std::string plan = query::explain_query(txn, c.query, options, query::ExplainMode::Plan);
        EXPECT_EQ(plan.find(c.argument) != std::string::npos, c.expect_kind == "plan")
            << "'" << c.argument << "' in the plan:\n"
            << plan;
        continue;
      }
      if (c.expect_kind == "error") {
        try {
          query::execute_query(txn, c.query, options, sink);
          ADD_FAILURE() << "expected an error containing '" << c.argument << "'";
        } catch (const Error& e) {
          EXPECT_NE(std::string(e.what()).find(c.argument), std::string::npos) << e.what();
        }
        continue;
      }
      try {
        query::execute_query(txn, c.query, options, sink);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "query failed: " << e.what();
        continue;
      }
      if (c.expect_kind == "ask") {
        EXPECT_EQ(sink.kind, query::CollectingSink::Kind::Boolean);
        EXPECT_EQ(sink.boolean_value, c.argument == "true");
      } else if (c.expect_kind == "triples") {
        std::vector<std::string> got, want;
        for (const auto& q : sink.triples)
          got.push_back(normalize(show(q.subject)) + " " + show(q.predicate) + " " +
                        normalize(show(q.object)));
        for (const auto& r : c.rows) {
          std::string line;
          for (std::size_t i = 0; i < r.size() && i < 3; ++i)
            line += (i ? " " : "") + normalize(r[i]);
          want.push_back(line);
        }
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        EXPECT_EQ(got, want);
      } else {
        ASSERT_EQ(sink.kind, query::CollectingSink::Kind::Solutions);
        // Columns in the header's order.
        std::vector<int> columns;
        for (const auto& h : c.header) {
          auto it = std::find(sink.variables.begin(), sink.variables.end(), h);
          ASSERT_NE(it, sink.variables.end()) << "no variable ?" << h << " in the result";
          columns.push_back(static_cast<int>(it - sink.variables.begin()));
        }
        EXPECT_EQ(sink.variables.size(), c.header.size()) << "result has other variables";
        std::vector<std::string> got, want;
        for (const auto& row : sink.rows) {
          std::string line;
          for (int col : columns)
            line += normalize(show(row[static_cast<std::size_t>(col)])) + " | ";
          got.push_back(line);
        }
        for (const auto& r : c.rows) {
          std::string line;
          for (const auto& term : r) line += normalize(term) + " | ";
          want.push_back(line);
        }
        if (!c.ordered) {
          std::sort(got.begin(), got.end());
          std::sort(want.begin(), want.end());
        }
        EXPECT_EQ(got, want);
      }
    }
  }
  fs::remove_all(dir);
}

std::string case_name(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = fs::relative(info.param, WSISKG_ENGINE_TESTS_DIR).replace_extension().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, EngineTest, ::testing::ValuesIn(test_files()), case_name);

}  // namespace

namespace {

// A store of `n` triples :s_i :p :o_i for the API tests below.
fs::path make_store(const std::string& name, int n) {
  fs::path dir =
      fs::temp_directory_path() / fmt::format("wsiskg-engine-api-{}-{}", ::getpid(), name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream out(dir / "data.nt");
  for (int i = 0; i < n; ++i)
    out << fmt::format("<http://ex.org/s{}> <http://ex.org/p> <http://ex.org/o{}> .\n", i, i);
  out.close();
  store::Store st = store::Store::open(dir / "db");
  std::vector<std::string> files{(dir / "data.nt").string()};
  import::import_files(st, files, import::ImportOptions{});
  return dir;
}

const char* kCrossProduct =
    "SELECT * WHERE { ?a <http://ex.org/p> ?b . ?c <http://ex.org/p> ?d . "
    "?e <http://ex.org/p> ?f . ?g <http://ex.org/p> ?h }";

TEST(EngineApi, TimeoutCancelsWithCancelledError) {
  fs::path dir = make_store("timeout", 60);  // 60^4 = 13M rows: far more than 20 ms of work
  {
    store::Store st = store::Store::open(dir / "db");
    auto txn = st.begin_read();
    query::QueryOptions options;
    options.timeout = std::chrono::milliseconds(20);
    query::CollectingSink sink;
    try {
      query::execute_query(txn, kCrossProduct, options, sink);
      ADD_FAILURE() << "expected a timeout";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
      EXPECT_NE(std::string(e.what()).find("timeout"), std::string::npos);
    }
  }
  fs::remove_all(dir);
}

TEST(EngineApi, MemoryGuardCancelsLargeSort) {
  fs::path dir = make_store("memory", 3000);
  {
    store::Store st = store::Store::open(dir / "db");
    auto txn = st.begin_read();
    query::QueryOptions options;
    options.memory_limit_bytes = 64 * 1024;  // the sort buffer of 3000 rows needs more
    query::CollectingSink sink;
    try {
      query::execute_query(txn, "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?o", options, sink);
      ADD_FAILURE() << "expected the memory guard to stop the query";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    options.memory_limit_bytes = 0;
    sink = {};
    query::execute_query(txn, "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?o", options, sink);
    EXPECT_EQ(sink.rows.size(), 3000u);
  }
  fs::remove_all(dir);
}

TEST(EngineApi, ExplainShowsOperatorsEstimatesAndActuals) {
  fs::path dir = make_store("explain", 10);
  {
    store::Store st = store::Store::open(dir / "db");
    auto txn = st.begin_read();
    query::QueryOptions options;
    const char* q = "SELECT ?s WHERE { ?s <http://ex.org/p> ?o } LIMIT 3";
    std::string plan = query::explain_query(txn, q, options, query::ExplainMode::Plan);
    EXPECT_NE(plan.find("IndexScan"), std::string::npos) << plan;
    EXPECT_NE(plan.find("Slice"), std::string::npos) << plan;
    EXPECT_NE(plan.find("est=10"), std::string::npos) << plan;  // exact count of the pattern
    EXPECT_EQ(plan.find("actual="), std::string::npos) << plan;
    std::string analyzed = query::explain_query(txn, q, options, query::ExplainMode::Analyze);
    EXPECT_NE(analyzed.find("Slice offset=0 limit=3 est=3 actual=3"), std::string::npos)
        << analyzed;
    EXPECT_NE(analyzed.find("rows=3"), std::string::npos) << analyzed;
  }
  fs::remove_all(dir);
}

TEST(EngineApi, LimitStopsTheScanEarly) {
  fs::path dir = make_store("limit", 5000);
  {
    store::Store st = store::Store::open(dir / "db");
    auto txn = st.begin_read();
    std::string analyzed =
        query::explain_query(txn, "SELECT ?s WHERE { ?s <http://ex.org/p> ?o } LIMIT 2",
                             query::QueryOptions{}, query::ExplainMode::Analyze);
    // The scan below the LIMIT produced only the rows asked for, not 5000.
    EXPECT_NE(analyzed.find("IndexScan ?s <http://ex.org/p> ?o est=5000 actual=2"),
              std::string::npos)
        << analyzed;
  }
  fs::remove_all(dir);
}

// The path-search extension's search honours --timeout from inside: every trail of a complete
// graph on 12 nodes is far more than 50 ms of work.
TEST(EngineApi, PathSearchIsCancelledByTheTimeout) {
  fs::path dir = fs::temp_directory_path() / fmt::format("wsiskg-engine-api-{}-k12", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "data.nt");
    for (int i = 0; i < 12; ++i)
      for (int j = 0; j < 12; ++j)
        if (i != j)
          out << fmt::format("<http://ex.org/n{}> <http://ex.org/p> <http://ex.org/n{}> .\n", i, j);
  }
  {
    store::Store st = store::Store::open(dir / "db");
    std::vector<std::string> files{(dir / "data.nt").string()};
    import::import_files(st, files, import::ImportOptions{});
    auto txn = st.begin_read();
    query::QueryOptions options;
    options.timeout = std::chrono::milliseconds(50);
    query::CollectingSink sink;
    auto start = std::chrono::steady_clock::now();
    try {
      query::execute_query(
          txn, "SELECT ?x WHERE { <http://ex.org/n0> ALL TRAIL (<http://ex.org/p>+ AS ?x) ?o }",
          options, sink);
      ADD_FAILURE() << "expected a timeout";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Cancelled) << e.what();
      EXPECT_NE(std::string(e.what()).find("timeout"), std::string::npos) << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  }
  fs::remove_all(dir);
}

}  // namespace
