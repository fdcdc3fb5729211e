// Parser tests: every syntax, compressed and standard input, exact error positions, lenient mode.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "test_support.hpp"
#include "wsiskg/import/format.hpp"
#include "wsiskg/import/parser.hpp"

namespace wsiskg::import {
namespace {

using rdf::Quad;
using rdf::Term;
using testing::Collected;
using testing::data_file;
using testing::TempDir;

constexpr std::string_view kEx = "http://example.org/";
std::string ex(std::string_view local) {
  return std::string(kEx) + std::string(local);
}

Collected parse(const std::string& path, ParseOptions options = {}) {
  Collected c;
  parse_file(path, options, c.callbacks());
  return c;
}

Collected parse_text(std::string_view text, Format format, const std::string& name,
                     ParseOptions options = {}) {
  Collected c;
  parse_string(text, format, name, options, c.callbacks());
  return c;
}

// Parses `text` strictly and returns the error it must raise.
Error parse_error(std::string_view text, Format format, const std::string& name = "mem") {
  try {
    parse_text(text, format, name);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text;
  return Error(ErrorKind::Usage, "none");
}

void expect_position(const Error& e, const std::string& source, std::uint64_t line,
                     std::uint64_t column) {
  EXPECT_EQ(e.kind(), ErrorKind::BadData) << e.what();
  ASSERT_TRUE(e.position().has_value()) << e.what();
  EXPECT_EQ(e.position()->source, source) << e.what();
  EXPECT_EQ(e.position()->line, line) << e.what();
  EXPECT_EQ(e.position()->column, column) << e.what();
}

bool contains(const std::vector<Quad>& quads, const Quad& quad) {
  return std::ranges::find(quads, quad) != quads.end();
}

std::string file_uri_of(const std::string& path) {
  return "file://" + std::filesystem::absolute(path).lexically_normal().string();
}

TEST(Format, FromNameAndPath) {
  EXPECT_EQ(format_from_name("nt"), Format::NTriples);
  EXPECT_EQ(format_from_name("Turtle"), Format::Turtle);
  EXPECT_EQ(format_from_name("nquads"), Format::NQuads);
  EXPECT_EQ(format_from_name("xml"), Format::RdfXml);
  EXPECT_EQ(format_from_name("json"), std::nullopt);
  EXPECT_EQ(format_from_path("a/b.nt.gz"), Format::NTriples);
  EXPECT_EQ(format_from_path("x.TRIG"), Format::TriG);
  EXPECT_EQ(format_from_path("onto.owl"), Format::RdfXml);
  EXPECT_EQ(format_from_path("data.nq"), Format::NQuads);
  EXPECT_EQ(format_from_path("data.gz"), std::nullopt);
  EXPECT_EQ(format_from_path("README"), std::nullopt);
  EXPECT_EQ(format_name(Format::Turtle), "ttl");
  EXPECT_TRUE(has_graphs(Format::TriG));
  EXPECT_FALSE(has_graphs(Format::NTriples));
}

TEST(Parser, NTriples) {
  const auto c = parse(data_file("simple.nt"));
  ASSERT_EQ(c.quads.size(), 5U);
  const Term alice = Term::iri(ex("alice"));
  EXPECT_EQ(c.quads[0], (Quad{alice, Term::iri("http://xmlns.com/foaf/0.1/name"),
                              Term::literal("Alice"), std::nullopt}));
  EXPECT_EQ(c.quads[1].object, Term::blank("b0"));
  EXPECT_EQ(c.quads[2].subject, Term::blank("b0"));
  EXPECT_EQ(c.quads[2].object, Term::lang_literal("Bob", "en-gb"));
  EXPECT_EQ(c.quads[3].object, Term::literal("42", rdf::xsd::kInteger));
  EXPECT_EQ(c.quads[4].object, Term::literal("say \"hi\"\n\xC3\xA9t\xC3\xA9"));
  EXPECT_TRUE(c.errors.empty());
}

TEST(Parser, NQuads) {
  const auto c = parse(data_file("simple.nq"));
  ASSERT_EQ(c.quads.size(), 3U);
  EXPECT_FALSE(c.quads[0].graph.has_value());
  EXPECT_EQ(c.quads[1].graph, Term::iri(ex("g1")));
  EXPECT_EQ(c.quads[2].graph, Term::iri(ex("g2")));
  EXPECT_EQ(c.quads[2].subject, Term::blank("b0"));
}

TEST(Parser, TurtlePrefixesListsAndRelativeIris) {
  const std::string path = data_file("simple.ttl");
  const auto c = parse(path);
  // name, knows, [] name, age, list, 2x (first, rest), friend, relative = 11
  ASSERT_EQ(c.quads.size(), 11U);
  const Term alice = Term::iri(ex("alice"));
  EXPECT_TRUE(contains(c.quads, {alice, Term::iri(ex("age")),
                                 Term::literal("30", rdf::xsd::kInteger), std::nullopt}));
  // Relative IRIs resolve against the document's own file URI.
  const std::string base = file_uri_of(path);
  const std::string dir = base.substr(0, base.rfind('/') + 1);
  EXPECT_TRUE(contains(c.quads, {Term::iri(dir + "relative"), Term::iri(ex("p")),
                                 Term::iri(base + "#frag"), std::nullopt}));
  // The anonymous node [ ... ] and the document's _:b1 are different nodes.
  const auto knows = std::ranges::find_if(c.quads, [](const Quad& q) {
    return q.predicate.value == "http://xmlns.com/foaf/0.1/knows";
  });
  const auto friend_of = std::ranges::find_if(
      c.quads, [](const Quad& q) { return q.predicate.value == "http://example.org/friend"; });
  ASSERT_NE(knows, c.quads.end());
  ASSERT_NE(friend_of, c.quads.end());
  ASSERT_TRUE(knows->object.is_blank());
  ASSERT_TRUE(friend_of->object.is_blank());
  EXPECT_NE(knows->object, friend_of->object);
  // The anonymous node's own statement uses the same label.
  EXPECT_TRUE(contains(c.quads, {knows->object, Term::iri("http://xmlns.com/foaf/0.1/name"),
                                 Term::literal("Bob"), std::nullopt}));
  // Prefixes are reported with their IRIs.
  ASSERT_EQ(c.prefixes.size(), 3U);
  EXPECT_EQ(c.prefixes[0], (std::pair<std::string, std::string>{"ex", ex("")}));
  EXPECT_EQ(c.prefixes[1].first, "foaf");
  EXPECT_EQ(c.prefixes[2].second, std::string(rdf::xsd::kNamespace));
}

TEST(Parser, GeneratedBlankLabelsDoNotClashWithDocumentLabels) {
  // serd names anonymous nodes b1, b2, ...; a document label b1 must stay a different node.
  const auto c =
      parse_text("@prefix : <http://e/> .\n:s :p [] .\n:s :q _:b1 .\n", Format::Turtle, "mem.ttl");
  ASSERT_EQ(c.quads.size(), 2U);
  EXPECT_NE(c.quads[0].object, c.quads[1].object);
}

TEST(Parser, ExplicitBaseAndBaseDirective) {
  ParseOptions options;
  options.base = "http://base.example/dir/doc";
  const auto c = parse_text("<a> <b> <#c> .\n@base <http://other/x/> .\n<d> <e> <../f> .\n",
                            Format::Turtle, "mem.ttl", options);
  ASSERT_EQ(c.quads.size(), 2U);
  EXPECT_EQ(c.quads[0].subject, Term::iri("http://base.example/dir/a"));
  EXPECT_EQ(c.quads[0].object, Term::iri("http://base.example/dir/doc#c"));
  EXPECT_EQ(c.quads[1].subject, Term::iri("http://other/x/d"));
  EXPECT_EQ(c.quads[1].object, Term::iri("http://other/f"));
}

// RFC 3986 §5.2.4: dot segments go in every relative reference, relative @base and BASE,
// and relative namespace IRIs; absolute IRIs in the document stay as written.
TEST(Parser, RelativeIrisLoseDotSegments) {
  ParseOptions options;
  options.base = "http://a/bb/ccc/d;p?q";
  const std::string turtle =
      "<g/./h> <../x> <./g/.> .\n"
      "<g;x=1/../y> <g?y/./x> <#s/../x> .\n"
      "@base <../up/./base/> .\n"
      "<k> <..> <> .\n"
      "BASE <.././other>\n"
      "PREFIX p: <./ns/../space#>\n"
      "@prefix q: <http://abs/a/./b/> .\n"
      "p:n q:m <http://abs/x/../y> .\n";
  const auto c = parse_text(turtle, Format::Turtle, "mem.ttl", options);
  const std::vector<Quad> expected = {
      {Term::iri("http://a/bb/ccc/g/h"), Term::iri("http://a/bb/x"),
       Term::iri("http://a/bb/ccc/g/"), std::nullopt},
      {Term::iri("http://a/bb/ccc/y"), Term::iri("http://a/bb/ccc/g?y/./x"),
       Term::iri("http://a/bb/ccc/d;p?q#s/../x"), std::nullopt},
      {Term::iri("http://a/bb/up/base/k"), Term::iri("http://a/bb/up/"),
       Term::iri("http://a/bb/up/base/"), std::nullopt},
      {Term::iri("http://a/bb/up/space#n"), Term::iri("http://abs/a/./b/m"),
       Term::iri("http://abs/x/../y"), std::nullopt},
  };
  EXPECT_EQ(c.quads, expected);
  ASSERT_EQ(c.prefixes.size(), 2U);
  EXPECT_EQ(c.prefixes[0].second, "http://a/bb/up/space#");

  // TriG: graph names resolve the same way.
  const auto g = parse_text("@base <http://a/b/c/> .\n<../g/./> { <./s> <p/../q> <o> }\n",
                            Format::TriG, "mem.trig");
  ASSERT_EQ(g.quads.size(), 1U);
  EXPECT_EQ(g.quads[0], (Quad{Term::iri("http://a/b/c/s"), Term::iri("http://a/b/c/q"),
                              Term::iri("http://a/b/c/o"), Term::iri("http://a/b/g/")}));
}

TEST(Parser, TriG) {
  const auto c = parse(data_file("simple.trig"));
  ASSERT_EQ(c.quads.size(), 3U);
  EXPECT_FALSE(c.quads[0].graph.has_value());
  EXPECT_EQ(c.quads[1].graph, Term::iri(ex("g1")));
  EXPECT_EQ(c.quads[2].graph, Term::iri(ex("g2")));
  EXPECT_TRUE(c.quads[2].subject.is_blank());
  ASSERT_EQ(c.prefixes.size(), 1U);
}

TEST(Parser, RdfXml) {
  const std::string path = data_file("simple.rdf");
  const auto c = parse(path);
  ASSERT_EQ(c.quads.size(), 5U);
  const Term alice = Term::iri(ex("alice"));
  EXPECT_TRUE(contains(
      c.quads, {alice, Term::iri(ex("name")), Term::lang_literal("Alice", "en"), std::nullopt}));
  EXPECT_TRUE(contains(c.quads, {alice, Term::iri(ex("age")),
                                 Term::literal("30", rdf::xsd::kInteger), std::nullopt}));
  const std::string base = file_uri_of(path);
  EXPECT_TRUE(contains(
      c.quads, {alice, Term::iri(ex("page")),
                Term::iri(base.substr(0, base.rfind('/') + 1) + "page.html"), std::nullopt}));
  // rdf:nodeID="bob" is one node in both descriptions.
  const auto knows = std::ranges::find_if(
      c.quads, [](const Quad& q) { return q.predicate.value == "http://example.org/knows"; });
  ASSERT_NE(knows, c.quads.end());
  EXPECT_TRUE(contains(c.quads,
                       {knows->object, Term::iri(ex("name")), Term::literal("Bob"), std::nullopt}));
}

TEST(Parser, RdfXmlErrorHasLine) {
  const std::string text =
      "<?xml version=\"1.0\"?>\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"http://e/a\">\n"
      "  </rdf:Descr>\n"
      "</rdf:RDF>\n";
  const Error e = parse_error(text, Format::RdfXml, "mem.rdf");
  EXPECT_EQ(e.kind(), ErrorKind::BadData);
  ASSERT_TRUE(e.position().has_value()) << e.what();
  EXPECT_EQ(e.position()->source, "mem.rdf");
  EXPECT_EQ(e.position()->line, 4U) << e.what();
  EXPECT_EQ(e.position()->column, 0U) << "raptor reports no columns";
  EXPECT_NE(e.message().find("tag mismatch"), std::string::npos) << e.what();
}

TEST(Parser, RdfXmlRejectsBadIris) {
  const std::string text =
      "<?xml version=\"1.0\"?>\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://e/\">\n"
      "  <rdf:Description rdf:about=\"http://e/a\">\n"
      "    <ex:p rdf:resource=\"http://x/ y\"/>\n"
      "    <ex:q>fine</ex:q>\n"
      "  </rdf:Description>\n"
      "</rdf:RDF>\n";
  const Error e = parse_error(text, Format::RdfXml, "mem.rdf");
  EXPECT_EQ(e.position()->line, 4U) << e.what();
  EXPECT_EQ(e.message(), "invalid IRI character in <http://x/ y>");
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(text, Format::RdfXml, "mem.rdf", lenient);
  ASSERT_EQ(c.quads.size(), 1U);
  EXPECT_EQ(c.quads[0].object, Term::literal("fine"));
  ASSERT_EQ(c.errors.size(), 1U);
}

// RDF/XML whose innermost element sits `depth` elements deep (rdf:RDF is the first), with
// comments, processing instructions, CDATA-like text and quoted '>' and "/>" on the way that
// must not count as elements. `line`/`column` receive where the innermost element starts.
std::string nested_rdfxml(std::uint32_t depth, std::uint64_t& line, std::uint64_t& column) {
  std::string text =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE rdf:RDF [ <!ENTITY ex \"http://e/\"> ]>\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns:ex=\"http://e/\">\n";
  std::uint64_t lines = 3;
  for (std::uint32_t level = 2; level <= depth; ++level) {
    std::string prefix = level % 7 == 0 ? "<!-- <ex:not> --><?pi <ex:not> ?>" : "";
    if (level == depth) {
      line = lines + 1;
      column = prefix.size() + 1;
    }
    const bool node = level % 2 == 0;
    const bool last = level == depth;
    if (node) {
      text += prefix + (last ? "<rdf:Description rdf:about=\"http://e/end\"/>\n"
                             : "<rdf:Description ex:label=\"a/>b>c\">\n");
    } else {
      text += prefix + (last ? "<ex:p/>\n" : "<ex:p>\n");
    }
    ++lines;
  }
  for (std::uint32_t level = depth - 1; level >= 2; --level) {
    text += level % 2 == 0 ? "</rdf:Description>\n" : "</ex:p>\n";
  }
  return text + "</rdf:RDF>\n";
}

TEST(Parser, RdfXmlNestingIsBounded) {
  std::uint64_t line = 0;
  std::uint64_t column = 0;
  // At the limit: parsed, one statement per nested property and label.
  const auto ok = parse_text(nested_rdfxml(1000, line, column), Format::RdfXml, "ok.rdf");
  EXPECT_EQ(ok.quads.size(), 998U);
  // One deeper: refused where the element starts (after a comment and an instruction on its
  // line), strictly and leniently.
  const std::string deep = nested_rdfxml(1001, line, column);
  EXPECT_EQ(line, 1003U);
  EXPECT_EQ(column, 34U);
  const Error e = parse_error(deep, Format::RdfXml, "deep.rdf");
  expect_position(e, "deep.rdf", line, column);
  EXPECT_EQ(e.message(), "XML elements nested deeper than 1000 levels");
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(deep, Format::RdfXml, "deep.rdf", lenient);
  ASSERT_EQ(c.errors.size(), 1U);
  expect_position(c.errors[0], "deep.rdf", line, column);
  // Deeper still: the first element past the limit is named.
  std::uint64_t deeper_line = 0;
  const std::string deeper = nested_rdfxml(5000, deeper_line, column);
  expect_position(parse_error(deeper, Format::RdfXml, "d.rdf"), "d.rdf", line, 34);
}

TEST(Parser, GzipMatchesPlain) {
  TempDir dir;
  const std::string text = testing::read_file(data_file("simple.ttl"));
  const auto gz = testing::write_gz(dir.file("doc.ttl.gz"), text);
  const auto plain = testing::write_file(dir.file("doc.ttl"), text);
  std::uint64_t progress = 0;
  Collected c;
  auto callbacks = c.callbacks();
  callbacks.on_progress = [&](std::uint64_t bytes) { progress = bytes; };
  parse_file(gz, {}, callbacks);
  ParseOptions same_base;
  same_base.base = file_uri_of(gz);
  const auto expected = parse(plain, same_base);
  EXPECT_EQ(c.quads, expected.quads);
  EXPECT_EQ(c.quads.size(), 11U);
  EXPECT_EQ(progress, std::filesystem::file_size(gz));
}

TEST(Parser, GzipRdfXml) {
  TempDir dir;
  const auto gz =
      testing::write_gz(dir.file("doc.rdf.gz"), testing::read_file(data_file("simple.rdf")));
  EXPECT_EQ(parse(gz).quads.size(), 5U);
}

TEST(Parser, TruncatedGzipIsAnError) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += "<http://e/s" + std::to_string(i) + "> <http://e/p> \"" + std::to_string(i * 7919) +
            "\" .\n";
  }
  const auto gz = testing::write_gz(dir.file("cut.nt.gz"), text);
  const auto size = std::filesystem::file_size(gz);
  std::filesystem::resize_file(gz, size / 2);
  // How much of the text the cut file still holds, read independently through zlib.
  std::size_t kept = 0;
  {
    gzFile in = gzopen(gz.c_str(), "rb");
    ASSERT_NE(in, nullptr);
    char buffer[4096];
    for (int n; (n = gzread(in, buffer, sizeof buffer)) > 0;) kept += static_cast<std::size_t>(n);
    gzclose(in);
  }
  ASSERT_GT(kept, 0U);
  ASSERT_LT(kept, text.size());
  const std::string_view head = std::string_view(text).substr(0, kept);
  const auto last_newline = head.rfind('\n');
  const std::uint64_t line = 1 + static_cast<std::uint64_t>(std::ranges::count(head, '\n'));
  const std::uint64_t column =
      kept - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1;
  for (const bool lenient : {false, true}) {
    ParseOptions options;
    options.lenient = lenient;
    try {
      parse(gz, options);
      FAIL() << "truncated gzip accepted";
    } catch (const Error& e) {
      expect_position(e, gz, line, column);
      EXPECT_EQ(e.message(), "unexpected end of gzip stream (the file is cut short here, after " +
                                 std::to_string(kept) + " uncompressed bytes)");
    }
  }
}

TEST(Parser, MissingFileAndDirectory) {
  TempDir dir;
  const std::string missing = dir.file("nope.nt");
  try {
    parse(missing);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::MissingInput);
    EXPECT_EQ(e.message(), "cannot open '" + missing + "': No such file or directory");
  }
  ParseOptions nt;
  nt.format = Format::NTriples;
  try {
    parse(dir.path().string(), nt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::MissingInput);
    EXPECT_EQ(e.message(), "cannot open '" + dir.path().string() + "': Is a directory");
  }
}

TEST(Parser, UnknownExtensionNeedsFormat) {
  TempDir dir;
  const auto path =
      testing::write_file(dir.file("data.txt"), "<http://a> <http://b> <http://c> .\n");
  try {
    parse(path);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
  ParseOptions nt;
  nt.format = Format::NTriples;
  EXPECT_EQ(parse(path, nt).quads.size(), 1U);
}

TEST(Parser, EmptyFileHasNoStatements) {
  EXPECT_TRUE(parse(data_file("empty.nt")).quads.empty());
  EXPECT_TRUE(parse_text("", Format::Turtle, "empty.ttl").quads.empty());
  EXPECT_TRUE(parse_text("# only a comment\n", Format::NQuads, "c.nq").quads.empty());
}

TEST(Parser, StandardInput) {
  TempDir dir;
  const auto path =
      testing::write_file(dir.file("in.nq"), "<http://a> <http://b> <http://c> <http://g> .\n");
  const int saved = ::dup(STDIN_FILENO);
  const int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ::dup2(fd, STDIN_FILENO);
  ::close(fd);
  ParseOptions options;
  options.format = Format::NQuads;
  Collected c;
  EXPECT_NO_THROW(parse_file("-", options, c.callbacks()));
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  ASSERT_EQ(c.quads.size(), 1U);
  EXPECT_EQ(c.quads[0].graph, Term::iri("http://g"));
}

// --- Error positions (strict mode) ------------------------------------------------------------
// serd reports 1-based lines and the column of the last byte it consumed on that line.

TEST(ParserErrors, BadIriCharacter) {
  // Line 2: the space inside the third IRI is byte 31.
  const Error e =
      parse_error("<http://a> <http://b> <http://c> .\n<http://a> <http://b> <http:// c> .\n",
                  Format::NTriples, "mem.nt");
  expect_position(e, "mem.nt", 2, 31);
  EXPECT_EQ(e.message(), "invalid IRI character (escape %20)");
  EXPECT_EQ(std::string(e.what()), "mem.nt:2:31: invalid IRI character (escape %20)");
}

TEST(ParserErrors, GarbageAfterObject) {
  // Line 3: 'x' is byte 34, after three terms and their spaces.
  const Error e =
      parse_error("<http://a> <http://b> <http://c> .\n\n<http://a> <http://b> <http://c> x .\n",
                  Format::NTriples, "mem.nt");
  expect_position(e, "mem.nt", 3, 33);
}

TEST(ParserErrors, UnterminatedString) {
  // Line 3 is `  ex:d "open .` (14 bytes); the line ends inside the string.
  const Error e = parse_error(
      "@prefix ex: <http://e/> .\nex:a ex:b ex:c ;\n  ex:d \"open .\nex:x ex:y ex:z .\n",
      Format::Turtle, "mem.ttl");
  expect_position(e, "mem.ttl", 3, 14);
  EXPECT_EQ(e.message(), "line end in short string");
}

TEST(ParserErrors, GraphInNTriples) {
  const Error e =
      parse_error("<http://a> <http://b> <http://c> <http://g> .\n", Format::NTriples, "mem.nt");
  EXPECT_EQ(e.position()->line, 1U) << e.what();
}

TEST(ParserErrors, UndefinedPrefix) {
  // Found once serd has read the statement: the position is serd's cursor then, on the
  // last byte of "foo:c" (bytes 11-15 of line 2).
  const Error e =
      parse_error("@prefix ex: <http://e/> .\nex:a ex:b foo:c .\n", Format::Turtle, "mem.ttl");
  expect_position(e, "mem.ttl", 2, 15);
  EXPECT_EQ(e.message(), "undefined prefix 'foo' in 'foo:c'");
  EXPECT_EQ(std::string(e.what()), "mem.ttl:2:15: undefined prefix 'foo' in 'foo:c'");
}

// Every place a prefixed name can stand, and a statement that ends the input with its '.'.
// The position is serd's cursor when it emitted the statement: on the last byte of the
// statement's final term (the one that completed the triple), or on the delimiter after it
// when serd had to look at that first. The input's last byte when nothing follows.
TEST(ParserErrors, UndefinedPrefixPositionInEveryContext) {
  struct Case {
    const char* text;
    Format format;
    std::uint64_t line;
    std::uint64_t column;
  };
  const Case cases[] = {
      {"<a> <b> <c> .\nfoo:a <b> <c> .\n", Format::Turtle, 2, 13},     // subject
      {"<a> <b> <c> .\n<a> foo:b\n  <c> .\n", Format::Turtle, 3, 5},   // predicate
      {"<a> <b> <c>, foo:x, <d> .\n", Format::Turtle, 1, 19},          // object list
      {"<a> <b> [ <p> foo:x ; <q> <r> ] .\n", Format::Turtle, 1, 20},  // [ ... ]
      {"<a> <b> ( <x>\n  foo:x <y> ) .\n", Format::Turtle, 2, 7},      // collection
      {"<a> <b> \"v\"^^foo:dt .\n", Format::Turtle, 1, 20},            // datatype
      {"<a> <b> <c> .\n\n<a> <b>\n foo:x.", Format::Turtle, 4, 7},     // ends the input
      {"<g> {\n <a> <b> foo:x }\n", Format::TriG, 2, 14},              // in a graph
      {"foo:g { <a> <b> <c> }\n", Format::TriG, 1, 20},                // graph name
  };
  for (const Case& c : cases) {
    const Error e = parse_error(c.text, c.format, "mem");
    SCOPED_TRACE(c.text);
    expect_position(e, "mem", c.line, c.column);
    EXPECT_NE(e.message().find("undefined prefix 'foo'"), std::string::npos) << e.what();
  }
}

// The poisoned page is serd's current one: errors far into the input, and around the
// 64 KiB page boundary of in-memory input, keep exact lines; earlier statements all arrive.
TEST(ParserErrors, UndefinedPrefixBeyondFirstPages) {
  const std::string line = "<http://e/s> <http://e/p> \"0123456789\" .\n";  // 41 bytes
  const std::size_t good_lines = (std::size_t{3} << 16) / line.size();
  for (std::size_t pad = 0; pad < 48; pad += 7) {
    std::string text;
    for (std::size_t i = 0; i < good_lines; ++i) text += line;
    text += std::string(pad, ' ') + "<http://e/s> <http://e/p> foo:x .\n" + line;
    Collected c;
    try {
      parse_string(text, Format::Turtle, "big.ttl", {}, c.callbacks());
      ADD_FAILURE() << "no error, pad " << pad;
    } catch (const Error& e) {
      expect_position(e, "big.ttl", good_lines + 1, pad + 31);  // the 'x' of foo:x
    }
    EXPECT_EQ(c.quads.size(), good_lines) << "pad " << pad;

    // Lenient: the restart after the poisoned page reads on from the intact input.
    ParseOptions lenient;
    lenient.lenient = true;
    Collected l;
    parse_string(text, Format::Turtle, "big.ttl", lenient, l.callbacks());
    EXPECT_EQ(l.quads.size(), good_lines + 1) << "pad " << pad;
    ASSERT_EQ(l.errors.size(), 1U) << "pad " << pad;
    expect_position(l.errors[0], "big.ttl", good_lines + 1, pad + 31);
  }
}

TEST(ParserErrors, SurrogateEscapePosition) {
  // Found after serd decoded the statement, like an undefined prefix.
  const std::string text = "<http://a> <http://b> \"x\" .\n<http://a> <http://b> \"\\uD800\" .\n";
  const Error nt = parse_error(text, Format::NTriples, "mem.nt");
  expect_position(nt, "mem.nt", 2, 30);
  EXPECT_NE(nt.message().find("surrogate"), std::string::npos) << nt.what();
  const Error nq = parse_error(text, Format::NQuads, "mem.nq");
  EXPECT_EQ(nq.position().value_or(SourcePosition{}).line, 2U) << nq.what();
}

TEST(ParserErrors, FilePositionsNameTheFile) {
  TempDir dir;
  const auto path = testing::write_file(
      dir.file("bad.nt"), "<http://a> <http://b> \"ok\" .\n<http://a> <http://b> .\n");
  try {
    parse(path);
    FAIL();
  } catch (const Error& e) {
    ASSERT_TRUE(e.position().has_value());
    EXPECT_EQ(e.position()->source, path);
    EXPECT_EQ(e.position()->line, 2U);
  }
}

// --- Callbacks that throw ---------------------------------------------------------------------

TEST(Parser, CallbackExceptionStopsParsing) {
  for (bool lenient : {false, true}) {
    int seen = 0;
    ParseCallbacks cb;
    cb.on_statement = [&](const StatementView&) {
      if (++seen == 2) throw std::runtime_error("stop here");
    };
    ParseOptions options;
    options.lenient = lenient;
    try {
      parse_file(data_file("simple.nt"), options, cb);
      FAIL() << "exception swallowed";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "stop here");
    }
    EXPECT_EQ(seen, 2) << "lenient=" << lenient;
  }
}

TEST(Parser, RdfXmlCallbackExceptionStopsParsing) {
  int seen = 0;
  ParseCallbacks cb;
  cb.on_statement = [&](const StatementView&) {
    ++seen;
    throw std::runtime_error("stop");
  };
  EXPECT_THROW(parse_file(data_file("simple.rdf"), {}, cb), std::runtime_error);
  EXPECT_EQ(seen, 1);
}

// --- Lenient mode -----------------------------------------------------------------------------

TEST(ParserLenient, NTriplesSkipsBadLines) {
  const std::string text =
      "<http://e/1> <http://e/p> \"one\" .\n"
      "<http://e/2> <http://e/p> <http:// bad> .\n"
      "<http://e/3> <http://e/p> \"three\" .\n"
      "<http://e/4> <http://e/p> .\n"
      "<http://e/5> <http://e/p> \"five\" .\n"
      "<http://e/6> <http://e/p> \"unterminated .\n"
      "<http://e/7> <http://e/p> \"seven\" .\n";
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(text, Format::NTriples, "mem.nt", lenient);
  std::vector<std::string> subjects;
  for (const auto& q : c.quads) subjects.push_back(q.subject.value);
  EXPECT_EQ(subjects,
            (std::vector<std::string>{"http://e/1", "http://e/3", "http://e/5", "http://e/7"}));
  ASSERT_EQ(c.errors.size(), 3U);
  EXPECT_EQ(c.errors[0].position()->line, 2U);
  EXPECT_EQ(c.errors[1].position()->line, 4U);
  EXPECT_EQ(c.errors[2].position()->line, 6U);
  // Strict mode stops at the first of them.
  const Error e = parse_error(text, Format::NTriples, "mem.nt");
  EXPECT_EQ(e.position()->line, 2U);
}

TEST(ParserLenient, NQuadsSkipsBadLines) {
  const std::string text =
      "<http://e/1> <http://e/p> \"one\" <http://g> .\n"
      "<http://e/2> <http://e/p> \"two\" \"not a graph\" .\n"
      "<http://e/3> <http://e/p> \"three\" .\n";
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(text, Format::NQuads, "mem.nq", lenient);
  ASSERT_EQ(c.quads.size(), 2U);
  EXPECT_EQ(c.quads[1].subject.value, "http://e/3");
  ASSERT_EQ(c.errors.size(), 1U);
  EXPECT_EQ(c.errors[0].position()->line, 2U);
}

TEST(ParserLenient, TurtleSkipsToNextLine) {
  const std::string text =
      "@prefix ex: <http://e/> .\n"
      "ex:a ex:p \"one\" .\n"
      "ex:b ex:p ex:c ex:d .\n"
      "ex:e ex:p undefined:x .\n"
      "ex:f ex:p \"four\" .\n";
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(text, Format::Turtle, "mem.ttl", lenient);
  ASSERT_EQ(c.quads.size(), 2U);
  EXPECT_EQ(c.quads[0].subject.value, "http://e/a");
  EXPECT_EQ(c.quads[1].subject.value, "http://e/f");
  ASSERT_EQ(c.errors.size(), 2U);
  EXPECT_EQ(c.errors[0].position()->line, 3U);
  EXPECT_NE(c.errors[1].message().find("undefined prefix 'undefined'"), std::string::npos);
  ASSERT_TRUE(c.errors[1].position().has_value()) << c.errors[1].what();
  EXPECT_EQ(c.errors[1].position()->line, 4U) << c.errors[1].what();
}

TEST(ParserLenient, UndefinedPrefixDropsItsStatementAndKeepsLines) {
  // The whole `s p o ; p o .` statement goes, as after a syntax error; later errors keep
  // their document lines across the restart.
  const std::string text =
      "@prefix ex: <http://e/> .\n"
      "ex:a ex:p ex:b ;\n"
      "  ex:q no:x .\n"
      "ex:c ex:p ex:d .\n"
      "ex:e ex:p \"\\uDC00\" .\n"
      "ex:f ex:p no:y .\n"
      "ex:g ex:p ex:h .\n";
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(text, Format::Turtle, "mem.ttl", lenient);
  ASSERT_EQ(c.quads.size(), 2U);
  EXPECT_EQ(c.quads[0].subject, Term::iri("http://e/c"));
  EXPECT_EQ(c.quads[1].subject, Term::iri("http://e/g"));
  ASSERT_EQ(c.errors.size(), 3U);
  const std::uint64_t lines[] = {3, 5, 6};
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.errors[i].position().has_value()) << c.errors[i].what();
    EXPECT_EQ(c.errors[i].position()->line, lines[i]) << c.errors[i].what();
  }
}

