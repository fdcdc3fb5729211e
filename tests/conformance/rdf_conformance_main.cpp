// The W3C RDF 1.1 syntax test suites (N-Triples, N-Quads, Turtle, TriG) as GoogleTest cases,
// registered at startup from the manifests in WSISKG_SHARED_DIR/w3c/rdf/rdf11/.
//
// Each W3C test gives two cases: `<suite>.<name>` runs the test against our parser, and
// `<suite>_store.<name>` sends the same document through a fresh store and its N-Quads export.
// '-' in test names becomes '_' because gtest filters treat '-' as "exclude".
// Failures are checked against rdf_expected_failures.txt, which must be exact, and a summary
// line per suite is printed at the end.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "expected_failures.hpp"
#include "manifest.hpp"
#include "rdf_test_checks.hpp"
#include "wsiskg/import/format.hpp"
#include "wsiskg/rdf/error.hpp"

#ifndef WSISKG_SHARED_DIR
#error "WSISKG_SHARED_DIR must be defined by the build"
#endif
#ifndef WSISKG_EXPECTED_FAILURES_FILE
#error "WSISKG_EXPECTED_FAILURES_FILE must be defined by the build"
#endif

namespace wsiskg::conformance {
namespace {

struct SuiteSpec {
  const char* key;     // gtest suite name and prefix of display names
  const char* folder;  // under w3c/rdf/rdf11/
};
constexpr SuiteSpec kSuites[] = {
    {"ntriples", "rdf-n-triples"},
    {"nquads", "rdf-n-quads"},
    {"turtle", "rdf-turtle"},
    {"trig", "rdf-trig"},
};
// Where the suites are published; manifests are parsed with their published URL as base, so
// test IRIs match the ones in implementation reports.
constexpr std::string_view kPublishedRoot = "https://w3c.github.io/rdf-tests/rdf/rdf11/";

std::filesystem::path shared_dir() {
  std::filesystem::path dir = WSISKG_SHARED_DIR;
  if (const char* env = std::getenv("WSISKG_SHARED_DIR"); env != nullptr && *env != '\0') {
    dir = env;
  }
  std::error_code ignored;  // a missing folder is reported (and skipped) by the caller
  auto canonical = std::filesystem::weakly_canonical(dir, ignored);
  return canonical.empty() ? dir : canonical;
}

std::filesystem::path expected_failures_file() {
  if (const char* env = std::getenv("WSISKG_EXPECTED_FAILURES"); env != nullptr && *env != '\0') {
    return env;
  }
  return WSISKG_EXPECTED_FAILURES_FILE;
}

// --- outcome bookkeeping for the summary ---------------------------------------------------

struct Tally {
  int tests = 0, passed = 0, failed = 0, expected_failures = 0, skipped = 0;
};

// Full gtest names ("turtle.IRI_subject") of cases that failed as the list expects.
std::set<std::string>& expected_failure_outcomes() {
  static std::set<std::string> names;
  return names;
}

std::string full_name() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  return std::string(info->test_suite_name()) + "." + info->name();
}

// At most `count` lines of `text`, for short log entries.
std::string first_lines(const std::string& text, int count) {
  std::size_t pos = 0;
  for (int i = 0; i < count; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return text;
    ++pos;
  }
  return pos >= text.size() ? text : text.substr(0, pos) + "  ...";
}

class SummaryPrinter : public testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const testing::TestInfo& info) override {
    Tally& t = tallies_[info.test_suite_name()];
    ++t.tests;
    const auto* result = info.result();
    if (result->Skipped()) {
      ++t.skipped;
    } else if (result->Failed()) {
      ++t.failed;
    } else if (expected_failure_outcomes().contains(std::string(info.test_suite_name()) + "." +
                                                    info.name())) {
      ++t.expected_failures;
    } else {
      ++t.passed;
    }
  }

  void OnTestProgramEnd(const testing::UnitTest&) override {
    for (const auto& [suite, t] : tallies_) {
      std::printf(
          "[  SUMMARY ] %s: %d tests, %d passed, %d failed, %d expected failures, %d "
          "skipped\n",
          suite.c_str(), t.tests, t.passed, t.failed, t.expected_failures, t.skipped);
    }
    std::fflush(stdout);
  }

 private:
  std::map<std::string, Tally> tallies_;
};

