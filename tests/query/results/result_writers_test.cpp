// Exact output bytes of each result writer on small hand-made results.

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wsiskg/query/path_value.hpp"
#include "wsiskg/query/results.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query {
namespace {

using rdf::Term;
using Row = std::vector<std::optional<Term>>;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Runs `feed` against a writer of `format` and returns everything it wrote.
template <typename Feed>
std::string render(ResultFormat format, Feed feed, ResultWriterOptions options = {}) {
  std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
  EXPECT_NE(file, nullptr);
  {
    auto writer = make_result_writer(format, file.get(), std::move(options));
    feed(*writer);
  }
  std::fflush(file.get());
  std::rewind(file.get());
  std::string text;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, file.get())) > 0) text.append(buf, n);
  return text;
}

void select(ResultSink& sink, const std::vector<std::string>& vars, const std::vector<Row>& rows) {
  sink.begin_solutions(vars);
  for (const auto& row : rows) sink.solution(row);
  sink.end_solutions();
}

// x: IRI, y: literal variants, z: blank node or unbound.
std::vector<Row> sample_rows() {
  return {
      {Term::iri("http://example.org/a"), Term::literal("plain"), Term::blank(".b0")},
      {Term::iri("http://example.org/b&c"), Term::lang_literal("chat", "FR"), std::nullopt},
      {std::nullopt, Term::literal("42", rdf::xsd::kInteger), Term::blank("r1")},
      {Term::iri("http://example.org/q"), Term::literal("say \"hi\",\tnow\nbye <&>"),
       Term::blank(".b0")},
  };
}
const std::vector<std::string> kVars = {"x", "y", "z"};
const std::vector<std::pair<std::string, std::string>> kExamplePrefixes = {
    {"ex", "http://example.org/"}};

TEST(ResultFormatName, KnownNamesAndUnknown) {
  EXPECT_EQ(result_format_from_name("table"), ResultFormat::Table);
  EXPECT_EQ(result_format_from_name("CSV"), ResultFormat::Csv);
  EXPECT_EQ(result_format_from_name("tsv"), ResultFormat::Tsv);
  EXPECT_EQ(result_format_from_name("json"), ResultFormat::Json);
  EXPECT_EQ(result_format_from_name("xml"), ResultFormat::Xml);
  EXPECT_EQ(result_format_from_name("nt"), ResultFormat::NTriples);
  EXPECT_EQ(result_format_from_name("ntriples"), ResultFormat::NTriples);
  EXPECT_EQ(result_format_from_name("ttl"), ResultFormat::Turtle);
  EXPECT_EQ(result_format_from_name("turtle"), ResultFormat::Turtle);
  EXPECT_EQ(result_format_from_name("yaml"), std::nullopt);
  EXPECT_EQ(result_format_from_name(""), std::nullopt);
}

TEST(JsonWriter, SelectWithAllTermKinds) {
  const std::string out =
      render(ResultFormat::Json, [](ResultSink& s) { select(s, kVars, sample_rows()); });
  EXPECT_EQ(out,
            "{\n"
            "  \"head\": {\"vars\": [\"x\", \"y\", \"z\"]},\n"
            "  \"results\": {\"bindings\": [\n"
            "    {\"x\": {\"type\": \"uri\", \"value\": \"http://example.org/a\"}, "
            "\"y\": {\"type\": \"literal\", \"value\": \"plain\"}, "
            "\"z\": {\"type\": \"bnode\", \"value\": \"_b0\"}},\n"
            "    {\"x\": {\"type\": \"uri\", \"value\": \"http://example.org/b&c\"}, "
            "\"y\": {\"type\": \"literal\", \"value\": \"chat\", \"xml:lang\": \"fr\"}},\n"
            "    {\"y\": {\"type\": \"literal\", \"value\": \"42\", \"datatype\": "
            "\"http://www.w3.org/2001/XMLSchema#integer\"}, "
            "\"z\": {\"type\": \"bnode\", \"value\": \"r1\"}},\n"
            "    {\"x\": {\"type\": \"uri\", \"value\": \"http://example.org/q\"}, "
            "\"y\": {\"type\": \"literal\", \"value\": \"say \\\"hi\\\",\\tnow\\nbye <&>\"}, "
            "\"z\": {\"type\": \"bnode\", \"value\": \"_b0\"}}\n"
            "  ]}\n"
            "}\n");
}

