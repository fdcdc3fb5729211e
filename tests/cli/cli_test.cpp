// End-to-end: the built binary, run through a shell, as a user runs it.

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "command_runner.hpp"

namespace wsiskg::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kData = WSISKG_CLI_TEST_DATA;

class CliTest : public ::testing::Test {
 protected:
  // Runs `wsiskg ARGS` in a fresh working directory, with the default store ./wsiskg.db there.
  CommandResult wsiskg(const std::string& args, const std::string& stdin_text = {}) {
    return run_shell(shell_quote(WSISKG_BINARY) + " " + args, work_.path(), stdin_text);
  }
  std::string data(const std::string& name) { return shell_quote((kData / name).string()); }
  fs::path path(const std::string& name) { return work_.path() / name; }

  std::string export_all() {
    auto result = wsiskg("export --format nq");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  static std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  }

  TempDirectory work_;
};

TEST_F(CliTest, HelpListsTheCommandsAndExitsZero) {
  auto result = wsiskg("--help");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"import", "export", "stats", "clear", "--store"}) {
    EXPECT_NE(result.out.find(command), std::string::npos) << command << "\n" << result.out;
  }
  auto import_help = wsiskg("import --help");
  EXPECT_EQ(import_help.exit_code, 0);
  EXPECT_NE(import_help.out.find("--lenient"), std::string::npos);
}

TEST_F(CliTest, VersionPrintsTheVersion) {
  auto result = wsiskg("--version");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("wsiskg ", 0), 0u) << result.out;
}

TEST_F(CliTest, UsageErrorsExit64) {
  EXPECT_EQ(wsiskg("").exit_code, 64);
  EXPECT_EQ(wsiskg("no-such-command").exit_code, 64);
  EXPECT_EQ(wsiskg("import").exit_code, 64);  // FILE is required
  EXPECT_EQ(wsiskg("import --format banana " + data("people.nt")).exit_code, 64);
  EXPECT_EQ(wsiskg("clear").exit_code, 64);  // must say what to clear
}

TEST_F(CliTest, ImportThenStatsAndExport) {
  auto imported = wsiskg("import " + data("people.nt"));
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.err.find("imported 5 statements: 5 added, 0 duplicates"), std::string::npos)
      << imported.err;
  EXPECT_TRUE(fs::exists(path("wsiskg.db")));

  auto stats = wsiskg("stats");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("statements     5"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("<http://xmlns.com/foaf/0.1/name>"), std::string::npos) << stats.out;

  auto exported = wsiskg("export --format nt");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(count_lines(exported.out), 5u) << exported.out;
  EXPECT_NE(exported.out.find("<http://example.org/bob> <http://xmlns.com/foaf/0.1/name> "
                              "\"Bob\"@en ."),
            std::string::npos)
      << exported.out;
  EXPECT_NE(exported.out.find("\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>"),
            std::string::npos)
      << exported.out;
}