// --- test cases ------------------------------------------------------------------------------

enum class Check { Parser, Store };

struct CaseSpec {
  RdfCase rdf;
  Check check = Check::Parser;
  std::string display_name;  // "turtle/IRI_subject" or "turtle-store/IRI_subject"
  std::optional<std::string> expected_failure;
};

class RdfSyntaxTest : public testing::Test {
 public:
  explicit RdfSyntaxTest(std::shared_ptr<const CaseSpec> spec) : spec_(std::move(spec)) {}

  void TestBody() override {
    const CaseSpec& spec = *spec_;
    RecordProperty("w3c_test", spec.rdf.test.iri);
    std::optional<std::string> failure;
    try {
      failure =
          spec.check == Check::Parser ? check_parser(spec.rdf) : check_store_round_trip(spec.rdf);
    } catch (const std::exception& e) {
      failure = std::string("unexpected exception: ") + e.what();
    }
    const std::string context = fmt_context(spec) + (failure ? "\n" + *failure : std::string());
    if (spec.expected_failure) {
      if (!failure) {
        ADD_FAILURE() << "expected failure now passes: remove it from the list ("
                      << expected_failures_file().string() << ")\n"
                      << context;
        return;
      }
      expected_failure_outcomes().insert(full_name());
      std::printf("expected failure (%s): %s\n", spec.expected_failure->c_str(),
                  first_lines(context, 8).c_str());
      return;
    }
    if (failure) ADD_FAILURE() << context;
  }

 private:
  static std::string fmt_context(const CaseSpec& spec) {
    std::string out = spec.display_name + " <" + spec.rdf.test.iri + ">\n  type " +
                      std::string(iri_local_name(spec.rdf.test.type_iri)) + ", action " +
                      spec.rdf.action.string();
    if (spec.rdf.result) out += ", result " + spec.rdf.result->string();
    if (!spec.rdf.test.comment.empty()) out += "\n  comment: " + spec.rdf.test.comment;
    return out;
  }

  std::shared_ptr<const CaseSpec> spec_;
};