TEST(JsonWriter, EmptyResultAndControlCharacters) {
  EXPECT_EQ(render(ResultFormat::Json, [](ResultSink& s) { select(s, {"a"}, {}); }),
            "{\n  \"head\": {\"vars\": [\"a\"]},\n  \"results\": {\"bindings\": []}\n}\n");
  EXPECT_EQ(
      render(ResultFormat::Json,
             [](ResultSink& s) { select(s, {"a"}, {{Term::literal(std::string("\x01\\", 2))}}); }),
      "{\n  \"head\": {\"vars\": [\"a\"]},\n  \"results\": {\"bindings\": [\n"
      "    {\"a\": {\"type\": \"literal\", \"value\": \"\\u0001\\\\\"}}\n  ]}\n}\n");
}

TEST(JsonWriter, Ask) {
  EXPECT_EQ(render(ResultFormat::Json, [](ResultSink& s) { s.boolean(true); }),
            "{\n  \"head\": {},\n  \"boolean\": true\n}\n");
  EXPECT_EQ(render(ResultFormat::Json, [](ResultSink& s) { s.boolean(false); }),
            "{\n  \"head\": {},\n  \"boolean\": false\n}\n");
}

TEST(XmlWriter, SelectWithAllTermKinds) {
  const std::string out =
      render(ResultFormat::Xml, [](ResultSink& s) { select(s, kVars, sample_rows()); });
  EXPECT_EQ(out,
            "<?xml version=\"1.0\"?>\n"
            "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
            "  <head>\n"
            "    <variable name=\"x\"/>\n"
            "    <variable name=\"y\"/>\n"
            "    <variable name=\"z\"/>\n"
            "  </head>\n"
            "  <results>\n"
            "    <result>\n"
            "      <binding name=\"x\"><uri>http://example.org/a</uri></binding>\n"
            "      <binding name=\"y\"><literal>plain</literal></binding>\n"
            "      <binding name=\"z\"><bnode>_b0</bnode></binding>\n"
            "    </result>\n"
            "    <result>\n"
            "      <binding name=\"x\"><uri>http://example.org/b&amp;c</uri></binding>\n"
            "      <binding name=\"y\"><literal xml:lang=\"fr\">chat</literal></binding>\n"
            "    </result>\n"
            "    <result>\n"
            "      <binding name=\"y\"><literal "
            "datatype=\"http://www.w3.org/2001/XMLSchema#integer\">42</literal></binding>\n"
            "      <binding name=\"z\"><bnode>r1</bnode></binding>\n"
            "    </result>\n"
            "    <result>\n"
            "      <binding name=\"x\"><uri>http://example.org/q</uri></binding>\n"
            "      <binding name=\"y\"><literal>say \"hi\",\tnow\nbye &lt;&amp;&gt;</literal>"
            "</binding>\n"
            "      <binding name=\"z\"><bnode>_b0</bnode></binding>\n"
            "    </result>\n"
            "  </results>\n"
            "</sparql>\n");
}

TEST(XmlWriter, EmptyAskAndCarriageReturn) {
  EXPECT_EQ(render(ResultFormat::Xml, [](ResultSink& s) { select(s, {"a"}, {}); }),
            "<?xml version=\"1.0\"?>\n"
            "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
            "  <head>\n    <variable name=\"a\"/>\n  </head>\n  <results>\n  </results>\n"
            "</sparql>\n");
  EXPECT_EQ(render(ResultFormat::Xml, [](ResultSink& s) { s.boolean(false); }),
            "<?xml version=\"1.0\"?>\n"
            "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
            "  <head>\n  </head>\n  <boolean>false</boolean>\n</sparql>\n");
  const std::string out = render(ResultFormat::Xml, [](ResultSink& s) {
    select(s, {"a"}, {{Term::literal("a\r\nb", "http://ex/t\"q")}});
  });
  EXPECT_NE(out.find("<literal datatype=\"http://ex/t&quot;q\">a&#xD;\nb</literal>"),
            std::string::npos)
      << out;
}

