#pragma once
// Shared pieces of the result writers: checked output to a FILE*, the sink base classes that
// reject the wrong kind of result, and blank-node relabelling.

#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include "wsiskg/query/results.hpp"

namespace wsiskg::query::results {

// Writes to a FILE*; any write error becomes wsiskg::Error(Io).
class Output {
 public:
  explicit Output(std::FILE* out) : out_(out) {}
  void write(std::string_view text);
  void write(char c) { write(std::string_view(&c, 1)); }
  void flush();  // fflush + error check
  std::FILE* file() const { return out_; }

 private:
  std::FILE* out_;
};

// Blank node labels from the engine may be anything (the parser makes ".b0"). Labels of the form
// [A-Za-z0-9][A-Za-z0-9_-]* are kept; any other label becomes "_b<n>" (consistently per writer).
// Kept labels never start with '_', so the mapping stays one-to-one.
class BlankLabels {
 public:
  const std::string& operator()(const std::string& label);

 private:
  std::map<std::string, std::string, std::less<>> renamed_;
  std::string kept_;
};

// Sinks for SELECT/ASK results: triples are a usage error naming the format.
class SolutionWriter : public ResultSink {
 public:
  explicit SolutionWriter(std::string_view format_name) : format_name_(format_name) {}
  void begin_graph() override;
  void triple(const rdf::Quad&) override;
  void end_graph() override;

 private:
  std::string_view format_name_;
};

// Sinks for CONSTRUCT/DESCRIBE: solutions and booleans are a usage error naming the format.
class GraphWriter : public ResultSink {
 public:
  explicit GraphWriter(std::string_view format_name) : format_name_(format_name) {}
  void begin_solutions(std::span<const std::string>) override;
  void solution(SolutionRow) override;
  void end_solutions() override;
  void boolean(bool) override;

 private:
  std::string_view format_name_;
};

std::unique_ptr<ResultSink> make_json_writer(std::FILE* out);
std::unique_ptr<ResultSink> make_xml_writer(std::FILE* out);
std::unique_ptr<ResultSink> make_csv_writer(std::FILE* out);
std::unique_ptr<ResultSink> make_tsv_writer(std::FILE* out);
std::unique_ptr<ResultSink> make_table_writer(std::FILE* out, rdf::PrefixMap prefixes);
std::unique_ptr<ResultSink> make_ntriples_writer(std::FILE* out);
std::unique_ptr<ResultSink> make_turtle_writer(std::FILE* out, rdf::PrefixMap prefixes);

}  // namespace wsiskg::query::results
