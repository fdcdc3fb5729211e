// Runs every example in README.md's "## Questions you can ask" against a store built from the
// knowledge base with the built `wsiskg`, and compares standard output with the block exactly,
// so the documented answers cannot drift from the program or the data.
//
// Block form (one per question, after a heading or bold line naming it):
//   ```console
//   $ wsiskg query --format tsv '…'
//   <exact output lines>
//   ```

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "command_runner.hpp"

namespace {

namespace fs = std::filesystem;
using wsiskg::testing::CommandResult;
using wsiskg::testing::run_shell;
using wsiskg::testing::shell_quote;

const std::string kBinary = WSISKG_BINARY;
const fs::path kReadme = WSISKG_README;
const fs::path kOntologies = WSISKG_ONTOLOGIES_DIR;
constexpr std::string_view kSection = "## Questions you can ask";

struct Question {
  std::string title;     // the heading or bold line before the block
  std::string command;   // after "$ ", starting with "wsiskg"
  std::string expected;  // the remaining lines, each ending in '\n'
  int line = 0;          // README line of the command
};

// Keeps ctest names short: gtest would otherwise dump the struct's bytes.
void PrintTo(const Question& question, std::ostream* out) {
  *out << "README.md:" << question.line;
}

std::string trim(std::string text) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

std::vector<Question> parse_questions() {
  std::ifstream in(kReadme);
  std::vector<Question> questions;
  if (!in) return questions;
  std::string line, title;
  int number = 0;
  bool in_section = false;
  std::optional<Question> block;
  while (std::getline(in, line)) {
    ++number;
    if (!block && line.rfind("## ", 0) == 0) {
      if (in_section) break;  // the next section ends ours
      in_section = (line == kSection);
      continue;
    }
    if (!in_section) continue;
    if (block) {
      if (line == "```") {
        questions.push_back(std::move(*block));
        block.reset();
      } else if (block->command.empty()) {
        // The first line must be the command; anything else leaves the question without one,
        // which its test reports.
        if (line.rfind("$ ", 0) == 0) block->command = line.substr(2);
        block->line = number;
      } else {
        block->expected += line + "\n";
      }
      continue;
    }
    if (line == "```console") {
      block = Question{title, "", "", number};
    } else if (line.rfind("### ", 0) == 0) {
      title = trim(line.substr(4));
    } else if (line.rfind("**", 0) == 0) {
      auto end = line.find("**", 2);
      title = trim(line.substr(2, end == std::string::npos ? std::string::npos : end - 2));
    }
  }
  return questions;
}

// A test name from the title: letters and digits only, numbered to stay unique.
std::string test_name(const ::testing::TestParamInfo<Question>& info) {
  std::string name = std::to_string(info.index + 1) + "_";
  bool gap = false;
  for (char c : info.param.title) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (gap && name.back() != '_') name += '_';
      name += c;
      gap = false;
    } else {
      gap = true;
    }
    if (name.size() > 60) break;
  }
  return name;
}

class ReadmeQuestions : public ::testing::TestWithParam<Question> {
 protected:
  static void SetUpTestSuite() {
    store_dir_ = std::make_unique<wsiskg::testing::TempDirectory>();
    std::string command = shell_quote(kBinary) + " --store " + shell_quote(store().string()) +
                          " import --quiet " + shell_quote((kOntologies / "wsis.ttl").string());
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(kOntologies / "kb")) {
      if (entry.path().extension() == ".trig") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      command += ' ';
      command += shell_quote(file);
    }
    import_ = run_shell(command, store_dir_->path());
  }
  static void TearDownTestSuite() { store_dir_.reset(); }
  static fs::path store() { return store_dir_->path() / "kb.db"; }

  static inline std::unique_ptr<wsiskg::testing::TempDirectory> store_dir_;
  static inline CommandResult import_;
};

TEST_P(ReadmeQuestions, OutputMatchesTheProgram) {
  ASSERT_EQ(import_.exit_code, 0) << "building the KB store failed: " << import_.err;
  const Question& q = GetParam();
  SCOPED_TRACE("README.md line " + std::to_string(q.line) + ": " + q.title);
  const std::string program = "wsiskg ";
  ASSERT_EQ(q.command.rfind(program, 0), 0u) << "the block must start with '$ wsiskg …'";
  ASSERT_FALSE(q.expected.empty()) << "the block shows no output";
  const std::string command = shell_quote(kBinary) + " --store " + shell_quote(store().string()) +
                              " " + q.command.substr(program.size());
  CommandResult result = run_shell(command, store_dir_->path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, q.expected) << "command: " << q.command;
}

TEST(ReadmeQuestionsSection, HasEnoughQuestions) {
  // The section exists and documents at least a dozen questions.
  EXPECT_GE(parse_questions().size(), 12u) << "in " << kReadme;
}

INSTANTIATE_TEST_SUITE_P(Readme, ReadmeQuestions, ::testing::ValuesIn(parse_questions()),
                         test_name);

}  // namespace
