#include "functions.hpp"

#include <cmath>
#include <charconv>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "datetime.hpp"
#include "literals.hpp"
#include "numeric.hpp"
#include "path_functions.hpp"
#include "state.hpp"  // parser::resolve_iri
#include "text.hpp"

namespace wsiskg::query::expression {
namespace {

using Args = std::vector<rdf::Term>;

// ---- argument checks ----

// §17.4.3.1.2 argument compatibility: both xsd:string, both with the same language tag, or a
// language-tagged first argument with an xsd:string second.
bool compatible(const rdf::Term& a, const rdf::Term& b) {
  if (!is_string_literal(a) || !is_string_literal(b)) return false;
  return b.language.empty() || a.language == b.language;
}

std::optional<DateTime> datetime_arg(const rdf::Term& t) {
  if (!t.is_literal() || t.datatype != rdf::xsd::kDateTime) return std::nullopt;
  return parse_datetime(t.value);
}

rdf::Term integer_term(std::int64_t v) {
  return rdf::Term::literal(std::to_string(v), rdf::xsd::kInteger);
}

// ---- functions over already-evaluated arguments ----

Value fn_str(const Args& a) {
  if (a[0].is_blank()) return std::nullopt;
  return string_term(a[0].value);
}
Value fn_lang(const Args& a) {
  if (!a[0].is_literal()) return std::nullopt;
  return string_term(a[0].language);
}
Value fn_datatype(const Args& a) {
  if (!a[0].is_literal()) return std::nullopt;
  return rdf::Term::iri(a[0].datatype);
}
Value fn_langmatches(const Args& a) {
  if (!is_xsd_string(a[0]) || !is_xsd_string(a[1])) return std::nullopt;
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  // RFC 4647 §3.3.1 basic filtering.
  std::string tag = lower(a[0].value), range = lower(a[1].value);
  if (range == "*") return boolean_term(!tag.empty());
  bool match = tag == range || (tag.size() > range.size() && tag.starts_with(range) &&
                                tag[range.size()] == '-' && !range.empty());
  return boolean_term(match);
}
Value fn_is_numeric(const Args& a) {
  return boolean_term(parse_numeric(a[0]).has_value());
}

template <Numeric (*F)(const Numeric&)>
Value fn_numeric(const Args& a) {
  auto n = parse_numeric(a[0]);
  if (!n) return std::nullopt;
  return to_term(F(*n));
}

Value fn_strlen(const Args& a) {
  if (!is_string_literal(a[0])) return std::nullopt;
  return integer_term(static_cast<std::int64_t>(text::length(a[0].value)));
}

// fn:substring with XPath's rounding: characters at 1-based positions p with
// round(start) <= p < round(start) + round(length).
Value fn_substr(const Args& a) {
  if (!is_string_literal(a[0])) return std::nullopt;
  auto start = parse_numeric(a[1]);
  if (!start) return std::nullopt;
  auto xround = [](double d) { return std::floor(d + 0.5); };
  double first = xround(start->as_double());
  double last = std::numeric_limits<double>::infinity();
  if (a.size() > 2) {
    auto len = parse_numeric(a[2]);
    if (!len) return std::nullopt;
    last = first + xround(len->as_double());
  }
  const double n = static_cast<double>(text::length(a[0].value));
  double lo = std::max(first, 1.0), hi = std::min(last, n + 1);
  if (std::isnan(lo) || std::isnan(hi) || hi <= lo) return string_like(a[0], "");
  auto begin = static_cast<std::size_t>(lo - 1), count = static_cast<std::size_t>(hi - lo);
  return string_like(a[0], text::slice(a[0].value, begin, count));
}

Value fn_ucase(const Args& a) {
  if (!is_string_literal(a[0])) return std::nullopt;
  return string_like(a[0], text::to_upper(a[0].value));
}
Value fn_lcase(const Args& a) {
  if (!is_string_literal(a[0])) return std::nullopt;
  return string_like(a[0], text::to_lower(a[0].value));
}
Value fn_encode_for_uri(const Args& a) {
  if (!is_string_literal(a[0])) return std::nullopt;
  return string_term(text::encode_for_uri(a[0].value));
}
Value fn_contains(const Args& a) {
  if (!compatible(a[0], a[1])) return std::nullopt;
  return boolean_term(a[0].value.find(a[1].value) != std::string::npos);
}
Value fn_strstarts(const Args& a) {
  if (!compatible(a[0], a[1])) return std::nullopt;
  return boolean_term(a[0].value.starts_with(a[1].value));
}
Value fn_strends(const Args& a) {
  if (!compatible(a[0], a[1])) return std::nullopt;
  return boolean_term(a[0].value.ends_with(a[1].value));
}
// STRBEFORE/STRAFTER: a match keeps the first argument's type/tag; no match gives "".
Value fn_strbefore(const Args& a) {
  if (!compatible(a[0], a[1])) return std::nullopt;
  auto pos = a[0].value.find(a[1].value);
  if (pos == std::string::npos) return string_term("");
  return string_like(a[0], a[0].value.substr(0, pos));
}
Value fn_strafter(const Args& a) {
  if (!compatible(a[0], a[1])) return std::nullopt;
  auto pos = a[0].value.find(a[1].value);
  if (pos == std::string::npos) return string_term("");
  return string_like(a[0], a[0].value.substr(pos + a[1].value.size()));
}

// CONCAT: the result keeps a language tag only when every argument has that same tag.
Value fn_concat(const Args& a) {
  std::string out;
  std::optional<std::string> lang;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!is_string_literal(a[i])) return std::nullopt;
    out += a[i].value;
    if (i == 0)
      lang = a[i].language;
    else if (lang && *lang != a[i].language)
      lang.reset();
  }
  if (lang && !lang->empty()) return rdf::Term::lang_literal(out, *lang);
  return string_term(out);
}

