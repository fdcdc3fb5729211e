// SPARQL Query Results XML Format (Second Edition), https://www.w3.org/TR/rdf-sparql-XMLres/.

#include <vector>

#include "output.hpp"
#include "wsiskg/query/path_value.hpp"

namespace wsiskg::query::results {

namespace {

// Escapes for element content (attribute == false) or a double-quoted attribute value. CR is
// written as &#xD; so that XML parsers' line-end normalisation keeps it. XML 1.0 cannot carry
// the other C0 controls at all; they become U+FFFD.
void append_xml(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out += "&#xD;";
        break;
      case '\n':
        out += attribute ? "&#xA;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#x9;" : "\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
}

class XmlWriter final : public SolutionWriter {
 public:
  explicit XmlWriter(std::FILE* out) : SolutionWriter("SPARQL XML"), out_(out) {}

  void begin_solutions(std::span<const std::string> variables) override {
    variables_.assign(variables.begin(), variables.end());
    std::string text(kPrologue);
    text += "  <head>\n";
    for (const auto& name : variables_) {
      text += "    <variable name=\"";
      append_xml(text, name, true);
      text += "\"/>\n";
    }
    text += "  </head>\n  <results>\n";
    out_.write(text);
  }

  void solution(SolutionRow row) override {
    line_ = "    <result>\n";
    for (std::size_t i = 0; i < row.size() && i < variables_.size(); ++i) {
      if (!row[i]) continue;
      line_ += "      <binding name=\"";
      append_xml(line_, variables_[i], true);
      line_ += "\">";
      append_term(*row[i]);
      line_ += "</binding>\n";
    }
    line_ += "    </result>\n";
    out_.write(line_);
  }

  void end_solutions() override {
    out_.write("  </results>\n</sparql>\n");
    out_.flush();
  }

  void boolean(bool value) override {
    std::string text(kPrologue);
    text += "  <head>\n  </head>\n  <boolean>";
    text += value ? "true" : "false";
    text += "</boolean>\n</sparql>\n";
    out_.write(text);
    out_.flush();
  }

 private:
  static constexpr std::string_view kPrologue =
      "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n";

  void append_term(const rdf::Term& term) {
    if (auto path = decode_path_term(term)) {
      append_path(*path);
      return;
    }
    switch (term.kind) {
      case rdf::TermKind::Iri:
        line_ += "<uri>";
        append_xml(line_, term.value, false);
        line_ += "</uri>";
        break;
      case rdf::TermKind::BlankNode:
        line_ += "<bnode>";
        append_xml(line_, blanks_(term.value), false);
        line_ += "</bnode>";
        break;
      case rdf::TermKind::Literal:
        line_ += "<literal";
        if (!term.language.empty()) {
          line_ += " xml:lang=\"";
          append_xml(line_, term.language, true);
          line_ += '"';
        } else if (!term.datatype.empty() && term.datatype != rdf::xsd::kString) {
          line_ += " datatype=\"";
          append_xml(line_, term.datatype, true);
          line_ += '"';
        }
        line_ += '>';
        append_xml(line_, term.value, false);
        line_ += "</literal>";
        break;
    }
  }

  // A path value (path-search extension): <path> holding its nodes as ordinary term elements,
  // alternating with <edge predicate="…" direction="forward|backward"/>.
  void append_path(const PathValue& path) {
    line_ += "<path>";
    for (std::size_t i = 0; i < path.nodes.size(); ++i) {
      if (i > 0) {
        const PathValue::Step& step = path.steps[i - 1];
        line_ += "<edge predicate=\"";
        append_xml(line_, step.predicate.value, true);
        line_ += step.forward ? "\" direction=\"forward\"/>" : "\" direction=\"backward\"/>";
      }
      append_term(path.nodes[i]);
    }
    line_ += "</path>";
  }

  Output out_;
  std::vector<std::string> variables_;
  std::string line_;
  BlankLabels blanks_;
};

}  // namespace

std::unique_ptr<ResultSink> make_xml_writer(std::FILE* out) {
  return std::make_unique<XmlWriter>(out);
}

}  // namespace wsiskg::query::results
