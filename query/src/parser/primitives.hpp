#pragma once
// Hand-written X3 primitives: the whitespace/comment skipper, case-insensitive keywords,
// punctuation, one-code-point character classes over UTF-8, and the `token` wrapper that
// records what was expected at the furthest failure point.

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <string_view>

#include "state.hpp"

namespace wsiskg::query::parser {

namespace x3 = boost::spirit::x3;

struct state_tag;

template <class Context>
ParseState& get_state(const Context& context) {
  return x3::get<state_tag>(context).get();
}

// Decodes one UTF-8 sequence at `p` (input is validated before parsing); returns the code point
// and advances `p`, or returns -1 without advancing at the end.
inline std::int32_t decode_utf8(const char*& p, const char* end) {
  if (p == end) return -1;
  auto b = static_cast<unsigned char>(*p);
  int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (end - p < len) return -1;
  std::int32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(p[i]) & 0x3F);
  p += len;
  return cp;
}

// Character classes of the SPARQL grammar (§19.8, productions 164-169).
inline bool is_pn_chars_base(std::int32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
inline bool is_pn_chars_u(std::int32_t c) {
  return is_pn_chars_base(c) || c == '_';
}
inline bool is_digit(std::int32_t c) {
  return c >= '0' && c <= '9';
}
inline bool is_pn_chars(std::int32_t c) {
  return is_pn_chars_u(c) || c == '-' || is_digit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x203F && c <= 0x2040);
}
inline bool is_varname_start(std::int32_t c) {
  return is_pn_chars_u(c) || is_digit(c);
}
inline bool is_varname_char(std::int32_t c) {
  return is_pn_chars_u(c) || is_digit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x203F && c <= 0x2040);
}
inline bool is_hex(std::int32_t c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// Characters that continue a word, so `SELECTx` or `a:b` is not a keyword.
inline bool is_word_char(std::int32_t c) {
  return is_pn_chars(c) || c == ':';
}

// Succeeds without consuming when an IRIREF starts here, so `?a<?b>` reads as an IRI, as the
// spec's longest-token rule says, and `<` is taken as less-than only otherwise.
struct iriref_ahead_parser : x3::parser<iriref_ahead_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    if (first == last || *first != '<') return false;
    for (It p = first + 1; p != last; ++p) {
      auto c = static_cast<unsigned char>(*p);
      if (c == '>') return true;
      if (c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
          c == '`' || c == '\\')
        return false;
    }
    return false;
  }
};
inline constexpr iriref_ahead_parser iriref_ahead{};

// Whitespace and `#` comments.
struct skipper_parser : x3::parser<skipper_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx&, RCtx&, Attr&) const {
    It start = first;
    while (first != last) {
      char c = *first;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++first;
      } else if (c == '#') {
        while (first != last && *first != '\n' && *first != '\r') ++first;
      } else {
        break;
      }
    }
    return first != start;
  }
};
inline constexpr skipper_parser skipper{};

// One code point for which Pred holds (used inside lexemes).
template <bool (*Pred)(std::int32_t)>
struct cp_parser : x3::parser<cp_parser<Pred>> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    const char* p = first;
    std::int32_t c = decode_utf8(p, last);
    if (c < 0 || !Pred(c)) return false;
    first = p;
    return true;
  }
};

// Keyword, matched case-insensitively (except `a`) and only as a whole word.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  std::string_view word;
  bool case_sensitive = false;

  constexpr keyword_parser(std::string_view w, bool cs = false) : word(w), case_sensitive(cs) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    const char* p = first;
    for (char w : word) {
      if (p == last) return fail(first, ctx);
      char c = *p;
      if (!case_sensitive && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      char wu = (!case_sensitive && w >= 'a' && w <= 'z') ? static_cast<char>(w - 'a' + 'A') : w;
      if (c != wu) return fail(first, ctx);
      ++p;
    }
    const char* q = p;
    if (std::int32_t next = decode_utf8(q, last); next >= 0 && is_word_char(next))
      return fail(first, ctx);
    first = p;
    return true;
  }

  template <class Ctx>
  bool fail(const char* at, const Ctx& ctx) const {
    get_state(ctx).expect(at, word);
    return false;
  }
};

// Punctuation or operator text, e.g. "{", "^^", "<=".
struct punct_parser : x3::parser<punct_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  std::string_view text;

  constexpr explicit punct_parser(std::string_view t) : text(t) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    if (static_cast<std::size_t>(last - first) < text.size() ||
        std::string_view(first, text.size()) != text) {
      get_state(ctx).expect(first, std::string("'").append(text).append("'"));
      return false;
    }
    first += text.size();
    return true;
  }
};

// Wraps a lexical rule: on failure, records `name` as expected at the token's start.
template <class Subject>
struct token_parser : x3::unary_parser<Subject, token_parser<Subject>> {
  using base_type = x3::unary_parser<Subject, token_parser<Subject>>;
  static bool const is_pass_through_unary = true;
  const char* name;

  constexpr token_parser(const Subject& subject, const char* n) : base_type(subject), name(n) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr& attr) const {
    It save = first;
    x3::skip_over(first, last, ctx);
    It at = first;
    if (this->subject.parse(first, last, ctx, rctx, attr)) return true;
    get_state(ctx).expect(at, name);
    first = save;
    return false;
  }
};

// tracked[p]: makes the start of p's match (after whitespace) available to actions inside it.
template <class Subject>
struct tracked_parser : x3::unary_parser<Subject, tracked_parser<Subject>> {
  using base_type = x3::unary_parser<Subject, tracked_parser<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr explicit tracked_parser(const Subject& subject) : base_type(subject) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr& attr) const {
    It save = first;
    x3::skip_over(first, last, ctx);
    auto& starts = get_state(ctx).starts;
    starts.push_back(first);
    bool ok = this->subject.parse(first, last, ctx, rctx, attr);
    starts.pop_back();
    if (!ok) first = save;
    return ok;
  }
};
struct tracked_gen {
  template <class P>
  constexpr auto operator[](const P& p) const {
    return tracked_parser<typename x3::extension::as_parser<P>::value_type>(x3::as_parser(p));
  }
};
inline constexpr tracked_gen tracked{};

constexpr keyword_parser kw(std::string_view word) {
  return keyword_parser(word);
}
constexpr punct_parser op(std::string_view text) {
  return punct_parser(text);
}
template <class P>
constexpr auto token(const char* name, const P& p) {
  return token_parser<typename x3::extension::as_parser<P>::value_type>(x3::as_parser(p), name);
}

}  // namespace wsiskg::query::parser
