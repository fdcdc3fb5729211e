// SPARQL 1.1 Query Results CSV and TSV Formats, https://www.w3.org/TR/sparql11-results-csv-tsv/.
// CSV: values only (no types), RFC 4180 quoting, CRLF line ends. TSV: "?var" header, terms in
// Turtle syntax, LF line ends. Neither format defines ASK results; like other engines we write a
// one-column table "_askResult" holding true or false.

#include <vector>

#include "output.hpp"
#include "term_syntax.hpp"
#include "wsiskg/query/path_value.hpp"

namespace wsiskg::query::results {

namespace {

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of("\",\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

class CsvWriter final : public SolutionWriter {
 public:
  explicit CsvWriter(std::FILE* out) : SolutionWriter("CSV"), out_(out) {}

  void begin_solutions(std::span<const std::string> variables) override {
    columns_ = variables.size();
    line_.clear();
    for (std::size_t i = 0; i < variables.size(); ++i) {
      if (i != 0) line_ += ',';
      append_csv_field(line_, variables[i]);
    }
    line_ += "\r\n";
    out_.write(line_);
  }

  void solution(SolutionRow row) override {
    line_.clear();
    for (std::size_t i = 0; i < columns_; ++i) {
      if (i != 0) line_ += ',';
      if (i >= row.size() || !row[i]) continue;
      const rdf::Term& term = *row[i];
      if (auto path = decode_path_term(term)) {
        // A path value: its readable arrow form with N-Triples terms.
        append_csv_field(line_, path_arrow_form(*path, [&](const rdf::Term& t) {
                           return t.is_blank() ? "_:" + blanks_(t.value) : rdf::to_ntriples(t);
                         }));
      } else if (term.is_blank()) {
        append_csv_field(line_, "_:" + blanks_(term.value));
      } else {
        append_csv_field(line_, term.value);  // IRI text or lexical form
      }
    }
    line_ += "\r\n";
    out_.write(line_);
  }

  void end_solutions() override { out_.flush(); }

  void boolean(bool value) override {
    out_.write(value ? "_askResult\r\ntrue\r\n" : "_askResult\r\nfalse\r\n");
    out_.flush();
  }

 private:
  Output out_;
  std::size_t columns_ = 0;
  std::string line_;
  BlankLabels blanks_;
};

class TsvWriter final : public SolutionWriter {
 public:
  explicit TsvWriter(std::FILE* out) : SolutionWriter("TSV"), out_(out) {}

  void begin_solutions(std::span<const std::string> variables) override {
    columns_ = variables.size();
    line_.clear();
    for (std::size_t i = 0; i < variables.size(); ++i) {
      if (i != 0) line_ += '\t';
      line_ += '?';
      line_ += variables[i];
    }
    line_ += '\n';
    out_.write(line_);
  }

  void solution(SolutionRow row) override {
    line_.clear();
    for (std::size_t i = 0; i < columns_; ++i) {
      if (i != 0) line_ += '\t';
      if (i < row.size() && row[i]) append_term(*row[i]);
    }
    line_ += '\n';
    out_.write(line_);
  }

  void end_solutions() override { out_.flush(); }

  void boolean(bool value) override {
    out_.write(value ? "?_askResult\ntrue\n" : "?_askResult\nfalse\n");
    out_.flush();
  }

 private:
  void append_term(const rdf::Term& term) {
    if (auto path = decode_path_term(term)) {
      // A path value: `<a> -<p>-> <b> <-<q>- <c>`, as `wsiskg path --format tsv` writes it.
      line_ += path_arrow_form(*path, [&](const rdf::Term& t) {
        std::string text;
        append_term(text, t);
        return text;
      });
      return;
    }
    append_term(line_, term);
  }
  void append_term(std::string& out, const rdf::Term& term) {
    switch (term.kind) {
      case rdf::TermKind::Iri:
        out += rdf::to_ntriples(term);
        break;
      case rdf::TermKind::BlankNode:
        out += "_:";
        out += blanks_(term.value);
        break;
      case rdf::TermKind::Literal:
        if (has_turtle_shorthand(term)) {
          out += term.value;
          break;
        }
        out += '"';
        rdf::append_escaped_literal_text(out, term.value);
        out += '"';
        if (!term.language.empty()) {
          out += '@';
          out += term.language;
        } else if (!term.datatype.empty() && term.datatype != rdf::xsd::kString) {
          out += "^^";
          out += rdf::to_ntriples(rdf::Term::iri(term.datatype));
        }
        break;
    }
  }

  Output out_;
  std::size_t columns_ = 0;
  std::string line_;
  BlankLabels blanks_;
};

}  // namespace

std::unique_ptr<ResultSink> make_csv_writer(std::FILE* out) {
  return std::make_unique<CsvWriter>(out);
}
std::unique_ptr<ResultSink> make_tsv_writer(std::FILE* out) {
  return std::make_unique<TsvWriter>(out);
}

}  // namespace wsiskg::query::results
