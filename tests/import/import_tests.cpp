// Importer and exporter tests against a real store in a scratch directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wsiskg/import/exporter.hpp"
#include "wsiskg/import/importer.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::import {
namespace {

using store::kAnyTerm;
using store::kDefaultGraph;
using testing::data_file;
using testing::TempDir;

std::uint64_t count_all(const store::Store& s) {
  return s.begin_read().count({kAnyTerm, kAnyTerm, kAnyTerm, kAnyTerm});
}

std::uint64_t count_graph(const store::Store& s, store::TermId graph) {
  return s.begin_read().count({kAnyTerm, kAnyTerm, kAnyTerm, graph});
}

std::optional<store::TermId> iri_id(const store::Store& s, const std::string& iri) {
  return s.begin_read().find(rdf::TermRef(rdf::TermKind::Iri, iri));
}

// Runs `write` against a memory stream and returns what it wrote.
template <typename Fn>
std::string capture(Fn&& write) {
  char* data = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&data, &size);
  write(out);
  std::fclose(out);
  std::string text(data, size);
  std::free(data);
  return text;
}

std::string export_text(const store::Store& s, Format format = Format::NQuads) {
  const auto txn = s.begin_read();
  ExportOptions options;
  options.format = format;
  return capture([&](std::FILE* out) { export_store(txn, out, options); });
}

// N-Quads lines, sorted, with blank node labels replaced (labels are store-internal).
std::vector<std::string> normalized_lines(const std::string& nquads) {
  std::vector<std::string> lines;
  std::istringstream in(nquads);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    // Labels are letters, digits and '_' here; N-Quads strings escape nothing of "_:".
    for (auto at = line.find("_:"); at != std::string::npos; at = line.find("_:", at + 3)) {
      auto end = at + 2;
      while (end < line.size() &&
             (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_')) {
        ++end;
      }
      line.replace(at, end - at, "_:X");
    }
    lines.push_back(line);
  }
  std::ranges::sort(lines);
  return lines;
}

ImportReport import(store::Store& s, std::vector<std::string> files, ImportOptions options = {}) {
  return import_files(s, files, options);
}

class ImportTest : public ::testing::Test {
 protected:
  store::Store open_store(const std::string& name = "store") {
    return store::Store::open(dir_.path() / name);
  }
  std::string write(const std::string& name, std::string_view text) {
    return testing::write_file(dir_.file(name), text);
  }
  TempDir dir_;
};

TEST_F(ImportTest, NTriplesCountsAndReport) {
  auto s = open_store();
  const auto report = import(s, {data_file("simple.nt")});
  EXPECT_EQ(report.statements_read, 5U);
  EXPECT_EQ(report.added, 5U);
  EXPECT_EQ(report.duplicates, 0U);
  EXPECT_EQ(report.skipped, 0U);
  EXPECT_EQ(report.bytes_read, std::filesystem::file_size(data_file("simple.nt")));
  EXPECT_GT(report.seconds, 0.0);
  EXPECT_EQ(count_all(s), 5U);
  EXPECT_EQ(count_graph(s, kDefaultGraph), 5U);
}

TEST_F(ImportTest, EveryFormatInOneTransaction) {
  auto s = open_store();
  const auto report =
      import(s, {data_file("simple.nt"), data_file("simple.nq"), data_file("simple.ttl"),
                 data_file("simple.trig"), data_file("simple.rdf")});
  EXPECT_EQ(report.statements_read, 5U + 3U + 11U + 3U + 5U);
  // Shared between files: alice's foaf:name (nt, ttl), her ex:age (ttl, rdf), s p o (nq, trig)
  // and s p "in g1" in g1 (nq, trig).
  EXPECT_EQ(report.duplicates, 4U);
  EXPECT_EQ(report.added, report.statements_read - 4U);
  EXPECT_EQ(count_all(s), report.added);
  const auto g1 = iri_id(s, "http://example.org/g1");
  ASSERT_TRUE(g1.has_value());
  EXPECT_EQ(count_graph(s, *g1), 1U);
}

