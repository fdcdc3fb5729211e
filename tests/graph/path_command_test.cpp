// `wsiskg path` end to end: the built binary on a small imported graph.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "command_runner.hpp"

namespace wsiskg::testing {
namespace {

const std::filesystem::path kData = WSISKG_GRAPH_TEST_DATA;

class PathCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto imported = wsiskg("import " + shell_quote((kData / "paths.ttl").string()));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  CommandResult wsiskg(const std::string& args) {
    return run_shell(shell_quote(WSISKG_BINARY) + " --quiet " + args, work_.path());
  }
  static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) result.push_back(line);
    return result;
  }
  TempDirectory work_;
};

TEST_F(PathCommandTest, TsvIsExactlyHeaderAndOneRowPerPathInNTriples) {
  auto result = wsiskg("path ex:a ex:e --format tsv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "source\ttarget\tlength\tpath\n"
            "<http://example.org/a>\t<http://example.org/e>\t2\t<http://example.org/a> "
            "-<http://example.org/likes>-> <http://example.org/c> -<http://example.org/partOf>-> "
            "<http://example.org/e>\n");
}

TEST_F(PathCommandTest, TsvIsTheDefaultWhenNotATerminalAndShowsBackwardSteps) {
  auto result = wsiskg("path '<http://example.org/e>' ex:d --direction both");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(lines(result.out).at(1),
            "<http://example.org/e>\t<http://example.org/d>\t2\t<http://example.org/e> "
            "<-<http://example.org/partOf>- <http://example.org/c> <-<http://example.org/knows>- "
            "<http://example.org/d>");
}

TEST_F(PathCommandTest, UnreachablePairPrintsNoRowsAndExitsZero) {
  auto result = wsiskg("path ex:e ex:a");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "source\ttarget\tlength\tpath\n");
}

TEST_F(PathCommandTest, UnknownIriIsAnErrorNamingIt) {
  auto result = wsiskg("path ex:a ex:nobody");
  EXPECT_EQ(result.exit_code, 64);
  EXPECT_NE(result.err.find("<http://example.org/nobody>"), std::string::npos) << result.err;
  auto prefix = wsiskg("path zz:a ex:b");
  EXPECT_EQ(prefix.exit_code, 64);
  EXPECT_NE(prefix.err.find("zz:"), std::string::npos) << prefix.err;
}

TEST_F(PathCommandTest, ModesAndLimits) {
  auto all_simple = wsiskg("path ex:a ex:c --all-simple --format tsv");
  ASSERT_EQ(all_simple.exit_code, 0) << all_simple.err;
  EXPECT_EQ(lines(all_simple.out).size(), 3u);  // header + a-likes-c + a-knows-b-knows-c
  auto k = wsiskg("path ex:a ex:c --k 1 --format tsv");
  EXPECT_EQ(lines(k.out).size(), 2u);
  auto limited = wsiskg("path ex:a ex:c --all-simple --limit 1 --format tsv");
  EXPECT_EQ(limited.exit_code, 0);
  EXPECT_EQ(lines(limited.out).size(), 2u);
  EXPECT_NE(limited.err.find("truncated"), std::string::npos) << limited.err;
  auto short_only = wsiskg("path ex:a ex:e --max-length 1 --format tsv");
  EXPECT_EQ(lines(short_only.out).size(), 1u);
  EXPECT_NE(short_only.err.find("--max-length 1"), std::string::npos) << short_only.err;
  auto conflicting = wsiskg("path ex:a ex:c --all-simple --all-shortest");
  EXPECT_EQ(conflicting.exit_code, 64);
}

TEST_F(PathCommandTest, ViaRestrictsPredicatesAndRejectsPathExpressions) {
  auto via = wsiskg("path ex:a ex:c --via ex:knows --format tsv");
  ASSERT_EQ(via.exit_code, 0) << via.err;
  EXPECT_NE(lines(via.out).at(1).find("\t2\t"), std::string::npos);
  auto expression = wsiskg("path ex:a ex:c --via 'ex:knows/ex:likes'");
  EXPECT_EQ(expression.exit_code, 64);
  EXPECT_NE(expression.err.find("SPARQL"), std::string::npos) << expression.err;
}

TEST_F(PathCommandTest, FromTypeUsesEveryInstance) {
  auto result = wsiskg("path --from-type ex:Person ex:e --format tsv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto rows = lines(result.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].rfind("<http://example.org/a>\t", 0), 0u);
  EXPECT_EQ(rows[2].rfind("<http://example.org/d>\t", 0), 0u);
}

TEST_F(PathCommandTest, JsonCarriesStepsAndTruncation) {
  auto result = wsiskg("path ex:a ex:c --all-simple --limit 1 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["mode"], "all-simple");
  EXPECT_EQ(json["truncated"], true);
  EXPECT_EQ(json["truncation"]["reason"], "path limit");
  ASSERT_EQ(json["paths"].size(), 1u);
  EXPECT_EQ(json["paths"][0]["steps"][0]["direction"], "forward");
  EXPECT_EQ(json["paths"][0]["nodes"][0], "<http://example.org/a>");
}

TEST_F(PathCommandTest, WeightedSearchAvoidsCostlyPredicates) {
  auto result = wsiskg("path ex:a ex:c --k 2 --weight ex:cost --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["paths"].size(), 2u);
  EXPECT_EQ(json["paths"][0]["cost"], 1.0);
  EXPECT_EQ(json["paths"][1]["cost"], 10.0);
}

TEST_F(PathCommandTest, DotDrawsEachEdgeOnceInTripleDirection) {
  auto result = wsiskg("path ex:e ex:d --direction both --format dot");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("digraph paths {", 0), 0u);
  EXPECT_NE(result.out.find("[label=\"ex:partOf\"]"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("[label=\"ex:knows\"]"), std::string::npos) << result.out;
}

TEST_F(PathCommandTest, SvgNeedsGraphviz) {
  auto result = wsiskg("path ex:a ex:e --format svg");
  bool have_dot = std::system("command -v dot >/dev/null 2>&1") == 0;
  if (have_dot) {
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("<svg"), std::string::npos);
  } else {
    EXPECT_EQ(result.exit_code, 64);
    EXPECT_NE(result.err.find("graphviz"), std::string::npos) << result.err;
  }
}

}  // namespace
}  // namespace wsiskg::testing