Value fn_regex(const Args& a) {
  if (!is_string_literal(a[0]) || !is_xsd_string(a[1])) return std::nullopt;
  std::string_view flags;
  if (a.size() > 2) {
    if (!is_xsd_string(a[2])) return std::nullopt;
    flags = a[2].value;
  }
  return [](std::optional<bool> r) -> Value {
    if (!r) return std::nullopt;
    return boolean_term(*r);
  }(text::regex_search(a[0].value, a[1].value, flags));
}

Value fn_replace(const Args& a) {
  if (!is_string_literal(a[0]) || !is_xsd_string(a[1]) || !is_xsd_string(a[2])) return std::nullopt;
  std::string_view flags;
  if (a.size() > 3) {
    if (!is_xsd_string(a[3])) return std::nullopt;
    flags = a[3].value;
  }
  auto r = text::regex_replace(a[0].value, a[1].value, a[2].value, flags);
  if (!r) return std::nullopt;
  return string_like(a[0], *r);
}

template <int Field>
Value fn_datetime_field(const Args& a) {
  auto dt = datetime_arg(a[0]);
  if (!dt) return std::nullopt;
  switch (Field) {
    case 0:
      return integer_term(dt->year);
    case 1:
      return integer_term(dt->month);
    case 2:
      return integer_term(dt->day);
    case 3:
      return integer_term(dt->hour);
    default:
      return integer_term(dt->minute);
  }
}
Value fn_seconds(const Args& a) {
  auto dt = datetime_arg(a[0]);
  if (!dt) return std::nullopt;
  return rdf::Term::literal(seconds_lexical(*dt), rdf::xsd::kDecimal);
}
Value fn_timezone(const Args& a) {
  auto dt = datetime_arg(a[0]);
  if (!dt) return std::nullopt;
  auto d = timezone_duration(*dt);
  if (!d) return std::nullopt;
  return rdf::Term::literal(*d, kXsdDayTimeDuration);
}
Value fn_tz(const Args& a) {
  auto dt = datetime_arg(a[0]);
  if (!dt) return std::nullopt;
  return string_term(dt->tz_text);
}

template <text::Hash H>
Value fn_hash(const Args& a) {
  if (!is_xsd_string(a[0])) return std::nullopt;  // simple literal or xsd:string only
  return string_term(text::hex_digest(H, a[0].value));
}