TEST_F(ImportTest, DuplicatesAreCounted) {
  auto s = open_store();
  const auto path = write("dup.nt",
                          "<http://e/a> <http://e/p> \"1\" .\n"
                          "<http://e/a> <http://e/p> \"1\" .\n"
                          "<http://e/a> <http://e/p> \"2\" .\n");
  auto report = import(s, {path});
  EXPECT_EQ(report.statements_read, 3U);
  EXPECT_EQ(report.added, 2U);
  EXPECT_EQ(report.duplicates, 1U);
  report = import(s, {path});
  EXPECT_EQ(report.added, 0U);
  EXPECT_EQ(report.duplicates, 3U);
  EXPECT_EQ(count_all(s), 2U);
}

TEST_F(ImportTest, BlankNodesAreScopedPerFile) {
  auto s = open_store();
  const std::string text =
      "_:b0 <http://e/name> \"x\" .\n"
      "_:b0 <http://e/age> \"1\" .\n"
      "<http://e/a> <http://e/knows> _:b0 .\n";
  const auto one = write("one.nt", text);
  const auto two = write("two.nt", text);
  import(s, {one});
  EXPECT_EQ(count_all(s), 3U);
  {
    // Within a file _:b0 is one node: it has both properties, and a knows it.
    const auto txn = s.begin_read();
    const auto knows = txn.find(rdf::Term::iri("http://e/knows"));
    const auto name = txn.find(rdf::Term::iri("http://e/name"));
    const auto age = txn.find(rdf::Term::iri("http://e/age"));
    ASSERT_TRUE(knows && name && age);
    store::IdQuad q;
    auto cursor = txn.scan({kAnyTerm, *knows, kAnyTerm, kDefaultGraph});
    ASSERT_TRUE(cursor.next(q));
    const store::TermId b0 = q.object;
    EXPECT_EQ(txn.count({b0, kAnyTerm, kAnyTerm, kDefaultGraph}), 2U);
  }
  // The same file again changes nothing: its _:b0 is the same node as before.
  auto report = import(s, {one});
  EXPECT_EQ(report.added, 0U);
  EXPECT_EQ(count_all(s), 3U);
  // Another file's _:b0 is another node.
  report = import(s, {two});
  EXPECT_EQ(report.added, 3U);
  EXPECT_EQ(count_all(s), 6U);
}

TEST_F(ImportTest, FailureLeavesStoreUnchanged) {
  auto s = open_store();
  import(s, {data_file("simple.ttl")});
  const std::string before = export_text(s);
  const std::uint64_t count_before = count_all(s);
  ASSERT_GT(count_before, 0U);
  std::string bad;
  for (int i = 0; i < 100; ++i) {
    bad += "<http://e/s" + std::to_string(i) + "> <http://e/p> \"v\" .\n";
  }
  bad += "<http://e/last> <http://e/p> \"broken .\n";
  const auto path = write("bad.nt", bad);
  try {
    import(s, {data_file("simple.nt"), path});
    FAIL() << "import of a broken file succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadData);
    ASSERT_TRUE(e.position().has_value());
    EXPECT_EQ(e.position()->source, path);
    EXPECT_EQ(e.position()->line, 101U);
  }
  EXPECT_EQ(count_all(s), count_before);
  EXPECT_EQ(export_text(s), before);
  // A missing file anywhere in the list also leaves everything as it was.
  EXPECT_THROW(import(s, {data_file("simple.nt"), dir_.file("missing.nt")}), Error);
  EXPECT_EQ(export_text(s), before);
}

