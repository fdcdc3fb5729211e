// W3C SPARQL 1.0 / 1.1 syntax conformance: every PositiveSyntaxTest(11) must parse, every
// NegativeSyntaxTest(11) must be rejected, and the query of every QueryEvaluationTest must
// parse. Update (.ru) tests are skipped as out of scope. Known failures are listed with a
// reason in sparql_syntax_expected_failures.txt; a listed test that passes fails the run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "manifest.hpp"
#include "wsiskg/query/algebra.hpp"
#include "wsiskg/query/parser.hpp"
#include "wsiskg/rdf/error.hpp"

namespace {

using wsiskg::query::testing::ManifestTest;
namespace fs = std::filesystem;

enum class Expect { Parse, Reject, UpdateOutOfScope };

struct Case {
  ManifestTest test;
  std::string suite;  // "sparql10" or "sparql11"
  Expect expect;
  std::string label;  // gtest parameter name
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.test.iri;
}

// The CMake cache's WSISKG_SHARED_DIR, unless the environment variable of that name is set.
const fs::path kSparqlDir = [] {
  const char* env = std::getenv("WSISKG_SHARED_DIR");
  return fs::path(env != nullptr && *env != '\0' ? env : WSISKG_SHARED_DIR) / "w3c" / "sparql";
}();

std::string sanitize(std::string_view text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  if (!fs::exists(kSparqlDir)) return cases;
  std::map<std::string, int> used_labels;
  for (const char* suite : {"sparql10", "sparql11"}) {
    fs::path top = kSparqlDir / suite /
                   (std::string_view(suite) == "sparql10" ? "manifest.ttl" : "manifest-all.ttl");
    for (auto& t : wsiskg::query::testing::read_manifest_tree(top.string())) {
      Expect expect;
      if (t.type == "PositiveSyntaxTest" || t.type == "PositiveSyntaxTest11" ||
          t.type == "QueryEvaluationTest" || t.type == "CSVResultFormatTest")
        expect = Expect::Parse;
      else if (t.type == "NegativeSyntaxTest" || t.type == "NegativeSyntaxTest11")
        expect = Expect::Reject;
      else if (t.type == "PositiveUpdateSyntaxTest11" || t.type == "NegativeUpdateSyntaxTest11")
        expect = Expect::UpdateOutOfScope;
      else
        continue;  // update evaluation, protocol, … : not syntax tests
      if (t.action.ends_with(".ru")) expect = Expect::UpdateOutOfScope;
      std::string folder = fs::path(t.manifest).parent_path().filename().string();
      std::string local = t.iri.substr(t.iri.find_last_of("#/") + 1);
      std::string label = sanitize(std::string(suite) + "_" + folder + "_" + local);
      if (int n = used_labels[label]++; n > 0) label += "_" + std::to_string(n);
      cases.push_back({std::move(t), suite, expect, std::move(label)});
    }
  }
  return cases;
}

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = load_cases();
  return cases;
}

// Test IRI -> reason.
const std::map<std::string, std::string>& expected_failures() {
  static const std::map<std::string, std::string> entries = [] {
    std::map<std::string, std::string> out;
    std::ifstream in(WSISKG_QUERY_EXPECTED_FAILURES);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string iri, reason;
      fields >> iri;
      std::getline(fields >> std::ws, reason);
      out[iri] = reason;
    }
    return out;
  }();
  return entries;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Outcome {
  bool parsed = false;
  std::string error;
};

Outcome run(const Case& c) {
  Outcome outcome;
  try {
    wsiskg::query::Query query =
        wsiskg::query::parse_query(read_file(c.test.action), c.test.action);
    outcome.parsed = true;
    // Every accepted query must also translate to algebra (smoke test of the translation).
    (void)wsiskg::query::algebra::translate(query);
  } catch (const wsiskg::Error& e) {
    outcome.error = e.what();
  }
  return outcome;
}

bool passes(const Case& c, const Outcome& o) {
  return (c.expect == Expect::Parse) == o.parsed;
}

class SparqlSyntax : public ::testing::TestWithParam<Case> {};

TEST_P(SparqlSyntax, Conforms) {
  const Case& c = GetParam();
  if (c.expect == Expect::UpdateOutOfScope)
    GTEST_SKIP() << "update syntax: not in scope (" << c.test.action << ")";
  Outcome o = run(c);
  auto expected = expected_failures().find(c.test.iri);
  if (expected != expected_failures().end()) {
    EXPECT_FALSE(passes(c, o)) << c.test.iri << " is listed as an expected failure ("
                               << expected->second << ") but now passes: remove it from "
                               << "sparql_syntax_expected_failures.txt";
    return;
  }
  if (c.expect == Expect::Parse)
    EXPECT_TRUE(o.parsed) << c.test.iri << " (" << c.test.action << ") should parse:\n" << o.error;
  else
    EXPECT_FALSE(o.parsed) << c.test.iri << " (" << c.test.action << ") should be rejected";
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return info.param.label;
}

INSTANTIATE_TEST_SUITE_P(W3C, SparqlSyntax, ::testing::ValuesIn(all_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SparqlSyntax);

// Prints pass counts per suite and kind, and checks the expected-failures list is not stale.
TEST(SparqlSyntaxSummary, CountsAndExpectedFailureList) {
  if (all_cases().empty())
    GTEST_SKIP() << "W3C SPARQL tests not found at " << kSparqlDir
                 << " (set WSISKG_SHARED_DIR to the shared data folder)";
  struct Tally {
    int passed = 0, failed = 0, expected_fail = 0, skipped = 0;
  };
  std::map<std::string, Tally> tallies;
  std::map<std::string, bool> listed_seen;
  for (const auto& [iri, reason] : expected_failures()) {
    listed_seen[iri] = false;
    EXPECT_FALSE(reason.empty()) << "expected-failures entry without a reason: " << iri;
  }
  for (const Case& c : all_cases()) {
    std::string key =
        c.suite + " " +
        (c.expect == Expect::Parse
             ? (c.test.type.starts_with("Positive") ? "positive syntax" : "evaluation query parses")
         : c.expect == Expect::Reject ? "negative syntax"
                                      : "update (skipped)");
    Tally& t = tallies[key];
    if (c.expect == Expect::UpdateOutOfScope) {
      ++t.skipped;
      continue;
    }
    bool ok = passes(c, run(c));
    if (auto it = listed_seen.find(c.test.iri); it != listed_seen.end()) {
      it->second = true;
      ++t.expected_fail;
    } else {
      ++(ok ? t.passed : t.failed);
    }
  }
  for (const auto& [key, t] : tallies)
    std::printf("  %-40s passed %4d  failed %3d  expected-failure %3d  skipped %3d\n", key.c_str(),
                t.passed, t.failed, t.expected_fail, t.skipped);
  for (const auto& [iri, seen] : listed_seen)
    EXPECT_TRUE(seen) << "expected-failures entry matches no test: " << iri;
}

}  // namespace
