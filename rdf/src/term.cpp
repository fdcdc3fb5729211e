#include "wsiskg/rdf/term.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace wsiskg::rdf {

Term Term::lang_literal(std::string_view lexical, std::string_view language) {
  std::string lowered(language);
  std::ranges::transform(lowered, lowered.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return {TermKind::Literal, std::string(lexical), std::string(kRdfLangString), std::move(lowered)};
}

namespace {

void append_escaped_iri(std::string& out, std::string_view iri) {
  for (unsigned char c : iri) {
    // Characters the IRIREF production forbids must be written as \u escapes.
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
        c == '^' || c == '`' || c == '\\') {
      out += fmt::format("\\u{:04X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
}

}  // namespace

void append_escaped_literal_text(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
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
        out += c;
    }
  }
}

std::string to_ntriples(const Term& term) {
  std::string out;
  switch (term.kind) {
    case TermKind::Iri:
      out += '<';
      append_escaped_iri(out, term.value);
      out += '>';
      break;
    case TermKind::BlankNode:
      out += "_:";
      out += term.value;
      break;
    case TermKind::Literal:
      out += '"';
      append_escaped_literal_text(out, term.value);
      out += '"';
      if (!term.language.empty()) {
        out += '@';
        out += term.language;
      } else if (!term.datatype.empty() && term.datatype != xsd::kString) {
        out += "^^<";
        append_escaped_iri(out, term.datatype);
        out += '>';
      }
      break;
  }
  return out;
}

std::string to_nquads_line(const Quad& quad) {
  std::string line = to_ntriples(quad.subject);
  line += ' ';
  line += to_ntriples(quad.predicate);
  line += ' ';
  line += to_ntriples(quad.object);
  if (quad.graph) {
    line += ' ';
    line += to_ntriples(*quad.graph);
  }
  line += " .";
  return line;
}

}  // namespace wsiskg::rdf

namespace wsiskg::rdf {

Term TermRef::to_term() const {
  switch (kind) {
    case TermKind::Iri:
      return Term::iri(value);
    case TermKind::BlankNode:
      return Term::blank(value);
    case TermKind::Literal:
      if (!language.empty()) return Term::lang_literal(value, language);
      return Term::literal(value, datatype.empty() ? xsd::kString : datatype);
  }
  return {};
}

}  // namespace wsiskg::rdf
