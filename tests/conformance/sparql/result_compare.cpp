// Comparing solution sequences: multiset (or ORDER BY tie groups) equality up to one
// blank-node bijection for the whole result.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "result_set.hpp"

namespace wsiskg::conformance::sparql {

namespace {

// Numeric literals are compared by value, not spelling, but only against the SAME datatype.
// Why: the W3C expected results spell equal numbers inconsistently from test to test (ceil01
// expects "3"^^xsd:decimal while the aggregates tests expect "2.0"^^xsd:decimal; agg-min-02
// expects "2.0E-1"^^xsd:double, agg-sum-distinct "2100"^^xsd:double), and the SPARQL spec leaves
// the lexical form of computed numbers to the implementation, so no single canonical spelling
// can pass them all. Two literals of one numeric datatype (xsd:integer, xsd:decimal, xsd:float,
// xsd:double, and the integer-derived types) therefore match when their lexical forms denote the
// same value: integer/decimal forms are normalised exactly as strings (sign, leading and trailing
// zeros), float/double forms are parsed as long double. Anything else -- a different datatype,
// an invalid lexical form, IRIs, strings, language tags, blank nodes, graph results -- stays an
// exact term comparison, so "1"^^xsd:integer still differs from "1.0"^^xsd:decimal.
bool is_decimal_family(std::string_view datatype) {
  static constexpr std::array<std::string_view, 14> kTypes = {
      "decimal",         "integer",        "nonPositiveInteger",
      "negativeInteger", "long",           "int",
      "short",           "byte",           "nonNegativeInteger",
      "unsignedLong",    "unsignedInt",    "unsignedShort",
      "unsignedByte",    "positiveInteger"};
  constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";
  if (!datatype.starts_with(xsd)) return false;
  return std::ranges::find(kTypes, datatype.substr(xsd.size())) != kTypes.end();
}

// The canonical spelling of a valid decimal/integer lexical form, or nullopt when invalid.
std::optional<std::string> canonical_decimal(const std::string& lexical, bool integer_only) {
  static const std::regex kDecimal(R"(([+-]?)0*(\d*)(?:\.(\d*?)0*)?)");
  std::smatch m;
  if (!std::regex_match(lexical, m, kDecimal)) return std::nullopt;
  if (lexical.find_first_of("0123456789") == std::string::npos) return std::nullopt;
  if (integer_only && lexical.find('.') != std::string::npos) return std::nullopt;
  std::string whole = m[2].length() ? m[2].str() : "0";
  std::string frac = m[3].matched ? m[3].str() : "";
  std::string out = whole + (frac.empty() ? "" : "." + frac);
  if (m[1] == "-" && out != "0") out.insert(0, "-");
  return out;
}

std::optional<std::string> canonical_floating(const std::string& lexical) {
  static const std::regex kDouble(R"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)");
  if (!std::regex_match(lexical, kDouble)) return std::nullopt;
  if (lexical == "NaN") return lexical;
  const long double value = std::strtold(lexical.c_str(), nullptr);
  if (std::isinf(value)) return std::string(value < 0 ? "-INF" : "INF");  // valid spellings only
  std::array<char, 64> buf{};
  // 21 significant digits tell any two x87 long doubles apart and stay readable in messages.
  std::snprintf(buf.data(), buf.size(), "%.21Lg", value);
  return std::string(buf.data());
}

// The term with its numeric lexical form replaced by a canonical spelling of the same value.
std::optional<rdf::Term> numeric_canonical(const std::optional<rdf::Term>& term) {
  if (!term || !term->is_literal() || !term->language.empty()) return term;
  constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";
  std::optional<std::string> canon;
  if (term->datatype == std::string(xsd) + "double" ||
      term->datatype == std::string(xsd) + "float") {
    canon = canonical_floating(term->value);
  } else if (is_decimal_family(term->datatype)) {
    canon = canonical_decimal(term->value, term->datatype != std::string(xsd) + "decimal");
  }
  if (!canon) return term;
  rdf::Term out = *term;
  out.value = *canon;
  return out;
}

// The row with blank labels replaced by a marker: rows can only match when shapes are equal.
std::string shape(const Row& row) {
  std::string out;
  for (const auto& v : row) {
    if (!v) {
      out += "-\x1F";
    } else if (v->is_blank()) {
      out += "_\x1F";
    } else {
      out += rdf::to_ntriples(*v) + "\x1F";
    }
  }
  return out;
}

bool has_blank(const Row& row) {
  return std::ranges::any_of(row, [](const auto& v) { return v && v->is_blank(); });
}

class Matcher {
 public:
  Matcher(const std::vector<Row>& actual, const std::vector<Row>& expected,
          const std::vector<std::size_t>& group_of_actual,
          const std::vector<std::size_t>& group_of_expected)
      : actual_(actual),
        expected_(expected),
        group_a_(group_of_actual),
        group_e_(group_of_expected),
        used_(actual.size(), false) {
    for (std::size_t i = 0; i < actual.size(); ++i) {
      by_shape_[{group_a_[i], shape(actual[i])}].push_back(i);
    }
    // Ground rows first: they bind nothing and prune early.
    for (std::size_t i = 0; i < expected.size(); ++i) order_.push_back(i);
    std::ranges::stable_sort(order_, [&](std::size_t a, std::size_t b) {
      return !has_blank(expected_[a]) && has_blank(expected_[b]);
    });
  }