TEST_F(CliTest, ReimportingTheSameFileChangesNothing) {
  ASSERT_EQ(wsiskg("import " + data("people.nt")).exit_code, 0);
  std::string before = export_all();
  auto again = wsiskg("import " + data("people.nt"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("0 added, 5 duplicates"), std::string::npos) << again.err;
  EXPECT_EQ(export_all(), before);
}

TEST_F(CliTest, BadFileFailsWithPositionAndLeavesStoreUnchanged) {
  ASSERT_EQ(wsiskg("import " + data("people.nt")).exit_code, 0);
  std::string before = export_all();
  auto bad = wsiskg("import " + data("people.nt") + " " + data("bad_line3.nt"));
  EXPECT_EQ(bad.exit_code, 65) << bad.err;
  EXPECT_NE(bad.err.find("bad_line3.nt:3:"), std::string::npos) << bad.err;
  EXPECT_EQ(export_all(), before);
}

TEST_F(CliTest, LenientSkipsBadStatementsAndLoadsTheRest) {
  auto result = wsiskg("import --lenient " + data("bad_line3.nt"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("bad_line3.nt:3:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("1 bad statements skipped"), std::string::npos) << result.err;
  EXPECT_EQ(count_lines(export_all()), 3u);
}

TEST_F(CliTest, MissingInputExits66) {
  auto result = wsiskg("import no-such-file.nt");
  EXPECT_EQ(result.exit_code, 66) << result.err;
  EXPECT_NE(result.err.find("no-such-file.nt"), std::string::npos) << result.err;
  auto stats = wsiskg("--store nowhere.db stats");
  EXPECT_EQ(stats.exit_code, 66) << stats.err;
  EXPECT_FALSE(fs::exists(path("nowhere.db")));
}

TEST_F(CliTest, DirectoryThatIsNotAStoreExits74AndIsLeftAlone) {
  fs::create_directory(path("notes"));
  write_file(path("notes") / "todo.txt", "not a store\n");
  auto result = wsiskg("--store notes import " + data("people.nt"));
  EXPECT_EQ(result.exit_code, 74) << result.err;
  EXPECT_NE(result.err.find("notes"), std::string::npos) << result.err;
  EXPECT_EQ(std::distance(fs::directory_iterator(path("notes")), fs::directory_iterator{}), 1);
}

TEST_F(CliTest, ImportsFromStandardInput) {
  auto result = wsiskg("import --format nt -", read_file(kData / "people.nt"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(count_lines(export_all()), 5u);
}

TEST_F(CliTest, ReadsGzipTransparently) {
  std::string text = read_file(kData / "people.nt");
  gzFile gz = gzopen(path("people.nt.gz").c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())),
            static_cast<int>(text.size()));
  gzclose(gz);
  auto result = wsiskg("import people.nt.gz");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(count_lines(export_all()), 5u);
}

TEST_F(CliTest, GraphOptionAndPerGraphExport) {
  ASSERT_EQ(wsiskg("import --graph http://example.org/people " + data("people.nt")).exit_code, 0);
  ASSERT_EQ(wsiskg("import " + data("graphs.nq")).exit_code, 0);
  auto people = wsiskg("export --graph http://example.org/people");
  ASSERT_EQ(people.exit_code, 0) << people.err;
  EXPECT_EQ(count_lines(people.out), 5u) << people.out;
  auto g1 = wsiskg("export --format nq --graph '<http://example.org/g1>'");
  ASSERT_EQ(g1.exit_code, 0) << g1.err;
  EXPECT_EQ(g1.out, "<http://example.org/s> <http://example.org/p> \"in g1\" "
                    "<http://example.org/g1> .\n");
  auto default_graph = wsiskg("export --graph default");
  ASSERT_EQ(default_graph.exit_code, 0) << default_graph.err;
  EXPECT_EQ(default_graph.out, "<http://example.org/s> <http://example.org/p> \"default\" .\n");
  auto unknown = wsiskg("export --graph http://example.org/nope");
  EXPECT_EQ(unknown.exit_code, 64);
  EXPECT_NE(unknown.err.find("<http://example.org/nope>"), std::string::npos) << unknown.err;
}

TEST_F(CliTest, StoreOptionBeforeOrAfterTheCommandAndFromEnvironment) {
  ASSERT_EQ(wsiskg("--store first.db import " + data("people.nt")).exit_code, 0);
  ASSERT_EQ(wsiskg("import " + data("graphs.nq") + " --store second.db").exit_code, 0);
  EXPECT_EQ(count_lines(wsiskg("export --store first.db").out), 5u);
  EXPECT_EQ(count_lines(wsiskg("--store second.db export").out), 3u);
  auto from_env = run_shell("WSISKG_STORE=second.db " + shell_quote(WSISKG_BINARY) + " export",
                            work_.path());
  EXPECT_EQ(count_lines(from_env.out), 3u) << from_env.err;
  EXPECT_FALSE(fs::exists(path("wsiskg.db")));
}

TEST_F(CliTest, TurtlePrefixesAreKeptForExportAndStats) {
  ASSERT_EQ(wsiskg("import " + data("agencies.ttl")).exit_code, 0);
  auto turtle = wsiskg("export --format ttl");
  ASSERT_EQ(turtle.exit_code, 0) << turtle.err;
  EXPECT_NE(turtle.out.find("@prefix wsis: <https://w3id.org/wsiskg/ontology#>"),
            std::string::npos)
      << turtle.out;
  auto stats = wsiskg("stats");
  EXPECT_NE(stats.out.find("wsis:facilitates"), std::string::npos) << stats.out;
}

TEST_F(CliTest, ExportToFileRoundTrips) {
  ASSERT_EQ(wsiskg("import " + data("people.nt") + " " + data("graphs.nq")).exit_code, 0);
  auto exported = wsiskg("export -o dump.nq");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto reimported = wsiskg("--store copy.db import dump.nq");
  ASSERT_EQ(reimported.exit_code, 0) << reimported.err;
  EXPECT_EQ(count_lines(wsiskg("--store copy.db export").out), 8u);
}

TEST_F(CliTest, ClearOneGraphOrEverything) {
  ASSERT_EQ(wsiskg("import " + data("graphs.nq")).exit_code, 0);
  auto cleared = wsiskg("clear --graph http://example.org/g1");
  ASSERT_EQ(cleared.exit_code, 0) << cleared.err;
  EXPECT_EQ(count_lines(export_all()), 2u);
  ASSERT_EQ(wsiskg("clear --all").exit_code, 0);
  EXPECT_EQ(export_all(), "");
}

TEST_F(CliTest, BlankNodesAreScopedPerFile) {
  write_file(path("one.nt"), "_:b0 <http://example.org/p> \"1\" .\n");
  write_file(path("two.nt"),
             "_:b0 <http://example.org/p> \"2\" .\n_:b0 <http://example.org/q> \"2\" .\n");
  ASSERT_EQ(wsiskg("import one.nt two.nt").exit_code, 0);
  std::istringstream lines(wsiskg("export --format nt").out);
  std::set<std::string> subjects;
  std::size_t statements = 0;
  for (std::string line; std::getline(lines, line); ++statements) {
    ASSERT_EQ(line.rfind("_:", 0), 0u) << line;
    subjects.insert(line.substr(0, line.find(' ')));
  }
  EXPECT_EQ(statements, 3u);
  // Two files' _:b0 are two nodes; within a file _:b0 is one node.
  EXPECT_EQ(subjects.size(), 2u);
}

}  // namespace
}  // namespace wsiskg::testing