class FunctionTest : public testing::Test {
 public:
  explicit FunctionTest(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

// A case that only reports a problem found while registering (missing suite, broken manifest).
class SetupTest : public testing::Test {
 public:
  SetupTest(bool skip, std::string message) : skip_(skip), message_(std::move(message)) {}
  void TestBody() override {
    if (skip_) GTEST_SKIP() << message_;
    FAIL() << message_;
  }

 private:
  bool skip_;
  std::string message_;
};

template <typename Factory>
void register_case(const std::string& suite, const std::string& name, Factory factory) {
  // gtest owns the fixture it gets from the factory.
  testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                        [factory]() -> testing::Test* { return factory().release(); });
}

void register_setup_case(const std::string& suite, const std::string& name, bool skip,
                         const std::string& message) {
  register_case(suite, name,
                [skip, message] { return std::make_unique<SetupTest>(skip, message); });
}

std::string gtest_name(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

// Reads a manifest and, recursively, the manifests it includes (all in the same folder).
void collect_tests(const std::filesystem::path& file, const std::string& iri,
                   const std::string& published_dir, const std::filesystem::path& folder,
                   std::vector<ManifestTest>& tests, std::optional<std::string>& assumed_base,
                   int depth = 0) {
  if (depth > 8) throw Error(ErrorKind::BadData, "manifest includes nest too deeply: " + iri);
  Manifest manifest = read_manifest(parse_quads(file, iri));
  if (manifest.assumed_test_base && !assumed_base) assumed_base = manifest.assumed_test_base;
  for (auto& test : manifest.tests) tests.push_back(std::move(test));
  for (const auto& include : manifest.includes) {
    collect_tests(local_file_for(include, published_dir, folder), include, published_dir, folder,
                  tests, assumed_base, depth + 1);
  }
}

// Registers every test of one suite and adds the keys it answers to (test IRIs, display names)
// to `known_keys`.
void register_suite(const SuiteSpec& suite, const ExpectedFailures& expected,
                    std::set<std::string>& known_keys) {
  const std::string key = suite.key;
  const std::filesystem::path folder = shared_dir() / "w3c" / "rdf" / "rdf11" / suite.folder;
  const std::filesystem::path manifest_file = folder / "manifest.ttl";
  if (!std::filesystem::exists(manifest_file)) {
    register_setup_case(key, "suite_available", true,
                        "W3C suite not found at " + folder.string() +
                            " (set WSISKG_SHARED_DIR to the shared data folder)");
    return;
  }
  const std::string published_dir = std::string(kPublishedRoot) + suite.folder + "/";
  std::vector<ManifestTest> tests;
  std::optional<std::string> assumed_base;
  try {
    collect_tests(manifest_file, published_dir + "manifest.ttl", published_dir, folder, tests,
                  assumed_base);
  } catch (const std::exception& e) {
    register_setup_case(key, "manifest", false,
                        "cannot read " + manifest_file.string() + ": " + e.what());
    return;
  }
  if (tests.empty()) {
    register_setup_case(key, "manifest", false, manifest_file.string() + " lists no tests");
    return;
  }
  // Documents are parsed with base = assumed test base + file name (README: "base IRIs").
  const std::string document_base = assumed_base.value_or(published_dir);

  std::set<std::string> names;
  for (const auto& test : tests) {
    const std::string local(iri_local_name(test.iri));
    const std::string name = gtest_name(local);
    if (!names.insert(name).second) {
      register_setup_case(key, name + "_duplicate", false, "two tests map to the name " + name);
      continue;
    }
    RdfCase rdf_case;
    rdf_case.suite = key;
    rdf_case.test = test;
    try {
      rdf_case.action = local_file_for(test.action, published_dir, folder);
      rdf_case.action_base = document_base + rdf_case.action.filename().string();
      if (test.result) {
        rdf_case.result = local_file_for(*test.result, published_dir, folder);
      }
    } catch (const std::exception& e) {
      register_setup_case(key, name, false, e.what());
      continue;
    }
    for (Check check : {Check::Parser, Check::Store}) {
      auto spec = std::make_shared<CaseSpec>();
      spec->rdf = rdf_case;
      spec->check = check;
      spec->display_name = (check == Check::Parser ? key : key + "-store") + "/" + local;
      // The W3C test IRI names the parser check; the store check only by its display name.
      spec->expected_failure = expected.reason(spec->display_name);
      if (check == Check::Parser && !spec->expected_failure) {
        spec->expected_failure = expected.reason(test.iri);
      }
      known_keys.insert(spec->display_name);
      if (check == Check::Parser) known_keys.insert(test.iri);
      const std::string gtest_suite = check == Check::Parser ? key : key + "_store";
      register_case(gtest_suite, name, [spec] { return std::make_unique<RdfSyntaxTest>(spec); });
    }
  }
}

int run(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);

  ExpectedFailures expected;
  std::string list_error;
  try {
    expected = ExpectedFailures::load(expected_failures_file());
  } catch (const std::exception& e) {
    list_error = e.what();
  }
  std::set<std::string> known_keys;
  bool all_suites_present = true;
  for (const auto& suite : kSuites) {
    register_suite(suite, expected, known_keys);
    all_suites_present =
        all_suites_present && std::filesystem::exists(shared_dir() / "w3c" / "rdf" / "rdf11" /
                                                      suite.folder / "manifest.ttl");
  }

  // The list itself: readable, and every entry names a registered test (no stale entries).
  register_case("expected_failures", "list_is_valid", [=] {
    return std::make_unique<FunctionTest>([=] {
      ASSERT_TRUE(list_error.empty()) << list_error;
      if (!all_suites_present) {
        GTEST_SKIP() << "cannot check the list: a W3C suite is missing under "
                     << shared_dir().string();
      }
      std::string stale;
      for (const auto& [entry, reason] : expected.entries()) {
        if (!known_keys.contains(entry)) stale += "\n  " + entry + "  # " + reason;
      }
      EXPECT_TRUE(stale.empty()) << "entries in " << expected_failures_file().string()
                                 << " that name no test (remove them):" << stale;
    });
  });

  // gtest owns listeners it is given.
  testing::UnitTest::GetInstance()->listeners().Append(
      std::make_unique<SummaryPrinter>().release());
  return RUN_ALL_TESTS();
}

}  // namespace
}  // namespace wsiskg::conformance

int main(int argc, char** argv) {
  return wsiskg::conformance::run(argc, argv);
}