  bool run() { return match(0); }

 private:
  bool match(std::size_t k) {
    if (k == order_.size()) return true;
    if (++steps_ > 2'000'000) return false;  // give up on pathological cases
    const std::size_t e = order_[k];
    auto it = by_shape_.find({group_e_[e], shape(expected_[e])});
    if (it == by_shape_.end()) return false;
    const bool ground = !has_blank(expected_[e]);
    for (std::size_t a : it->second) {
      if (used_[a]) continue;
      std::vector<std::string> added;
      if (!bind(actual_[a], expected_[e], added)) {
        unbind(added);
        continue;
      }
      used_[a] = true;
      if (match(k + 1)) return true;
      used_[a] = false;
      unbind(added);
      if (ground) return false;  // any other equal ground row would do no better
    }
    return false;
  }

  bool bind(const Row& a, const Row& e, std::vector<std::string>& added) {
    for (std::size_t c = 0; c < a.size(); ++c) {
      if (!a[c] || !a[c]->is_blank()) continue;
      const std::string& la = a[c]->value;
      const std::string& le = e[c]->value;
      auto fa = a2e_.find(la);
      auto fe = e2a_.find(le);
      if (fa != a2e_.end() || fe != e2a_.end()) {
        if (fa == a2e_.end() || fe == e2a_.end() || fa->second != le) return false;
        continue;
      }
      a2e_[la] = le;
      e2a_[le] = la;
      added.push_back(la);
    }
    return true;
  }
  void unbind(const std::vector<std::string>& added) {
    for (const auto& la : added) {
      e2a_.erase(a2e_[la]);
      a2e_.erase(la);
    }
  }

  const std::vector<Row>& actual_;
  const std::vector<Row>& expected_;
  const std::vector<std::size_t>& group_a_;
  const std::vector<std::size_t>& group_e_;
  std::vector<bool> used_;
  std::vector<std::size_t> order_;
  std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> by_shape_;
  std::map<std::string, std::string> a2e_, e2a_;
  std::uint64_t steps_ = 0;
};

std::vector<std::size_t> groups_for(std::size_t n, const std::vector<std::size_t>& ends) {
  std::vector<std::size_t> group(n, 0);
  std::size_t g = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (g < ends.size() && i >= ends[g]) ++g;
    group[i] = g;
  }
  return group;
}

std::vector<Row> distinct(const std::vector<Row>& rows) {
  std::vector<Row> out;
  std::set<Row> seen;
  for (const auto& r : rows) {
    if (seen.insert(r).second) out.push_back(r);
  }
  return out;
}

bool matches(const std::vector<Row>& actual, const std::vector<Row>& expected,
             const std::vector<std::size_t>& ends) {
  if (actual.size() != expected.size()) return false;
  auto ga = groups_for(actual.size(), ends);
  auto ge = groups_for(expected.size(), ends);
  return Matcher(actual, expected, ga, ge).run();
}

// Rows on one side whose shape has no partner on the other (multiset difference by shape).
std::vector<const Row*> unmatched(const std::vector<Row>& from, const std::vector<Row>& against) {
  std::map<std::string, int> counts;
  for (const auto& r : against) ++counts[shape(r)];
  std::vector<const Row*> out;
  for (const auto& r : from) {
    if (--counts[shape(r)] < 0) out.push_back(&r);
  }
  return out;
}

std::string short_term(const std::optional<rdf::Term>& term) {
  if (!term) return "unbound";
  if (term->is_iri() && term->value.starts_with("file://")) {  // no machine paths in lists
    return "<.../" + term->value.substr(term->value.find_last_of('/') + 1) + ">";
  }
  std::string text = rdf::to_ntriples(*term);
  const std::string xsd = "<http://www.w3.org/2001/XMLSchema#";
  if (auto pos = text.find(xsd); pos != std::string::npos) {
    text.replace(pos, xsd.size(), "xsd:");
    if (text.back() == '>') text.pop_back();
  }
  return text;
}

// ", e.g. ?v = A instead of B" for the first column where two rows differ (for the category).
std::string first_difference(const ResultSet& set, const Row& expected, const Row& actual) {
  for (std::size_t c = 0; c < expected.size() && c < actual.size(); ++c) {
    if (expected[c] == actual[c]) continue;
    if (expected[c] && actual[c] && expected[c]->is_blank() && actual[c]->is_blank()) continue;
    return ", e.g. ?" + set.variables[c] + " = " + short_term(actual[c]) + " instead of " +
           short_term(expected[c]);
  }
  return "";
}

// The first difference of the most similar (missing, unexpected) pair of rows.
std::string closest_difference(const ResultSet& set, const std::vector<const Row*>& missing,
                               const std::vector<const Row*>& extra) {
  std::size_t best = ~std::size_t{0};
  std::pair<const Row*, const Row*> pair{missing[0], extra[0]};
  for (std::size_t i = 0; i < missing.size() && i < 20; ++i) {
    for (std::size_t j = 0; j < extra.size() && j < 20; ++j) {
      std::size_t differing = 0;
      for (std::size_t c = 0; c < missing[i]->size() && c < extra[j]->size(); ++c) {
        differing += (*missing[i])[c] != (*extra[j])[c] ? 1 : 0;
      }
      if (differing < best) {
        best = differing;
        pair = {missing[i], extra[j]};
      }
    }
  }
  return first_difference(set, *pair.first, *pair.second);
}

}  // namespace