TEST(ParserLenient, TriGAndBlankNodesAcrossRecovery) {
  // After the error on line 3 a fresh serd reader takes over; its anonymous nodes must not
  // reuse the labels of the first reader's, while document labels keep their identity.
  const std::string text =
      "@prefix ex: <http://e/> .\n"
      "ex:g { ex:a ex:p [ ex:q 1 ] . _:x ex:p 2 . }\n"
      "ex:g { ex:b ex:p ex:c ex:d . }\n"
      "ex:g { ex:e ex:p [ ex:q 3 ] . _:x ex:p 4 . }\n";
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(text, Format::TriG, "mem.trig", lenient);
  ASSERT_EQ(c.quads.size(), 6U);
  ASSERT_EQ(c.errors.size(), 1U);
  EXPECT_EQ(c.errors[0].position()->line, 3U);
  for (const auto& q : c.quads) EXPECT_EQ(q.graph, Term::iri("http://e/g"));
  EXPECT_NE(c.quads[0].object, c.quads[3].object);    // [ ex:q 1 ] vs [ ex:q 3 ]
  EXPECT_EQ(c.quads[2].subject, c.quads[5].subject);  // _:x is one node
}

TEST(ParserLenient, ErrorsAfterRecoveryHaveDocumentLines) {
  std::string text;
  for (int i = 1; i <= 20; ++i) {
    text += (i % 5 == 0) ? "<http://e/s> <http://e/p> oops .\n"
                         : "<http://e/s> <http://e/p> \"" + std::to_string(i) + "\" .\n";
  }
  ParseOptions lenient;
  lenient.lenient = true;
  const auto c = parse_text(text, Format::NTriples, "mem.nt", lenient);
  EXPECT_EQ(c.quads.size(), 16U);
  ASSERT_EQ(c.errors.size(), 4U);
  // serd points at the last byte it read: the space before "oops".
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(c.errors[i].position()->line, 5 * (i + 1)) << c.errors[i].what();
    EXPECT_EQ(c.errors[i].position()->column, 26U) << c.errors[i].what();
  }
}

