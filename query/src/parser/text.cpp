#include "text.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <optional>

#include "state.hpp"
#include "wsiskg/query/ast.hpp"
#include "wsiskg/rdf/iri.hpp"
#include "wsiskg/rdf/utf8.hpp"

namespace wsiskg::query::parser {

std::string unescape_string(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 == body.size()) {
      out += c;
      continue;
    }
    switch (body[++i]) {
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'f':
        out += '\f';
        break;
      default:
        out += body[i];  // " ' and backslash stand for themselves
    }
  }
  return out;
}

std::string unescape_local_name(std::string_view local) {
  std::string out;
  out.reserve(local.size());
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '\\' && i + 1 < local.size()) ++i;
    out += local[i];
  }
  return out;
}

bool preprocess(std::string_view text, Preprocessed& out, std::size_t& error_offset,
                std::string& error) {
  out.text.clear();
  out.origin.clear();
  out.text.reserve(text.size());
  out.origin.reserve(text.size());
  bool replaced = false;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() && (text[i + 1] == 'u' || text[i + 1] == 'U')) {
      std::size_t digits = text[i + 1] == 'u' ? 4 : 8;
      auto cp =
          i + 2 + digits <= text.size() ? rdf::parse_hex(text.substr(i + 2, digits)) : std::nullopt;
      if (!cp) {
        error_offset = i;
        error = fmt::format("bad codepoint escape: '\\{}' needs {} hexadecimal digits", text[i + 1],
                            digits);
        return false;
      }
      if ((*cp >= 0xD800 && *cp <= 0xDFFF) || *cp > 0x10FFFF) {
        error_offset = i;
        error = fmt::format("codepoint escape U+{:04X} is not a Unicode scalar value", *cp);
        return false;
      }
      std::size_t before = out.text.size();
      rdf::append_utf8(out.text, *cp);
      out.origin.insert(out.origin.end(), out.text.size() - before, i);
      i += 2 + digits;
      replaced = true;
      continue;
    }
    std::size_t len = c == '\\' && i + 1 < text.size() && text[i + 1] == '\\'
                          ? 2
                          : rdf::utf8_sequence_length(text, i);
    if (len == 0) {
      error_offset = i;
      error = "invalid UTF-8 byte sequence";
      return false;
    }
    for (std::size_t k = 0; k < len; ++k) {
      out.text += text[i + k];
      out.origin.push_back(i + k);
    }
    i += len;
  }
  if (!replaced) out.origin.clear();
  return true;
}

std::size_t find_excess_nesting(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  auto is_iri_char = [](unsigned char c) {
    return c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' &&
           c != '^' && c != '`' && c != '\\';
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '#':
        while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
        break;
      case '\\':
        ++i;  // PN_LOCAL_ESC such as `\(`
        break;
      case '\'':
      case '"': {
        bool is_long = text.substr(i, 3) == std::string(3, c);
        std::size_t j = i + (is_long ? 3 : 1);
        while (j < text.size()) {
          if (text[j] == '\\') {
            j += 2;
          } else if (is_long ? text.substr(j, 3) == std::string(3, c) : text[j] == c) {
            break;
          } else if (!is_long && (text[j] == '\n' || text[j] == '\r')) {
            break;
          } else {
            ++j;
          }
        }
        i = j + (is_long ? 2 : 0);
        break;
      }
      case '<': {
        std::size_t j = i + 1;
        while (j < text.size() && is_iri_char(static_cast<unsigned char>(text[j]))) ++j;
        if (j < text.size() && text[j] == '>') i = j;
        break;
      }
      case '(':
      case '[':
      case '{':
        if (++depth > limit) return i;
        break;
      case ')':
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return std::string_view::npos;
}

LineInfo locate(std::string_view text, std::size_t offset) {
  LineInfo info;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++info.line;
      info.line_start = i + 1;
    }
  }
  for (std::size_t i = info.line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++info.column;
  std::size_t end = text.find_first_of("\r\n", info.line_start);
  if (end == std::string_view::npos) end = text.size();
  info.line_text = text.substr(info.line_start, end - info.line_start);
  return info;
}

rdf::Term ParseState::fresh_blank() {
  return rdf::Term::blank(fmt::format("{}{}", ast::kGeneratedBlankPrefix, next_blank++));
}

std::string resolve_iri(std::string_view base, std::string_view reference) {
  if (base.empty() && !rdf::has_scheme(reference)) return std::string(reference);
  return rdf::resolve_iri(reference, base);
}

}  // namespace wsiskg::query::parser
