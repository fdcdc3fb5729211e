// SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/), written
// row by row so large results need no document tree in memory.

#include <cstdio>
#include <vector>

#include "output.hpp"
#include "wsiskg/query/path_value.hpp"

namespace wsiskg::query::results {

namespace {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;  // UTF-8 passes through
        }
    }
  }
  out += '"';
}

class JsonWriter final : public SolutionWriter {
 public:
  explicit JsonWriter(std::FILE* out) : SolutionWriter("SPARQL JSON"), out_(out) {}

  void begin_solutions(std::span<const std::string> variables) override {
    variables_.assign(variables.begin(), variables.end());
    std::string text = "{\n  \"head\": {\"vars\": [";
    for (std::size_t i = 0; i < variables_.size(); ++i) {
      if (i != 0) text += ", ";
      append_json_string(text, variables_[i]);
    }
    text += "]},\n  \"results\": {\"bindings\": [";
    out_.write(text);
  }

  void solution(SolutionRow row) override {
    line_.clear();
    line_ += rows_ == 0 ? "\n    {" : ",\n    {";
    bool first = true;
    for (std::size_t i = 0; i < row.size() && i < variables_.size(); ++i) {
      if (!row[i]) continue;
      if (!first) line_ += ", ";
      first = false;
      append_json_string(line_, variables_[i]);
      line_ += ": ";
      append_term(*row[i]);
    }
    line_ += '}';
    out_.write(line_);
    ++rows_;
  }

  void end_solutions() override {
    out_.write(rows_ == 0 ? "]}\n}\n" : "\n  ]}\n}\n");
    out_.flush();
  }

  void boolean(bool value) override {
    out_.write(value ? "{\n  \"head\": {},\n  \"boolean\": true\n}\n"
                     : "{\n  \"head\": {},\n  \"boolean\": false\n}\n");
    out_.flush();
  }

 private:
  void append_term(const rdf::Term& term) {
    if (auto path = decode_path_term(term)) {
      append_path(*path);
      return;
    }
    switch (term.kind) {
      case rdf::TermKind::Iri:
        line_ += "{\"type\": \"uri\", \"value\": ";
        append_json_string(line_, term.value);
        break;
      case rdf::TermKind::BlankNode:
        line_ += "{\"type\": \"bnode\", \"value\": ";
        append_json_string(line_, blanks_(term.value));
        break;
      case rdf::TermKind::Literal:
        line_ += "{\"type\": \"literal\", \"value\": ";
        append_json_string(line_, term.value);
        if (!term.language.empty()) {
          line_ += ", \"xml:lang\": ";
          append_json_string(line_, term.language);
        } else if (!term.datatype.empty() && term.datatype != rdf::xsd::kString) {
          line_ += ", \"datatype\": ";
          append_json_string(line_, term.datatype);
        }
        break;
    }
    line_ += '}';
  }

  // A path value (path-search extension): its nodes as ordinary bindings, alternating with
  // its edges.
  void append_path(const PathValue& path) {
    line_ += "{\"type\": \"path\", \"value\": [";
    for (std::size_t i = 0; i < path.nodes.size(); ++i) {
      if (i > 0) {
        const PathValue::Step& step = path.steps[i - 1];
        line_ += ", {\"type\": \"edge\", \"predicate\": ";
        append_json_string(line_, step.predicate.value);
        line_ +=
            step.forward ? ", \"direction\": \"forward\"}, " : ", \"direction\": \"backward\"}, ";
      }
      append_term(path.nodes[i]);
    }
    line_ += "]}";
  }

  Output out_;
  std::vector<std::string> variables_;
  std::string line_;
  std::uint64_t rows_ = 0;
  BlankLabels blanks_;
};

}  // namespace

std::unique_ptr<ResultSink> make_json_writer(std::FILE* out) {
  return std::make_unique<JsonWriter>(out);
}

}  // namespace wsiskg::query::results