// Lenient mode reads small pages (a restart re-reads the rest of one): bad lines longer than a
// page, runs of short bad lines and good lines in between must all keep their document lines.
TEST(ParserLenient, ManyBadLinesAcrossPageBoundaries) {
  std::string text;
  std::vector<std::uint64_t> bad_lines;
  std::size_t good = 0;
  for (std::uint64_t line = 1; line <= 3000; ++line) {
    if (line % 7 == 0) {
      text += "<http://e/long> <http://e/p> \"" + std::string(line % 3 == 0 ? 5000 : 10, 'x') +
              "\" oops .\n";
      bad_lines.push_back(line);
    } else if (line % 5 == 0) {
      text += "x y\n";
      bad_lines.push_back(line);
    } else {
      text += "<http://e/s" + std::to_string(line) + "> <http://e/p> \"" +
              std::string(line % 11, 'v') + "\" .\n";
      ++good;
    }
  }
  for (const Format format : {Format::NTriples, Format::Turtle}) {
    ParseOptions lenient;
    lenient.lenient = true;
    const auto c = parse_text(text, format, "mem", lenient);
    EXPECT_EQ(c.quads.size(), good);
    ASSERT_EQ(c.errors.size(), bad_lines.size());
    for (std::size_t i = 0; i < bad_lines.size(); ++i) {
      ASSERT_TRUE(c.errors[i].position().has_value()) << c.errors[i].what();
      ASSERT_EQ(c.errors[i].position()->line, bad_lines[i]) << c.errors[i].what();
    }
    // Every good line arrives once, in order.
    std::uint64_t previous = 0;
    for (const auto& q : c.quads) {
      const std::uint64_t line =
          std::stoull(q.subject.value.substr(std::string("http://e/s").size()));
      EXPECT_GT(line, previous);
      previous = line;
    }
  }
}

}  // namespace
}  // namespace wsiskg::import
