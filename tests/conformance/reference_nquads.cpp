#include "reference_nquads.hpp"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::conformance {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class LineReader {
 public:
  LineReader(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  std::vector<rdf::Quad> read_all() {
    std::vector<rdf::Quad> quads;
    for (;;) {
      skip_space_and_comments();
      if (at_end()) break;
      rdf::Quad quad;
      quad.subject = term();
      skip_inline_space();
      quad.predicate = term();
      skip_inline_space();
      quad.object = term();
      skip_inline_space();
      if (peek() != '.') {
        quad.graph = term();
        skip_inline_space();
      }
      expect('.');
      if (quad.subject.is_literal() || !quad.predicate.is_iri() ||
          (quad.graph && quad.graph->is_literal())) {
        fail("term not allowed in this position");
      }
      quads.push_back(std::move(quad));
    }
    return quads;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  char next() {
    if (at_end()) fail("unexpected end of input");
    char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      line_start_ = pos_;
    }
    return c;
  }
  void expect(char c) {
    if (next() != c) fail(fmt::format("expected '{}'", c));
  }
  [[noreturn]] void fail(const std::string& message) const {
    throw Error(ErrorKind::BadData, SourcePosition{source_, line_, pos_ - line_start_ + 1},
                "reference N-Quads reader: " + message);
  }

  void skip_inline_space() {
    while (peek() == ' ' || peek() == '\t') next();
  }
  void skip_space_and_comments() {
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        next();
      } else if (c == '#') {
        while (!at_end() && peek() != '\n') next();
      } else {
        break;
      }
    }
  }

  std::uint32_t hex(int digits) {
    std::uint32_t value = 0;
    for (int i = 0; i < digits; ++i) {
      char c = next();
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        fail("bad hex digit");
      }
    }
    return value;
  }

  void unicode_escape(std::string& out, char kind) {
    std::uint32_t cp = hex(kind == 'u' ? 4 : 8);
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) fail("escape is not a scalar value");
    append_utf8(out, cp);
  }

  // BLANK_NODE_LABEL: ASCII letters, digits, '_', '-', '.', and any non-ASCII character.
  static bool is_label_byte(unsigned char c) {
    return c >= 0x80 || std::isalnum(c) || c == '_' || c == '-' || c == '.';
  }

  rdf::Term term() {
    char c = next();
    if (c == '<') return rdf::Term::iri(iri_body());
    if (c == '_') {
      expect(':');
      std::string label;
      while (!at_end() && is_label_byte(static_cast<unsigned char>(peek()))) label += next();
      // Labels may contain '.' but not end with it: in "_:a." the '.' ends the statement.
      while (!label.empty() && label.back() == '.') {
        label.pop_back();
        --pos_;
      }
      if (label.empty()) fail("empty blank node label");
      return rdf::Term::blank(label);
    }
    if (c == '"') return literal();
    fail(fmt::format("unexpected character '{}'", c));
  }

  std::string iri_body() {
    std::string out;
    for (;;) {
      char c = next();
      if (c == '>') return out;
      if (c == '\\') {
        char kind = next();
        if (kind != 'u' && kind != 'U') fail("bad IRI escape");
        unicode_escape(out, kind);
      } else {
        out += c;
      }
    }
  }

  rdf::Term literal() {
    std::string lexical;
    for (;;) {
      char c = next();
      if (c == '"') break;
      if (c != '\\') {
        lexical += c;
        continue;
      }
      char e = next();
      switch (e) {
        case 't':
          lexical += '\t';
          break;
        case 'b':
          lexical += '\b';
          break;
        case 'n':
          lexical += '\n';
          break;
        case 'r':
          lexical += '\r';
          break;
        case 'f':
          lexical += '\f';
          break;
        case '"':
          lexical += '"';
          break;
        case '\'':
          lexical += '\'';
          break;
        case '\\':
          lexical += '\\';
          break;
        case 'u':
        case 'U':
          unicode_escape(lexical, e);
          break;
        default:
          fail(fmt::format("bad string escape \\{}", e));
      }
    }
    if (peek() == '@') {
      next();
      std::string tag;
      while (!at_end() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '-')) {
        tag += next();
      }
      if (tag.empty()) fail("empty language tag");
      return rdf::Term::lang_literal(lexical, tag);
    }
    if (peek() == '^') {
      next();
      expect('^');
      expect('<');
      return rdf::Term::literal(lexical, iri_body());
    }
    return rdf::Term::literal(lexical);
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::size_t line_start_ = 0;
};

}  // namespace

std::vector<rdf::Quad> read_reference_nquads(std::string_view text, const std::string& source) {
  return LineReader(text, source).read_all();
}

std::vector<rdf::Quad> read_reference_nquads_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::MissingInput, "cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return read_reference_nquads(text.str(), file.string());
}

}  // namespace wsiskg::conformance
