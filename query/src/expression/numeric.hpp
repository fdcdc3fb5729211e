#pragma once
// Numeric literals of SPARQL (§17.3 type promotion): parsing the XSD numeric types, arithmetic
// with promotion integer -> decimal -> float -> double, and canonical lexical forms.
//
// xsd:integer and xsd:decimal values are held as 50-digit decimal floating point
// (Boost.Multiprecision), which is exact for every integer and decimal of up to 50 significant
// digits; float and double as IEEE double (float results are rounded to single precision).

#include <boost/multiprecision/cpp_dec_float.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::expression {

using Decimal = boost::multiprecision::cpp_dec_float_50;

// Ordered by promotion rank.
enum class NumericType { Integer = 0, Decimal = 1, Float = 2, Double = 3 };

struct Numeric {
  NumericType type = NumericType::Integer;
  Decimal exact;      // Integer, Decimal
  double approx = 0;  // Float, Double

  static Numeric integer(Decimal v) { return {NumericType::Integer, std::move(v), 0}; }
  static Numeric decimal(Decimal v) { return {NumericType::Decimal, std::move(v), 0}; }
  static Numeric floating(double v) { return {NumericType::Float, 0, static_cast<float>(v)}; }
  static Numeric dbl(double v) { return {NumericType::Double, 0, v}; }

  bool is_exact() const { return type <= NumericType::Decimal; }
  double as_double() const;
};

// True when `datatype` is xsd:integer, decimal, float, double or a type derived from integer.
bool is_numeric_datatype(std::string_view datatype);
// The primitive numeric type of a numeric datatype (derived integer types -> Integer).
NumericType numeric_type_of(std::string_view datatype);
// The value of a numeric literal; nullopt for non-numeric terms and invalid lexical forms
// (including out-of-range values of the bounded integer types).
std::optional<Numeric> parse_numeric(const rdf::Term& term);
// The value of an xsd:integer literal of at most 18 digits, without building a Numeric: the
// fast path for comparisons, which dominate ORDER BY and FILTER.
std::optional<long long> small_integer(const rdf::Term& term);
// Lexical check for xsd:integer / decimal / double (float shares the double syntax).
bool is_integer_lexical(std::string_view s);
bool is_decimal_lexical(std::string_view s);
bool is_double_lexical(std::string_view s);

// Canonical literal for a value: integer "42", decimal "2.5" / "1.0", double/float "1.5E0".
rdf::Term to_term(const Numeric& n);
std::string canonical_integer(const Decimal& v);
std::string canonical_decimal(const Decimal& v);
std::string canonical_double(double v);
std::string canonical_float(float v);

// XPath 2.0 cast to xsd:string (§17.5): integral decimals without ".0", doubles and floats
// with magnitude in [1e-6, 1e6) in plain decimal notation ("1", "1.25"), others canonical.
std::string xpath_string(const Numeric& n);

// Arithmetic with promotion; nullopt for integer/decimal division by zero.
enum class ArithOp { Add, Subtract, Multiply, Divide };
std::optional<Numeric> arithmetic(ArithOp op, const Numeric& a, const Numeric& b);
Numeric negate(const Numeric& a);
// <0, 0, >0; nullopt when either is NaN.
std::optional<int> numeric_compare(const Numeric& a, const Numeric& b);

Numeric numeric_abs(const Numeric& a);
Numeric numeric_ceil(const Numeric& a);
Numeric numeric_floor(const Numeric& a);
Numeric numeric_round(const Numeric& a);  // halves round towards positive infinity (fn:round)

}  // namespace wsiskg::query::expression