std::string format_row(const ResultSet& set, const Row& row) {
  std::string out = "{";
  for (std::size_t i = 0; i < row.size() && i < set.variables.size(); ++i) {
    if (!row[i]) continue;
    if (out.size() > 1) out += ", ";
    out += "?" + set.variables[i] + "=" + rdf::to_ntriples(*row[i]);
  }
  return out + "}";
}

std::vector<std::size_t> tie_groups(const ResultSet& expected,
                                    std::span<const std::string> key_variables) {
  std::vector<std::size_t> cols;
  for (const auto& k : key_variables) {
    auto it = std::ranges::find(expected.variables, k);
    if (it != expected.variables.end()) cols.push_back(it - expected.variables.begin());
  }
  std::vector<std::size_t> ends;
  for (std::size_t i = 1; i <= expected.rows.size(); ++i) {
    if (i == expected.rows.size()) {
      ends.push_back(i);
      break;
    }
    const bool same = std::ranges::all_of(
        cols, [&](std::size_t c) { return expected.rows[i][c] == expected.rows[i - 1][c]; });
    if (!same) ends.push_back(i);
  }
  return ends;
}

std::optional<std::string> compare_results(const ResultSet& actual, const ResultSet& expected,
                                           const CompareOptions& options) {
  using Kind = ResultSet::Kind;
  if (actual.kind != expected.kind) {
    return std::string("wrong result: kind differs (") +
           (actual.kind == Kind::Boolean ? "boolean"
            : actual.kind == Kind::Graph ? "graph"
                                         : "solutions") +
           " instead of " +
           (expected.kind == Kind::Boolean ? "boolean"
            : expected.kind == Kind::Graph ? "graph"
                                           : "solutions") +
           ")";
  }
  if (actual.kind == Kind::Boolean) {
    if (actual.boolean == expected.boolean) return std::nullopt;
    return std::string("wrong result: boolean ") + (actual.boolean ? "true" : "false") +
           ", expected " + (expected.boolean ? "true" : "false");
  }
  // Variables as sets; actual columns are re-ordered to the expected order.
  std::set<std::string> va(actual.variables.begin(), actual.variables.end());
  std::set<std::string> ve(expected.variables.begin(), expected.variables.end());
  if (va != ve) {
    std::string msg = "wrong result: variables differ: got";
    for (const auto& v : actual.variables) msg += " ?" + v;
    msg += ", expected";
    for (const auto& v : expected.variables) msg += " ?" + v;
    return msg;
  }
  std::vector<Row> rows;
  rows.reserve(actual.rows.size());
  for (const auto& r : actual.rows) {
    Row out(expected.variables.size());
    for (std::size_t i = 0; i < actual.variables.size() && i < r.size(); ++i) {
      auto it = std::ranges::find(expected.variables, actual.variables[i]);
      out[it - expected.variables.begin()] = numeric_canonical(r[i]);
    }
    rows.push_back(std::move(out));
  }
  std::vector<Row> want = expected.rows;
  for (auto& r : want) {
    r.resize(expected.variables.size());
    for (auto& v : r) v = numeric_canonical(v);
  }

  bool ok;
  if (options.lax_cardinality) {
    ok = rows.size() <= want.size() && matches(distinct(rows), distinct(want), {});
  } else {
    ok = matches(rows, want, options.ordered_group_ends);
  }
  if (ok) return std::nullopt;

  if (!options.ordered_group_ends.empty() && matches(rows, want, {})) {
    return std::string("wrong result: order differs");
  }
  auto missing = unmatched(want, rows);
  auto extra = unmatched(rows, want);
  std::string category = !missing.empty() && !extra.empty() ? "missing and unexpected rows"
                         : !missing.empty()                 ? "missing rows"
                         : !extra.empty()                   ? "unexpected rows"
                                                            : "blank nodes differ";
  if (!missing.empty() && !extra.empty()) category += closest_difference(expected, missing, extra);
  std::string msg = "wrong result: " + category + " (got " + std::to_string(rows.size()) +
                    " rows, expected " + std::to_string(want.size()) + ")";
  for (std::size_t i = 0; i < missing.size() && i < 10; ++i) {
    msg += "\n  missing:    " + format_row(expected, *missing[i]);
  }
  for (std::size_t i = 0; i < extra.size() && i < 10; ++i) {
    msg += "\n  unexpected: " + format_row(expected, *extra[i]);
  }
  return msg;
}

}  // namespace wsiskg::conformance::sparql