TEST(CsvWriter, ValuesOnlyWithQuotingAndCrlf) {
  const std::string out =
      render(ResultFormat::Csv, [](ResultSink& s) { select(s, kVars, sample_rows()); });
  EXPECT_EQ(out,
            "x,y,z\r\n"
            "http://example.org/a,plain,_:_b0\r\n"
            "http://example.org/b&c,chat,\r\n"
            ",42,_:r1\r\n"
            "http://example.org/q,\"say \"\"hi\"\",\tnow\nbye <&>\",_:_b0\r\n");
  EXPECT_EQ(render(ResultFormat::Csv, [](ResultSink& s) { select(s, {"a", "b"}, {}); }), "a,b\r\n");
}

TEST(TsvWriter, TurtleTermsWithEscapes) {
  const std::string out =
      render(ResultFormat::Tsv, [](ResultSink& s) { select(s, kVars, sample_rows()); });
  EXPECT_EQ(out,
            "?x\t?y\t?z\n"
            "<http://example.org/a>\t\"plain\"\t_:_b0\n"
            "<http://example.org/b&c>\t\"chat\"@fr\t\n"
            "\t42\t_:r1\n"
            "<http://example.org/q>\t\"say \\\"hi\\\",\\tnow\\nbye <&>\"\t_:_b0\n");
  const std::string typed = render(ResultFormat::Tsv, [](ResultSink& s) {
    select(s, {"v"},
           {{Term::literal("5.5", rdf::xsd::kDecimal)},
            {Term::literal("1.0e3", rdf::xsd::kDouble)},
            {Term::literal("01", rdf::xsd::kInteger)},
            {Term::literal("abc", rdf::xsd::kInteger)},
            {Term::literal("2020-01-01", rdf::xsd::kDate)}});
  });
  EXPECT_EQ(typed,
            "?v\n5.5\n1.0e3\n01\n\"abc\"^^<http://www.w3.org/2001/XMLSchema#integer>\n"
            "\"2020-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>\n");
}

TEST(TableWriter, AlignedColumnsPrefixesAndFooter) {
  ResultWriterOptions options{rdf::PrefixMap(kExamplePrefixes)};
  const std::string out = render(
      ResultFormat::Table, [](ResultSink& s) { select(s, kVars, sample_rows()); }, options);
  EXPECT_EQ(out,
            "?x                        ?y                           ?z\n"
            "────────────────────────  ───────────────────────────  ─────\n"
            "ex:a                      \"plain\"                      _:_b0\n"
            "<http://example.org/b&c>  \"chat\"@fr\n"
            "                          42                           _:r1\n"
            "ex:q                      \"say \\\"hi\\\",\\tnow\\nbye <&>\"  _:_b0\n"
            "4 rows\n");
}

