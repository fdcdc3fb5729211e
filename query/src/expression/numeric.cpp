#include "numeric.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace wsiskg::query::expression {
namespace {

constexpr std::string_view kXsd = rdf::xsd::kNamespace;

struct IntegerRange {
  std::string_view local;
  const char* min;  // nullptr: unbounded
  const char* max;
};
// xsd:integer and the types derived from it (XSD 1.1 Part 2 §3.4.13-§3.4.25).
constexpr IntegerRange kIntegerTypes[] = {
    {"integer", nullptr, nullptr},
    {"long", "-9223372036854775808", "9223372036854775807"},
    {"int", "-2147483648", "2147483647"},
    {"short", "-32768", "32767"},
    {"byte", "-128", "127"},
    {"nonNegativeInteger", "0", nullptr},
    {"positiveInteger", "1", nullptr},
    {"unsignedLong", "0", "18446744073709551615"},
    {"unsignedInt", "0", "4294967295"},
    {"unsignedShort", "0", "65535"},
    {"unsignedByte", "0", "255"},
    {"nonPositiveInteger", nullptr, "0"},
    {"negativeInteger", nullptr, "-1"},
};

std::optional<std::string_view> xsd_local(std::string_view datatype) {
  if (!datatype.starts_with(kXsd)) return std::nullopt;
  return datatype.substr(kXsd.size());
}

const IntegerRange* integer_type(std::string_view datatype) {
  auto local = xsd_local(datatype);
  if (!local) return nullptr;
  for (const auto& t : kIntegerTypes)
    if (t.local == *local) return &t;
  return nullptr;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string_view strip_sign(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return s;
}

// Decimal text in the form Boost accepts: no '+', no bare '.' at either end.
Decimal parse_exact(std::string_view s) {
  std::string text(s);
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  if (!text.empty() && text[0] == '.') text.insert(0, "0");
  if (!text.empty() && text.back() == '.') text.push_back('0');
  Decimal v(text);
  return negative ? Decimal(-v) : v;
}

std::optional<double> parse_double(std::string_view s) {
  if (s == "INF" || s == "+INF") return std::numeric_limits<double>::infinity();
  if (s == "-INF") return -std::numeric_limits<double>::infinity();
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  std::string text(s[0] == '+' ? s.substr(1) : s);
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) {
    // Overflow / underflow: XSD maps these to ±INF / ±0.
    return std::strtod(text.c_str(), nullptr);
  }
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

double Numeric::as_double() const {
  return is_exact() ? exact.convert_to<double>() : approx;
}

bool is_integer_lexical(std::string_view s) {
  return all_digits(strip_sign(s));
}

bool is_decimal_lexical(std::string_view s) {
  s = strip_sign(s);
  auto dot = s.find('.');
  if (dot == std::string_view::npos) return all_digits(s);
  auto whole = s.substr(0, dot), frac = s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return false;
  return (whole.empty() || all_digits(whole)) && (frac.empty() || all_digits(frac));
}

bool is_double_lexical(std::string_view s) {
  if (s == "INF" || s == "+INF" || s == "-INF" || s == "NaN") return true;
  auto e = s.find_first_of("eE");
  if (e == std::string_view::npos) return is_decimal_lexical(s);
  return is_decimal_lexical(s.substr(0, e)) && is_integer_lexical(s.substr(e + 1));
}

bool is_numeric_datatype(std::string_view datatype) {
  if (integer_type(datatype)) return true;
  auto local = xsd_local(datatype);
  return local && (*local == "decimal" || *local == "float" || *local == "double");
}

NumericType numeric_type_of(std::string_view datatype) {
  auto local = xsd_local(datatype).value_or("");
  if (local == "decimal") return NumericType::Decimal;
  if (local == "float") return NumericType::Float;
  if (local == "double") return NumericType::Double;
  return NumericType::Integer;
}

std::optional<long long> small_integer(const rdf::Term& term) {
  if (!term.is_literal() || term.datatype != rdf::xsd::kInteger) return std::nullopt;
  std::string_view lex = term.value;
  if (!lex.empty() && lex[0] == '+') lex.remove_prefix(1);
  std::string_view digits = !lex.empty() && lex[0] == '-' ? lex.substr(1) : lex;
  if (digits.empty() || digits.size() > 18 || !all_digits(digits)) return std::nullopt;
  long long v = 0;
  std::from_chars(lex.data(), lex.data() + lex.size(), v);
  return v;
}

std::optional<Numeric> parse_numeric(const rdf::Term& term) {
  if (!term.is_literal() || !is_numeric_datatype(term.datatype)) return std::nullopt;
  std::string_view lex = term.value;
  if (const auto* range = integer_type(term.datatype)) {
    if (!is_integer_lexical(lex)) return std::nullopt;
    auto small = small_integer(term);
    Decimal v = small ? Decimal(*small) : parse_exact(lex);
    if (range->min && v < Decimal(range->min)) return std::nullopt;
    if (range->max && v > Decimal(range->max)) return std::nullopt;
    return Numeric::integer(std::move(v));
  }
  switch (numeric_type_of(term.datatype)) {
    case NumericType::Decimal:
      if (!is_decimal_lexical(lex)) return std::nullopt;
      return Numeric::decimal(parse_exact(lex));
    case NumericType::Float:
    case NumericType::Double: {
      if (!is_double_lexical(lex)) return std::nullopt;
      auto v = parse_double(lex);
      if (!v) return std::nullopt;
      return numeric_type_of(term.datatype) == NumericType::Float ? Numeric::floating(*v)
                                                                  : Numeric::dbl(*v);
    }
    case NumericType::Integer:
      break;
  }
  return std::nullopt;
}

std::string canonical_decimal(const Decimal& v) {
  // Scientific text with 45 significant digits drops Boost's inexact guard digits.
  std::string sci = v.str(45, std::ios_base::scientific);
  bool negative = !sci.empty() && sci[0] == '-';
  if (negative) sci.erase(0, 1);
  auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string whole, frac;
  int point = exponent + 1;  // digits before the decimal point
  if (point <= 0) {
    frac = std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    whole = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    whole = digits.substr(0, static_cast<std::size_t>(point));
    frac = digits.substr(static_cast<std::size_t>(point));
  }
  auto nz = whole.find_first_not_of('0');
  whole = nz == std::string::npos ? "0" : whole.substr(nz);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (frac.empty()) frac = "0";
  if (whole == "0" && frac == "0") negative = false;
  return (negative ? "-" : "") + whole + "." + frac;
}

std::string canonical_integer(const Decimal& v) {
  std::string text = canonical_decimal(boost::multiprecision::trunc(v));
  text.erase(text.find('.'));
  return text == "-0" ? "0" : text;
}

namespace {
// "2.5e+00" (std::to_chars scientific, shortest round-trip) -> "2.5E0".
std::string xsd_scientific(std::string_view sci) {
  auto e = sci.find('e');
  std::string mantissa(sci.substr(0, e));
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  return mantissa + "E" + std::to_string(exponent);
}
template <class F>
std::string canonical_floating(F v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "INF" : "-INF";
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  (void)ec;
  return xsd_scientific(std::string_view(buf, static_cast<std::size_t>(ptr - buf)));
}
}  // namespace

std::string canonical_double(double v) {
  return canonical_floating(v);
}
std::string canonical_float(float v) {
  return canonical_floating(v);
}

rdf::Term to_term(const Numeric& n) {
  switch (n.type) {
    case NumericType::Integer:
      return rdf::Term::literal(canonical_integer(n.exact), rdf::xsd::kInteger);
    case NumericType::Decimal:
      return rdf::Term::literal(canonical_decimal(n.exact), rdf::xsd::kDecimal);
    case NumericType::Float:
      return rdf::Term::literal(canonical_float(static_cast<float>(n.approx)),
                                std::string(kXsd) + "float");
    case NumericType::Double:
      break;
  }
  return rdf::Term::literal(canonical_double(n.approx), rdf::xsd::kDouble);
}

namespace {
template <class F>
std::string xpath_floating(F v) {
  if (std::isnan(v) || std::isinf(v) || v == 0) {
    if (v == 0) return std::signbit(v) ? "-0" : "0";
    return canonical_floating(v);
  }
  F magnitude = std::fabs(v);
  if (magnitude < F(1e-6) || magnitude >= F(1e6)) return canonical_floating(v);
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  (void)ec;
  return std::string(buf, static_cast<std::size_t>(ptr - buf));
}
}  // namespace

std::string xpath_string(const Numeric& n) {
  switch (n.type) {
    case NumericType::Integer:
      return canonical_integer(n.exact);
    case NumericType::Decimal: {
      std::string text = canonical_decimal(n.exact);
      if (text.ends_with(".0")) text.resize(text.size() - 2);
      return text;
    }
    case NumericType::Float:
      return xpath_floating(static_cast<float>(n.approx));
    case NumericType::Double:
      break;
  }
  return xpath_floating(n.approx);
}

std::optional<Numeric> arithmetic(ArithOp op, const Numeric& a, const Numeric& b) {
  NumericType type = std::max(a.type, b.type);
  if (type <= NumericType::Decimal) {
    Decimal r;
    switch (op) {
      case ArithOp::Add:
        r = a.exact + b.exact;
        break;
      case ArithOp::Subtract:
        r = a.exact - b.exact;
        break;
      case ArithOp::Multiply:
        r = a.exact * b.exact;
        break;
      case ArithOp::Divide:
        if (b.exact == 0) return std::nullopt;  // err:FOAR0001
        r = a.exact / b.exact;
        type = NumericType::Decimal;  // integer division yields xsd:decimal (op:numeric-divide)
        break;
    }
    return Numeric{type, std::move(r), 0};
  }
  double x = a.as_double(), y = b.as_double(), r = 0;
  switch (op) {
    case ArithOp::Add:
      r = x + y;
      break;
    case ArithOp::Subtract:
      r = x - y;
      break;
    case ArithOp::Multiply:
      r = x * y;
      break;
    case ArithOp::Divide:
      r = x / y;
      break;
  }
  return type == NumericType::Float ? Numeric::floating(r) : Numeric::dbl(r);
}

Numeric negate(const Numeric& a) {
  Numeric r = a;
  if (a.is_exact())
    r.exact = -a.exact;
  else
    r.approx = -a.approx;
  return r;
}

std::optional<int> numeric_compare(const Numeric& a, const Numeric& b) {
  if (a.is_exact() && b.is_exact()) return a.exact < b.exact ? -1 : (b.exact < a.exact ? 1 : 0);
  double x = a.as_double(), y = b.as_double();
  if (std::isnan(x) || std::isnan(y)) return std::nullopt;
  return x < y ? -1 : (y < x ? 1 : 0);
}

namespace {
template <class ExactFn, class ApproxFn>
Numeric map_numeric(const Numeric& a, ExactFn exact, ApproxFn approx) {
  Numeric r = a;
  if (a.is_exact())
    r.exact = exact(a.exact);
  else
    r.approx = approx(a.approx);
  if (r.type == NumericType::Float) r.approx = static_cast<float>(r.approx);
  return r;
}
}  // namespace

Numeric numeric_abs(const Numeric& a) {
  return map_numeric(
      a, [](const Decimal& d) { return Decimal(boost::multiprecision::abs(d)); },
      [](double d) { return std::fabs(d); });
}
Numeric numeric_ceil(const Numeric& a) {
  return map_numeric(
      a, [](const Decimal& d) { return Decimal(boost::multiprecision::ceil(d)); },
      [](double d) { return std::ceil(d); });
}
Numeric numeric_floor(const Numeric& a) {
  return map_numeric(
      a, [](const Decimal& d) { return Decimal(boost::multiprecision::floor(d)); },
      [](double d) { return std::floor(d); });
}
Numeric numeric_round(const Numeric& a) {
  return map_numeric(
      a, [](const Decimal& d) { return Decimal(boost::multiprecision::floor(d + Decimal("0.5"))); },
      [](double d) {
        if (std::isnan(d) || std::isinf(d)) return d;
        return std::copysign(std::floor(d + 0.5), d);
      });
}

}  // namespace wsiskg::query::expression