TEST_F(ImportTest, GraphOptionAppliesToDefaultGraphStatements) {
  auto s = open_store();
  ImportOptions options;
  options.graph = "http://e/target";
  import(s, {data_file("simple.nt"), data_file("simple.nq")}, options);
  const auto target = iri_id(s, "http://e/target");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(count_graph(s, kDefaultGraph), 0U);
  EXPECT_EQ(count_graph(s, *target), 5U + 1U);  // all of simple.nt, the triple of simple.nq
  EXPECT_EQ(count_graph(s, *iri_id(s, "http://example.org/g1")), 1U);
  EXPECT_EQ(count_graph(s, *iri_id(s, "http://example.org/g2")), 1U);
}

TEST_F(ImportTest, PrefixesAreRecorded) {
  auto s = open_store();
  import(s, {data_file("simple.ttl")});
  const auto prefixes = s.begin_read().prefixes();
  const std::map<std::string, std::string> map(prefixes.begin(), prefixes.end());
  EXPECT_EQ(map.at("ex"), "http://example.org/");
  EXPECT_EQ(map.at("foaf"), "http://xmlns.com/foaf/0.1/");
}

TEST_F(ImportTest, LenientSkipsAndCommits) {
  auto s = open_store();
  const auto path = write("mixed.nt",
                          "<http://e/a> <http://e/p> \"1\" .\n"
                          "<http://e/a> <http://e/p> <bad iri> .\n"
                          "<http://e/a> <http://e/p> \"3\" .\n");
  ImportOptions options;
  options.lenient = true;
  std::vector<std::string> skipped;
  options.on_skipped = [&](const Error& e) { skipped.push_back(e.what()); };
  const auto report = import(s, {path}, options);
  EXPECT_EQ(report.statements_read, 2U);
  EXPECT_EQ(report.skipped, 1U);
  ASSERT_EQ(skipped.size(), 1U);
  EXPECT_EQ(skipped[0].rfind(path + ":2:", 0), 0U) << skipped[0];
  EXPECT_EQ(count_all(s), 2U);
}

// Skipped errors travel to the importer in bounded batches: all are reported, in file order.
TEST_F(ImportTest, LenientReportsEveryBadLineInOrder) {
  auto s = open_store();
  std::string text = "<http://e/a> <http://e/p> \"1\" .\n";
  for (int i = 0; i < 5000; ++i) text += "x y\n";
  text += "<http://e/a> <http://e/p> \"2\" .\n";
  const auto path = write("many-bad.ttl", text);
  ImportOptions options;
  options.lenient = true;
  std::vector<std::uint64_t> lines;
  options.on_skipped = [&](const Error& e) { lines.push_back(e.position()->line); };
  const auto report = import(s, {path}, options);
  EXPECT_EQ(report.skipped, 5000U);
  ASSERT_EQ(lines.size(), 5000U);
  for (std::size_t i = 0; i < lines.size(); ++i) ASSERT_EQ(lines[i], i + 2);
  EXPECT_EQ(count_all(s), 2U);
}

TEST_F(ImportTest, CallbackFailureStopsTheParserThreadAndWritesNothing) {
  auto s = open_store();
  import(s, {data_file("simple.nt")});
  const std::string before = export_text(s);
  // Long enough that the parser thread is still running (and blocked on a full hand-over
  // queue) when the importer gives up at the error on line 3.
  std::string text = "<http://e/a> <http://e/p> \"1\" .\n<http://e/a> <http://e/p> \"2\" .\n";
  text += "<http://e/a> <http://e/p> oops .\n";
  for (int i = 0; i < 700000; ++i)
    text += "<http://e/s> <http://e/p> \"" + std::to_string(i) + "\" .\n";
  const auto path = write("long.nt", text);
  ImportOptions options;
  options.lenient = true;
  options.on_skipped = [](const Error&) { throw std::runtime_error("give up"); };
  EXPECT_THROW(import(s, {path}, options), std::runtime_error);
  EXPECT_EQ(export_text(s), before);
}

