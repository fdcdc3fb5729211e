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

TEST_F(PathCommandTest, ViaRestrictsPredicatesAndAcceptsPathExpressions) {
  auto via = wsiskg("path ex:a ex:c --via ex:knows --format tsv");
  ASSERT_EQ(via.exit_code, 0) << via.err;
  EXPECT_NE(lines(via.out).at(1).find("\t2\t"), std::string::npos);
  // A property-path expression the whole path must match.
  auto expression = wsiskg("path ex:a ex:e --via 'ex:knows/ex:knows/ex:partOf' --format tsv");
  ASSERT_EQ(expression.exit_code, 0) << expression.err;
  ASSERT_EQ(lines(expression.out).size(), 2u) << expression.out;
  EXPECT_EQ(lines(expression.out).at(1),
            "<http://example.org/a>\t<http://example.org/e>\t3\t<http://example.org/a> "
            "-<http://example.org/knows>-> <http://example.org/b> -<http://example.org/knows>-> "
            "<http://example.org/c> -<http://example.org/partOf>-> <http://example.org/e>");
  auto inverse = wsiskg("path ex:a ex:d --via 'ex:likes/^ex:knows' --format tsv");
  ASSERT_EQ(inverse.exit_code, 0) << inverse.err;
  ASSERT_EQ(lines(inverse.out).size(), 2u) << inverse.out;
  EXPECT_NE(lines(inverse.out).at(1).find("<-<http://example.org/knows>- <http://example.org/d>"),
            std::string::npos);
  auto none = wsiskg("path ex:a ex:c --via 'ex:knows/ex:likes' --format tsv");
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(lines(none.out).size(), 1u) << none.out;
  auto mixed = wsiskg("path ex:a ex:c --via ex:knows --via 'ex:knows/ex:likes'");
  EXPECT_EQ(mixed.exit_code, 64);
  auto broken = wsiskg("path ex:a ex:c --via 'ex:knows/('");
  EXPECT_EQ(broken.exit_code, 64);
  EXPECT_NE(broken.err.find("--via"), std::string::npos) << broken.err;
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

TEST_F(PathCommandTest, QueryDotDrawsThePathValuesOfTheResult) {
  auto result = wsiskg(
      "query --format dot 'SELECT ?p WHERE { ex:a ANY SHORTEST ((ex:likes|ex:partOf)+ AS ?p) ?o "
      "}'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("digraph paths {", 0), 0u) << result.out;
  // a -likes-> c -partOf-> e: the union of the paths to c and to e, each edge once.
  EXPECT_NE(result.out.find("n0 [label=\"ex:a\", style=\"rounded,bold\"];"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("n0 -> n1 [label=\"ex:likes\"];"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("n1 -> n2 [label=\"ex:partOf\"];"), std::string::npos) << result.out;
  auto first = result.out.find("n0 -> n1");
  EXPECT_EQ(result.out.find("n0 -> n1", first + 1), std::string::npos) << result.out;

  auto nothing = wsiskg("query --format dot 'SELECT ?s WHERE { ?s ex:knows ex:b }'");
  EXPECT_EQ(nothing.exit_code, 0) << nothing.err;
  EXPECT_NE(nothing.err.find("no path values"), std::string::npos) << nothing.err;
  auto ask = wsiskg("query --format dot 'ASK { ex:a ANY (ex:likes AS ?p) ex:c }'");
  EXPECT_EQ(ask.exit_code, 64) << ask.err;

  auto svg = wsiskg("query --format svg 'SELECT ?p WHERE { ex:a ANY (ex:likes AS ?p) ex:c }'");
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    EXPECT_EQ(svg.exit_code, 0) << svg.err;
    EXPECT_NE(svg.out.find("<svg"), std::string::npos);
  } else {
    EXPECT_EQ(svg.exit_code, 64);
    EXPECT_NE(svg.err.find("graphviz"), std::string::npos) << svg.err;
  }
}

}  // namespace
}  // namespace wsiskg::testing