Value fn_strlang(const Args& a) {
  if (!is_xsd_string(a[0]) || !is_xsd_string(a[1]) || a[1].value.empty()) return std::nullopt;
  // BCP 47 shape: alphanumeric subtags of 1-8 characters, the first alphabetic.
  std::string_view tag = a[1].value;
  std::size_t run = 0;
  for (std::size_t i = 0; i < tag.size(); ++i) {
    char c = tag[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool digit = c >= '0' && c <= '9';
    if (c == '-') {
      if (run == 0) return std::nullopt;
      run = 0;
    } else if (alpha || (digit && i > tag.find('-'))) {
      if (++run > 8) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (run == 0) return std::nullopt;
  return rdf::Term::lang_literal(a[0].value, tag);
}
Value fn_strdt(const Args& a) {
  if (!is_xsd_string(a[0]) || !a[1].is_iri()) return std::nullopt;
  if (a[1].value == rdf::kRdfLangString) return std::nullopt;
  return rdf::Term::literal(a[0].value, a[1].value);
}
Value fn_sameterm(const Args& a) {
  return boolean_term(a[0] == a[1]);
}
Value fn_is_iri(const Args& a) {
  return boolean_term(a[0].is_iri());
}
Value fn_is_blank(const Args& a) {
  return boolean_term(a[0].is_blank());
}
Value fn_is_literal(const Args& a) {
  return boolean_term(a[0].is_literal());
}

using Fn = Value (*)(const Args&);
const std::unordered_map<std::string_view, Fn>& strict_functions() {
  // Functions whose arguments are all evaluated first; any argument error is the result.
  static const std::unordered_map<std::string_view, Fn> table = {
      {"STR", fn_str},
      {"LANG", fn_lang},
      {"DATATYPE", fn_datatype},
      {"LANGMATCHES", fn_langmatches},
      {"ISNUMERIC", fn_is_numeric},
      {"ABS", fn_numeric<numeric_abs>},
      {"CEIL", fn_numeric<numeric_ceil>},
      {"FLOOR", fn_numeric<numeric_floor>},
      {"ROUND", fn_numeric<numeric_round>},
      {"STRLEN", fn_strlen},
      {"SUBSTR", fn_substr},
      {"UCASE", fn_ucase},
      {"LCASE", fn_lcase},
      {"ENCODE_FOR_URI", fn_encode_for_uri},
      {"CONTAINS", fn_contains},
      {"STRSTARTS", fn_strstarts},
      {"STRENDS", fn_strends},
      {"STRBEFORE", fn_strbefore},
      {"STRAFTER", fn_strafter},
      {"CONCAT", fn_concat},
      {"REGEX", fn_regex},
      {"REPLACE", fn_replace},
      {"YEAR", fn_datetime_field<0>},
      {"MONTH", fn_datetime_field<1>},
      {"DAY", fn_datetime_field<2>},
      {"HOURS", fn_datetime_field<3>},
      {"MINUTES", fn_datetime_field<4>},
      {"SECONDS", fn_seconds},
      {"TIMEZONE", fn_timezone},
      {"TZ", fn_tz},
      {"MD5", fn_hash<text::Hash::Md5>},
      {"SHA1", fn_hash<text::Hash::Sha1>},
      {"SHA256", fn_hash<text::Hash::Sha256>},
      {"SHA384", fn_hash<text::Hash::Sha384>},
      {"SHA512", fn_hash<text::Hash::Sha512>},
      {"STRLANG", fn_strlang},
      {"STRDT", fn_strdt},
      {"SAMETERM", fn_sameterm},
      {"ISIRI", fn_is_iri},
      {"ISURI", fn_is_iri},
      {"ISBLANK", fn_is_blank},
      {"ISLITERAL", fn_is_literal},
  };
  return table;
}

// Argument counts of the table's functions (the parser checks them too; ASTs may be built by
// hand).
std::pair<std::size_t, std::size_t> arity(std::string_view name) {
  if (name == "CONCAT") return {0, SIZE_MAX};
  if (name == "SUBSTR" || name == "REGEX") return {2, 3};
  if (name == "REPLACE") return {3, 4};
  for (std::string_view two : {"LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE",
                               "STRAFTER", "STRLANG", "STRDT", "SAMETERM"})
    if (name == two) return {2, 2};
  return {1, 1};
}

Value fn_iri(const rdf::Term& arg, EvaluationContext& context) {
  if (arg.is_iri()) return arg;
  if (!is_xsd_string(arg)) return std::nullopt;
  return rdf::Term::iri(parser::resolve_iri(context.constants().base_iri, arg.value));
}

// ---- casts (§17.5) ----

std::optional<std::string> cast_string(const rdf::Term& v) {
  if (v.is_blank() || is_lang_string(v)) return std::nullopt;
  if (v.is_iri()) return v.value;
  if (auto n = parse_numeric(v)) return xpath_string(*n);
  if (auto b = parse_boolean(v)) return *b ? "true" : "false";
  return v.value;
}

std::string trim_ws(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

Value cast_term(std::string_view datatype, const rdf::Term& v) {
  const bool from_string = is_xsd_string(v);
  if (datatype == rdf::xsd::kString) {
    auto s = cast_string(v);
    if (!s) return std::nullopt;
    return string_term(*s);
  }
  if (!v.is_literal() || is_lang_string(v)) return std::nullopt;
  auto num = parse_numeric(v);
  auto boolean = parse_boolean(v);
  const std::string lex = trim_ws(v.value);
  // Ill-typed numeric or boolean input cannot be cast.
  if (!from_string && !num && !boolean && v.datatype != rdf::xsd::kDateTime) return std::nullopt;

  if (datatype == rdf::xsd::kBoolean) {
    if (boolean) return boolean_term(*boolean);
    if (num) {
      if (num->is_exact()) return boolean_term(num->exact != 0);
      return boolean_term(!(num->approx == 0 || std::isnan(num->approx)));
    }
    if (from_string) {
      if (lex == "true" || lex == "1") return boolean_term(true);
      if (lex == "false" || lex == "0") return boolean_term(false);
    }
    return std::nullopt;
  }
  if (datatype == rdf::xsd::kInteger || datatype == rdf::xsd::kDecimal) {
    const bool integer = datatype == rdf::xsd::kInteger;
    std::optional<Numeric> n;
    if (boolean) n = Numeric::integer(*boolean ? 1 : 0);
    if (num) n = num;
    if (from_string) {
      if (integer ? !is_integer_lexical(lex) : !is_decimal_lexical(lex)) return std::nullopt;
      n = parse_numeric(rdf::Term::literal(lex, rdf::xsd::kDecimal));
    }
    if (!n) return std::nullopt;
    Decimal d;
    if (n->is_exact()) {
      d = n->exact;
    } else {
      if (std::isnan(n->approx) || std::isinf(n->approx)) return std::nullopt;  // err:FOCA0002
      // Shortest round-trip digits: xsd:decimal(0.1e0) is 0.1, not 0.1000000000000000055….
      char buf[400];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n->approx, std::chars_format::fixed);
      if (ec != std::errc()) return std::nullopt;
      d = Decimal(std::string(buf, end));
    }
    if (integer) return to_term(Numeric::integer(Decimal(boost::multiprecision::trunc(d))));
    return to_term(Numeric::decimal(d));
  }
  if (datatype == rdf::xsd::kDouble || datatype == kXsdFloat) {
    double d = 0;
    if (boolean) d = *boolean ? 1 : 0;
    if (num) d = num->as_double();
    if (from_string) {
      if (!is_double_lexical(lex)) return std::nullopt;
      d = parse_numeric(rdf::Term::literal(lex, rdf::xsd::kDouble))->approx;
    }
    if (!boolean && !num && !from_string) return std::nullopt;
    return to_term(datatype == kXsdFloat ? Numeric::floating(d) : Numeric::dbl(d));
  }
  if (datatype == rdf::xsd::kDateTime) {
    if (v.datatype == rdf::xsd::kDateTime || from_string) {
      if (!parse_datetime(lex)) return std::nullopt;
      return rdf::Term::literal(lex, rdf::xsd::kDateTime);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

Value call_function(const ast::FunctionCall& call, EvaluationContext& context) {
  static constexpr std::string_view kCasts[] = {
      rdf::xsd::kString, rdf::xsd::kBoolean, rdf::xsd::kInteger, rdf::xsd::kDecimal,
      kXsdFloat,         rdf::xsd::kDouble,  rdf::xsd::kDateTime};
  bool is_cast = false;
  for (auto c : kCasts) is_cast = is_cast || call.iri == c;
  if (!is_cast || call.args.size() != 1) return std::nullopt;  // unknown extension function
  auto v = evaluate(call.args[0], context);
  if (!v) return std::nullopt;
  return cast_term(call.iri, *v);
}

Value call_builtin(const ast::BuiltinCall& call, EvaluationContext& context) {
  const std::string& name = call.name;
  const auto& args = call.args;
  // Forms with their own evaluation rules first.
  if (name == "BOUND") {
    if (args.size() != 1) return std::nullopt;
    if (const auto* var = std::get_if<ast::Var>(&args[0].node))
      return boolean_term(context.variable(var->name).has_value());
    return std::nullopt;
  }
  if (name == "IF") {
    if (args.size() != 3) return std::nullopt;
    auto c = evaluate(args[0], context);
    auto b = c ? effective_boolean_value(*c) : std::nullopt;
    if (!b) return std::nullopt;
    return evaluate(args[*b ? 1 : 2], context);
  }
  if (name == "COALESCE") {
    for (const auto& a : args)
      if (auto v = evaluate(a, context)) return v;
    return std::nullopt;
  }
  if (name == "BNODE") {
    if (args.empty()) return context.blank_node(std::nullopt);
    auto v = evaluate(args[0], context);
    if (!v || !is_xsd_string(*v)) return std::nullopt;
    return context.blank_node(v->value);
  }
  if (name == "RAND") return to_term(Numeric::dbl(text::random_unit()));
  if (name == "NOW") return context.constants().now;
  if (name == "UUID") return rdf::Term::iri("urn:uuid:" + text::random_uuid());
  if (name == "STRUUID") return string_term(text::random_uuid());

  Args values;
  values.reserve(args.size());
  for (const auto& a : args) {
    auto v = evaluate(a, context);
    if (!v) return std::nullopt;
    values.push_back(std::move(*v));
  }
  if (name == "IRI" || name == "URI") {
    if (values.size() != 1) return std::nullopt;
    return fn_iri(values[0], context);
  }
  if (is_path_function(name)) return call_path_function(name, values);
  const auto& table = strict_functions();
  auto it = table.find(name);
  if (it == table.end()) return std::nullopt;
  auto [min_args, max_args] = arity(name);
  if (values.size() < min_args || values.size() > max_args) return std::nullopt;
  return it->second(values);
}

}  // namespace wsiskg::query::expression