TEST_F(ImportTest, ProgressIsReported) {
  auto s = open_store();
  std::vector<ImportProgress> calls;
  ImportOptions options;
  options.on_progress = [&](const ImportProgress& p) { calls.push_back(p); };
  import(s, {data_file("simple.nt"), data_file("simple.nq")}, options);
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back().statements, 8U);
  EXPECT_EQ(calls.back().bytes_read, std::filesystem::file_size(data_file("simple.nt")) +
                                         std::filesystem::file_size(data_file("simple.nq")));
}

TEST_F(ImportTest, ExportRoundTrip) {
  auto s = open_store("first");
  import(s, {data_file("simple.nt"), data_file("simple.nq"), data_file("simple.ttl"),
             data_file("simple.trig"), data_file("simple.rdf")});
  const std::string exported = export_text(s);
  const auto dump = write("dump.nq", exported);
  auto fresh = open_store("second");
  const auto report = import(fresh, {dump});
  EXPECT_EQ(report.added, count_all(s));
  EXPECT_EQ(count_all(fresh), count_all(s));
  EXPECT_EQ(normalized_lines(export_text(fresh)), normalized_lines(exported));
  // Turtle and TriG exports read back to the same data too.
  for (Format format : {Format::TriG, Format::Turtle}) {
    const auto path =
        write(std::string("dump.") + std::string(format_name(format)), export_text(s, format));
    auto other = open_store(std::string("third-") + std::string(format_name(format)));
    import(other, {path});
    if (format == Format::TriG) {
      EXPECT_EQ(normalized_lines(export_text(other)), normalized_lines(exported));
    } else {
      // Turtle has no graphs: every statement lands in the default graph (no triple here is
      // in two graphs, so none collapse).
      EXPECT_EQ(count_graph(other, kDefaultGraph), count_all(s));
      EXPECT_EQ(count_all(other), count_all(s));
    }
  }
}

TEST_F(ImportTest, TurtleExportUsesStorePrefixes) {
  auto s = open_store();
  import(s, {data_file("simple.ttl")});
  const std::string text = export_text(s, Format::Turtle);
  EXPECT_NE(text.find("@prefix ex: <http://example.org/> ."), std::string::npos) << text;
  EXPECT_NE(text.find("ex:alice"), std::string::npos) << text;
  EXPECT_EQ(text.find("<http://example.org/alice>"), std::string::npos) << text;
}

TEST_F(ImportTest, ExportOneGraph) {
  auto s = open_store();
  import(s, {data_file("simple.nq")});
  const auto g1 = iri_id(s, "http://example.org/g1");
  ASSERT_TRUE(g1.has_value());
  ExportOptions options;
  options.format = Format::NQuads;
  options.graph = *g1;
  const auto txn = s.begin_read();
  std::uint64_t written = 0;
  const std::string text =
      capture([&](std::FILE* out) { written = export_store(txn, out, options); });
  EXPECT_EQ(written, 1U);
  EXPECT_EQ(text,
            "<http://example.org/s> <http://example.org/p> \"in g1\" <http://example.org/g1> .\n");
}

TEST_F(ImportTest, ExportWriteFailureIsAnIoError) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  auto s = open_store();
  import(s, {data_file("simple.ttl")});
  std::FILE* full = std::fopen("/dev/full", "w");
  ASSERT_NE(full, nullptr);
  const auto txn = s.begin_read();
  try {
    export_store(txn, full, {});
    ADD_FAILURE() << "writing to /dev/full succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_NE(e.message().find("No space left on device"), std::string::npos) << e.what();
  }
  std::fclose(full);
}