TEST(TableWriter, CountsRowsAndAsk) {
  EXPECT_EQ(render(ResultFormat::Table, [](ResultSink& s) { select(s, {"a"}, {}); }),
            "?a\n──\n0 rows\n");
  EXPECT_EQ(render(ResultFormat::Table,
                   [](ResultSink& s) {
                     select(s, {"a"}, {{Term::literal("true", rdf::xsd::kBoolean)}});
                   }),
            "?a\n────\ntrue\n1 row\n");
  EXPECT_EQ(render(ResultFormat::Table, [](ResultSink& s) { s.boolean(true); }), "true\n");
  EXPECT_EQ(render(ResultFormat::Table, [](ResultSink& s) { s.boolean(false); }), "false\n");
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

TEST(TableWriter, WidthInCodePointsAndTruncation) {
  // "été" is 3 code points in 5 bytes; a 70-character string is cut to 60 code points
  // ending in "…".
  const std::string out = render(ResultFormat::Table, [](ResultSink& s) {
    select(s, {"a", "b"},
           {{Term::literal("\xC3\xA9t\xC3\xA9"), Term::literal("1", rdf::xsd::kInteger)},
            {Term::literal(std::string(70, 'x')), Term::literal("2020-01-01", rdf::xsd::kDate)}});
  });
  const std::string cut = "\"" + std::string(58, 'x') + "\xE2\x80\xA6";
  EXPECT_EQ(out, "?a" + std::string(58, ' ') + "  ?b\n" + repeat("\xE2\x94\x80", 60) + "  " +
                     repeat("\xE2\x94\x80", 22) + "\n" + "\"\xC3\xA9t\xC3\xA9\"" +
                     std::string(55, ' ') + "  1\n" + cut + "  \"2020-01-01\"^^xsd:date\n" +
                     "2 rows\n");
}

TEST(NTriplesWriter, TriplesWithRenamedBlankNodes) {
  const std::string out = render(ResultFormat::NTriples, [](ResultSink& s) {
    s.begin_graph();
    s.triple({Term::blank(".b0"), Term::iri("http://ex/p"), Term::lang_literal("x\ny", "en"), {}});
    s.triple({Term::iri("http://ex/s"), Term::iri("http://ex/p"), Term::blank(".b0"), {}});
    s.triple(
        {Term::blank("b1"), Term::iri("http://ex/p"), Term::literal("1", rdf::xsd::kInteger), {}});
    s.end_graph();
  });
  EXPECT_EQ(out,
            "_:_b0 <http://ex/p> \"x\\ny\"@en .\n"
            "<http://ex/s> <http://ex/p> _:_b0 .\n"
            "_:b1 <http://ex/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST(TurtleWriter, UsesOnlyNeededPrefixes) {
  ResultWriterOptions options{rdf::PrefixMap(kExamplePrefixes)};
  const std::string out = render(
      ResultFormat::Turtle,
      [](ResultSink& s) {
        s.begin_graph();
        s.triple({Term::iri("http://example.org/s"),
                  Term::iri("http://example.org/p"),
                  Term::literal("v"),
                  {}});
        s.triple({Term::iri("http://example.org/s"),
                  Term::iri("http://example.org/q"),
                  Term::blank(".b0"),
                  {}});
        s.end_graph();
      },
      options);
  EXPECT_NE(out.find("@prefix ex: <http://example.org/> ."), std::string::npos) << out;
  EXPECT_EQ(out.find("@prefix rdf:"), std::string::npos) << out;
  EXPECT_NE(out.find("ex:s"), std::string::npos) << out;
  EXPECT_NE(out.find("_:_b0"), std::string::npos) << out;
  EXPECT_EQ(out.find(".b0"), std::string::npos) << out;
}

TEST(ResultWriters, WrongKindOfResultIsAUsageError) {
  std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
  auto json = make_result_writer(ResultFormat::Json, file.get());
  try {
    json->begin_graph();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
    EXPECT_NE(std::string(e.what()).find("SPARQL JSON"), std::string::npos) << e.what();
  }
  auto nt = make_result_writer(ResultFormat::NTriples, file.get());
  EXPECT_THROW(nt->boolean(true), Error);
  std::vector<std::string> vars{"a"};
  EXPECT_THROW(nt->begin_solutions(vars), Error);
}

// ---- Path values (path-search extension) ----

// ex:a -ex:p-> ex:b <-ex:q- _:n1, and the zero-length path at ex:a.
std::vector<Row> path_rows() {
  PathValue path;
  path.nodes = {Term::iri("http://example.org/a"), Term::iri("http://example.org/b"),
                Term::blank("n1")};
  path.steps = {{Term::iri("http://example.org/p"), true},
                {Term::iri("http://example.org/q"), false}};
  PathValue single;
  single.nodes = {Term::iri("http://example.org/a")};
  return {{path_term(path), Term::literal("2", rdf::xsd::kInteger)},
          {path_term(single), Term::literal("0", rdf::xsd::kInteger)}};
}
const std::vector<std::string> kPathVars = {"p", "n"};

TEST(PathValues, JsonHasPathBindingsWithEdges) {
  std::string out =
      render(ResultFormat::Json, [](ResultSink& s) { select(s, kPathVars, path_rows()); });
  EXPECT_NE(
      out.find("{\"p\": {\"type\": \"path\", \"value\": [{\"type\": \"uri\", \"value\": "
               "\"http://example.org/a\"}, {\"type\": \"edge\", \"predicate\": "
               "\"http://example.org/p\", \"direction\": \"forward\"}, {\"type\": \"uri\", "
               "\"value\": \"http://example.org/b\"}, {\"type\": \"edge\", \"predicate\": "
               "\"http://example.org/q\", \"direction\": \"backward\"}, {\"type\": \"bnode\", "
               "\"value\": \"n1\"}]}"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("{\"p\": {\"type\": \"path\", \"value\": [{\"type\": \"uri\", \"value\": "
                     "\"http://example.org/a\"}]}"),
            std::string::npos)
      << out;
}

TEST(PathValues, XmlHasPathElements) {
  std::string out =
      render(ResultFormat::Xml, [](ResultSink& s) { select(s, kPathVars, path_rows()); });
  EXPECT_NE(out.find("<binding name=\"p\"><path><uri>http://example.org/a</uri><edge "
                     "predicate=\"http://example.org/p\" direction=\"forward\"/><uri>http://"
                     "example.org/b</uri><edge predicate=\"http://example.org/q\" "
                     "direction=\"backward\"/><bnode>n1</bnode></path></binding>"),
            std::string::npos)
      << out;
}

TEST(PathValues, TsvAndCsvWriteTheArrowForm) {
  EXPECT_EQ(render(ResultFormat::Tsv, [](ResultSink& s) { select(s, kPathVars, path_rows()); }),
            "?p\t?n\n"
            "<http://example.org/a> -<http://example.org/p>-> <http://example.org/b> "
            "<-<http://example.org/q>- _:n1\t2\n"
            "<http://example.org/a>\t0\n");
  EXPECT_EQ(render(ResultFormat::Csv, [](ResultSink& s) { select(s, kPathVars, path_rows()); }),
            "p,n\r\n"
            "<http://example.org/a> -<http://example.org/p>-> <http://example.org/b> "
            "<-<http://example.org/q>- _:n1,2\r\n"
            "<http://example.org/a>,0\r\n");
}

TEST(PathValues, TableUsesPrefixedNamesAndNeverCutsAPath) {
  ResultWriterOptions options;
  options.prefixes = rdf::PrefixMap(kExamplePrefixes);
  PathValue longer;
  for (int i = 0; i < 12; ++i) {
    longer.nodes.push_back(Term::iri("http://example.org/node" + std::to_string(i)));
    if (i > 0) longer.steps.push_back({Term::iri("http://example.org/next"), true});
  }
  std::string out = render(
      ResultFormat::Table, [&](ResultSink& s) { select(s, kPathVars, path_rows()); }, options);
  EXPECT_NE(out.find("ex:a -ex:p-> ex:b <-ex:q- _:n1  2\n"), std::string::npos) << out;
  std::string long_out = render(
      ResultFormat::Table, [&](ResultSink& s) { select(s, {"p"}, {{path_term(longer)}}); },
      options);
  EXPECT_NE(long_out.find("ex:node0 -ex:next-> ex:node1"), std::string::npos) << long_out;
  EXPECT_NE(long_out.find("-ex:next-> ex:node11\n"), std::string::npos) << long_out;
}

TEST(PathValues, GraphFormatsRejectPaths) {
  PathValue path;
  path.nodes = {Term::iri("http://example.org/a")};
  rdf::Quad quad{Term::iri("http://example.org/s"), Term::iri("http://example.org/p"),
                 path_term(path), std::nullopt};
  for (ResultFormat format : {ResultFormat::NTriples, ResultFormat::Turtle}) {
    EXPECT_THROW(render(format,
                        [&](ResultSink& s) {
                          s.begin_graph();
                          s.triple(quad);
                          s.end_graph();
                        }),
                 Error);
  }
}

}  // namespace
}  // namespace wsiskg::query
