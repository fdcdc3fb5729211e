#pragma once
// RDF 1.1 terms and quads as plain values. Knows nothing of storage or syntax libraries,
// so every layer (store, import, query, graph) can share it.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace wsiskg::rdf {

namespace xsd {
inline constexpr std::string_view kNamespace = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kInteger = "http://www.w3.org/2001/XMLSchema#integer";
inline constexpr std::string_view kBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
inline constexpr std::string_view kDecimal = "http://www.w3.org/2001/XMLSchema#decimal";
inline constexpr std::string_view kDouble = "http://www.w3.org/2001/XMLSchema#double";
inline constexpr std::string_view kDate = "http://www.w3.org/2001/XMLSchema#date";
inline constexpr std::string_view kDateTime = "http://www.w3.org/2001/XMLSchema#dateTime";
}  // namespace xsd
inline constexpr std::string_view kRdfLangString =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

enum class TermKind : unsigned char { Iri, BlankNode, Literal };

// One RDF term. For literals `datatype` is always set (xsd:string for simple literals,
// rdf:langString when `language` is non-empty), so equal terms compare equal.
struct Term {
  TermKind kind = TermKind::Iri;
  std::string value;     // IRI text, blank node label, or literal lexical form
  std::string datatype;  // literals only
  std::string language;  // literals only, lower-cased as RDF 1.1 compares tags case-insensitively

  static Term iri(std::string_view iri) { return {TermKind::Iri, std::string(iri), {}, {}}; }
  static Term blank(std::string_view label) {
    return {TermKind::BlankNode, std::string(label), {}, {}};
  }
  static Term literal(std::string_view lexical, std::string_view datatype = xsd::kString) {
    return {TermKind::Literal, std::string(lexical), std::string(datatype), {}};
  }
  static Term lang_literal(std::string_view lexical, std::string_view language);

  bool is_iri() const { return kind == TermKind::Iri; }
  bool is_blank() const { return kind == TermKind::BlankNode; }
  bool is_literal() const { return kind == TermKind::Literal; }

  friend bool operator==(const Term&, const Term&) = default;
  friend auto operator<=>(const Term&, const Term&) = default;
};

// A quad; an empty `graph` means the default graph.
struct Quad {
  Term subject;
  Term predicate;
  Term object;
  std::optional<Term> graph;

  friend bool operator==(const Quad&, const Quad&) = default;
  friend auto operator<=>(const Quad&, const Quad&) = default;
};

// N-Triples / N-Quads spelling of a term (`<iri>`, `_:label`, `"lex"@en`, `"1"^^<…#integer>`),
// with the escapes the N-Triples grammar requires. Simple literals are written without datatype.
std::string to_ntriples(const Term& term);
// Appends the body of a quoted N-Triples/Turtle string: `"` `\` LF CR and TAB escaped (ECHAR),
// so the result also fits in one TSV field.
void append_escaped_literal_text(std::string& out, std::string_view text);
std::string to_nquads_line(const Quad& quad);  // without the trailing newline

}  // namespace wsiskg::rdf

namespace wsiskg::rdf {

// A non-owning view of a term, for hot paths (parsers hand out views into their buffers).
struct TermRef {
  TermKind kind = TermKind::Iri;
  std::string_view value;
  std::string_view datatype;  // empty means xsd:string for literals
  std::string_view language;

  TermRef() = default;
  TermRef(TermKind k, std::string_view v, std::string_view dt = {}, std::string_view lang = {})
      : kind(k), value(v), datatype(dt), language(lang) {}
  TermRef(const Term& term)  // NOLINT(google-explicit-constructor): a view of an owned term
      : kind(term.kind), value(term.value), datatype(term.datatype), language(term.language) {}

  Term to_term() const;
};

}  // namespace wsiskg::rdf