TEST(WriteQuads, NTriplesSpelling) {
  using rdf::Term;
  std::vector<rdf::Quad> quads = {
      {Term::iri("http://e/s"), Term::iri("http://e/p"), Term::literal("plain"), std::nullopt},
      {Term::iri("http://e/s"), Term::iri("http://e/p"), Term::literal("typed", rdf::xsd::kString),
       std::nullopt},
      {Term::blank("n1"), Term::iri("http://e/p"), Term::lang_literal("\xC3\xA9t\xC3\xA9", "fr"),
       Term::iri("http://e/g")},
      {Term::iri("http://e/s"), Term::iri("http://e/p"), Term::literal("5", rdf::xsd::kInteger),
       std::nullopt},
      {Term::iri("http://e/s"), Term::iri("http://e/p"), Term::literal("a \"q\"\nb"), std::nullopt},
  };
  const std::string nt =
      capture([&](std::FILE* out) { write_quads(quads, Format::NTriples, out); });
  EXPECT_EQ(nt,
            "<http://e/s> <http://e/p> \"plain\" .\n"
            "<http://e/s> <http://e/p> \"typed\" .\n"
            "_:n1 <http://e/p> \"\\u00E9t\\u00E9\"@fr .\n"
            "<http://e/s> <http://e/p> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
            "<http://e/s> <http://e/p> \"a \\\"q\\\"\\nb\" .\n");
  const std::string nq = capture([&](std::FILE* out) { write_quads(quads, Format::NQuads, out); });
  EXPECT_NE(nq.find("_:n1 <http://e/p> \"\\u00E9t\\u00E9\"@fr <http://e/g> .\n"), std::string::npos)
      << nq;
  // Parsing the N-Quads back gives the same quads.
  testing::Collected back;
  parse_string(nq, Format::NQuads, "back.nq", {}, back.callbacks());
  EXPECT_EQ(back.quads, quads);
}

// Every ASCII control character (U+0000 included), quotes and backslashes survive writing in
// each format and reading back; serd's writer must be given the whole byte count.
TEST(WriteQuads, ControlCharactersSurviveEveryFormat) {
  using rdf::Term;
  std::string all_controls;
  for (int c = 0; c < 0x20; ++c) all_controls += static_cast<char>(c);
  all_controls += "\x7F \"q\" 'a' \\ end";
  const std::string nul_first("\0x\ny", 4);
  const std::vector<rdf::Quad> quads = {
      {Term::iri("http://e/s"), Term::iri("http://e/p"), Term::literal(all_controls),
       Term::iri("http://e/g")},
      {Term::iri("http://e/s"), Term::iri("http://e/q"), Term::lang_literal(nul_first, "en"),
       Term::iri("http://e/g")},
      {Term::iri("http://e/s"), Term::iri("http://e/r"),
       Term::literal(std::string("a\0b", 3), "http://e/dt"), Term::iri("http://e/g")},
  };
  ASSERT_EQ(quads[0].object.value.size(), 0x20U + 15U);
  for (Format format : {Format::NTriples, Format::NQuads, Format::Turtle, Format::TriG}) {
    SCOPED_TRACE(format_name(format));
    const std::string text = capture([&](std::FILE* out) { write_quads(quads, format, out); });
    EXPECT_EQ(text.find('\0'), std::string::npos) << "raw NUL written";
    if (format == Format::NTriples || format == Format::NQuads) {
      EXPECT_NE(text.find("\\u0000"), std::string::npos) << text;
    }
    testing::Collected back;
    parse_string(text, format, "back", {}, back.callbacks());
    ASSERT_EQ(back.quads.size(), quads.size()) << text;
    for (std::size_t i = 0; i < quads.size(); ++i) {
      EXPECT_EQ(back.quads[i].object, quads[i].object) << text;
      if (has_graphs(format)) {
        EXPECT_EQ(back.quads[i].graph, quads[i].graph);
      }
    }
  }
}

// The same through the store: a literal with U+0000 leaves export_store whole.
TEST_F(ImportTest, ExportKeepsNulBytes) {
  auto s = open_store();
  import(s, {write("nul.nt", "<http://e/s> <http://e/p> \"a\\u0000b\\u0001c\" .\n")});
  const std::string text = export_text(s, Format::NTriples);
  EXPECT_EQ(text, "<http://e/s> <http://e/p> \"a\\u0000b\\u0001c\" .\n");
}

}  // namespace
}  // namespace wsiskg::import
