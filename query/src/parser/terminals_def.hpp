#pragma once
// Lexical tokens (§19.8 productions 139-173): IRIs, prefixed names, variables, blank nodes,
// strings, numbers, booleans. Everything here is a lexeme: no whitespace inside.

#include <boost/spirit/home/x3.hpp>

#include "rules.hpp"
#include "text.hpp"

namespace wsiskg::query::parser {
namespace terminals_detail {

inline bool is_iri_char(std::int32_t c) {
  if (c <= 0x20) return false;
  switch (c) {
    case '<':
    case '>':
    case '"':
    case '{':
    case '}':
    case '|':
    case '^':
    case '`':
    case '\\':
      return false;
    default:
      return true;
  }
}
inline bool is_string1_char(std::int32_t c) {
  return c != '\'' && c != '\\' && c != '\n' && c != '\r';
}
inline bool is_string2_char(std::int32_t c) {
  return c != '"' && c != '\\' && c != '\n' && c != '\r';
}
inline bool is_long1_char(std::int32_t c) {
  return c != '\'' && c != '\\';
}
inline bool is_long2_char(std::int32_t c) {
  return c != '"' && c != '\\';
}
inline bool is_echar(std::int32_t c) {
  return c == 't' || c == 'b' || c == 'n' || c == 'r' || c == 'f' || c == '"' || c == '\'' ||
         c == '\\';
}
inline bool is_local_esc(std::int32_t c) {
  return std::string_view("_~.-!$&'()*+,;=/?#@%").find(static_cast<char>(c)) !=
             std::string_view::npos &&
         c < 0x80;
}
inline bool is_alpha(std::int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_alnum(std::int32_t c) {
  return is_alpha(c) || is_digit(c);
}
inline bool is_ws(std::int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const cp_parser<is_pn_chars_base> pn_chars_base{};
const cp_parser<is_pn_chars_u> pn_chars_u{};
const cp_parser<is_pn_chars> pn_chars{};
const cp_parser<is_digit> digit{};
const cp_parser<is_hex> hex{};
const cp_parser<is_varname_start> varname_start{};
const cp_parser<is_varname_char> varname_char{};
const cp_parser<is_iri_char> iri_char{};
const cp_parser<is_alpha> alpha{};
const cp_parser<is_alnum> alnum{};
const cp_parser<is_ws> ws{};

const auto echar = x3::lit('\\') >> cp_parser<is_echar>{};
const auto plx = (x3::lit('%') >> hex >> hex) | (x3::lit('\\') >> cp_parser<is_local_esc>{});
// (X | '.')* X, written so a trailing '.' is left for the triple terminator.
const auto pn_prefix = pn_chars_base >> *(pn_chars | (+x3::lit('.') >> pn_chars));
const auto pn_local_char = pn_chars | x3::lit(':') | plx;
const auto pn_local = (pn_chars_u | x3::lit(':') | digit | plx) >>
                      *(pn_local_char | (+x3::lit('.') >> pn_local_char));

const auto exponent = (x3::lit('e') | 'E') >> -(x3::lit('+') | '-') >> +digit;
const auto double_lex =
    (+digit >> '.' >> *digit >> exponent) | ('.' >> +digit >> exponent) | (+digit >> exponent);
const auto decimal_lex = *digit >> '.' >> +digit;
const auto sign = -(x3::lit('+') | '-');

// Gives x3::raw[...] a std::string attribute (raw's own attribute cannot feed an action).
template <class P>
constexpr auto as_string(const P& p) {
  return x3::rule<struct as_string_tag, std::string>{"text"} = x3::as_parser(p);
}
struct as_string_raw_gen {
  template <class P>
  constexpr auto operator[](const P& p) const {
    return as_string(x3::raw[x3::as_parser(p)]);
  }
};
inline constexpr as_string_raw_gen as_string_raw{};
inline std::string text_of(std::string s) {
  return s;
}

const auto on_iriref = [](auto& ctx) {
  x3::_val(ctx) = resolve_iri(get_state(ctx).base, text_of(x3::_attr(ctx)));
};
const auto on_pname_ns = [](auto& ctx) { x3::_val(ctx) = text_of(x3::_attr(ctx)); };
const auto on_prefixed_name = [](auto& ctx) {
  auto& state = get_state(ctx);
  const auto& attr = x3::_attr(ctx);
  std::string prefix = text_of(boost::fusion::at_c<0>(attr));
  auto it = state.prefixes.find(prefix);
  if (it == state.prefixes.end())
    throw ParseFailure{get_state(ctx).starts.back(), "unknown prefix '" + prefix + ":'"};
  std::string value = it->second;
  if (const auto& local = boost::fusion::at_c<1>(attr))
    value += unescape_local_name(text_of(*local));
  x3::_val(ctx) = std::move(value);
};
const auto on_var = [](auto& ctx) { x3::_val(ctx) = ast::Var{text_of(x3::_attr(ctx))}; };
const auto on_blank_label = [](auto& ctx) {
  x3::_val(ctx) = rdf::Term::blank(text_of(x3::_attr(ctx)));
};
const auto on_anon = [](auto& ctx) { x3::_val(ctx) = get_state(ctx).fresh_blank(); };
const auto on_string = [](auto& ctx) { x3::_val(ctx) = unescape_string(text_of(x3::_attr(ctx))); };
// A quote that does not start a valid string cannot start anything else either.
const auto on_bad_string = [](auto& ctx) {
  throw ParseFailure{get_state(ctx).starts.back(),
                     "unterminated string literal, or a bad escape in it (valid escapes: \\t "
                     "\\b \\n \\r \\f \\\" \\' \\\\)"};
};
const auto set_val = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

template <const std::string_view* Datatype>
struct make_number {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    x3::_val(ctx) = rdf::Term::literal(text_of(x3::_attr(ctx)), *Datatype);
  }
};
inline constexpr std::string_view kInteger = rdf::xsd::kInteger;
inline constexpr std::string_view kDecimal = rdf::xsd::kDecimal;
inline constexpr std::string_view kDouble = rdf::xsd::kDouble;

const auto on_true = [](auto& ctx) {
  x3::_val(ctx) = rdf::Term::literal("true", rdf::xsd::kBoolean);
};
const auto on_false = [](auto& ctx) {
  x3::_val(ctx) = rdf::Term::literal("false", rdf::xsd::kBoolean);
};
const auto on_nil = [](auto& ctx) { x3::_val(ctx) = rdf::Term::iri(kRdfNil); };

// String ( LANGTAG | '^^' iri )?
const auto on_plain = [](auto& ctx) { x3::_val(ctx) = rdf::Term::literal(x3::_val(ctx).value); };
const auto on_lex = [](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); };
const auto on_lang = [](auto& ctx) {
  x3::_val(ctx) = rdf::Term::lang_literal(x3::_val(ctx).value, text_of(x3::_attr(ctx)));
};
const auto on_datatype = [](auto& ctx) {
  x3::_val(ctx) = rdf::Term::literal(x3::_val(ctx).value, x3::_attr(ctx));
};
const auto on_integer = [](auto& ctx) {
  std::string digits = text_of(x3::_attr(ctx));
  std::uint64_t value = 0;
  for (char c : digits) {
    if (value > (UINT64_MAX - 9) / 10)
      throw ParseFailure{get_state(ctx).starts.back(), "number too large"};
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  x3::_val(ctx) = value;
};

}  // namespace terminals_detail

using namespace terminals_detail;

const auto prefixed_name_def =
    token("prefixed name", x3::lexeme[tracked[(as_string_raw[-pn_prefix] >> ':' >>
                                               -as_string_raw[pn_local])[on_prefixed_name]]]);
const x3::rule<class prefixed_name_class, std::string> prefixed_name = "prefixed_name";

const auto iriref_def = token("IRI", x3::lexeme['<' >> as_string_raw[*iri_char] >> '>'][on_iriref]);
const auto pname_ns_def =
    token("prefix name", x3::lexeme[as_string_raw[-pn_prefix] >> ':'][on_pname_ns]);
const auto iri_def = iriref[set_val] | prefixed_name[set_val];
const auto var_def = token(
    "variable",
    x3::lexeme[(x3::lit('?') | '$') >> as_string_raw[varname_start >> *varname_char]][on_var]);
const auto blank_node_def = token(
    "blank node",
    x3::lexeme[x3::lit("_:") >>
               as_string_raw[(pn_chars_u | digit) >> *(pn_chars | (+x3::lit('.') >> pn_chars))]]
              [on_blank_label] |
        x3::lexeme['[' >> *ws >> ']'][on_anon]);

const auto string_literal_def =
    token("string",
          x3::lexeme[as_string(
              ("'''" >> as_string_raw[*((x3::lit("''") >> (cp_parser<is_long1_char>{} | echar)) |
                                        (x3::lit("'") >> (cp_parser<is_long1_char>{} | echar)) |
                                        cp_parser<is_long1_char>{} | echar)] >>
               "'''") |
              (x3::lit("\"\"\"") >>
               as_string_raw[*((x3::lit("\"\"") >> (cp_parser<is_long2_char>{} | echar)) |
                               (x3::lit("\"") >> (cp_parser<is_long2_char>{} | echar)) |
                               cp_parser<is_long2_char>{} | echar)] >>
               "\"\"\"") |
              ('\'' >> as_string_raw[*(cp_parser<is_string1_char>{} | echar)] >> '\'') |
              ('"' >> as_string_raw[*(cp_parser<is_string2_char>{} | echar)] >> '"'))][on_string]) |
    tracked[x3::lexeme[&(x3::lit('"') | '\'')][on_bad_string]];

const auto rdf_literal_def =
    string_literal[on_lex] >>
    (x3::lexeme['@' >> as_string_raw[+alpha >> *('-' >> +alnum)]][on_lang] |
     (op("^^") >> iri)[on_datatype] | x3::eps[on_plain]);

const auto numeric_literal_def =
    token("number", x3::lexeme[as_string_raw[sign >> double_lex]][make_number<&kDouble>{}] |
                        x3::lexeme[as_string_raw[sign >> decimal_lex]][make_number<&kDecimal>{}] |
                        x3::lexeme[as_string_raw[sign >> +digit]][make_number<&kInteger>{}]);

const auto boolean_literal_def = kw("true")[on_true] | kw("false")[on_false];
const auto nil_def = token("'()'", x3::lexeme['(' >> *ws >> ')'][on_nil]);
const auto integer_def = token("integer", tracked[x3::lexeme[as_string_raw[+digit]][on_integer]]);

BOOST_SPIRIT_DEFINE(prefixed_name, iriref, pname_ns, iri, var, blank_node, string_literal,
                    rdf_literal, numeric_literal, boolean_literal, nil, integer);

}  // namespace wsiskg::query::parser
