#include "datetime.hpp"

#include <chrono>
#include <cstdio>

namespace wsiskg::query::expression {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}
int number(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

bool leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_month(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Parses "-?YYYY+-MM-DD" at the start of `s`; returns the position after it.
std::optional<std::size_t> parse_ymd(std::string_view s, DateTime& dt) {
  std::size_t pos = 0;
  bool negative = false;
  if (!s.empty() && s[0] == '-') negative = true, pos = 1;
  std::size_t start = pos;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  std::size_t len = pos - start;
  if (len < 4 || (len > 4 && s[start] == '0') || len > 12) return std::nullopt;
  std::int64_t year = 0;
  for (std::size_t i = start; i < pos; ++i) year = year * 10 + (s[i] - '0');
  dt.year = negative ? -year : year;
  if (pos >= s.size() || s[pos] != '-' || !digits(s, pos + 1, 2)) return std::nullopt;
  dt.month = number(s, pos + 1, 2);
  pos += 3;
  if (pos >= s.size() || s[pos] != '-' || !digits(s, pos + 1, 2)) return std::nullopt;
  dt.day = number(s, pos + 1, 2);
  pos += 3;
  if (dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > days_in_month(dt.year, dt.month))
    return std::nullopt;
  return pos;
}

bool parse_timezone(std::string_view s, DateTime& dt) {
  if (s.empty()) return true;
  if (s == "Z") {
    dt.tz_minutes = 0, dt.tz_text = "Z";
    return true;
  }
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || !digits(s, 1, 2) || s[3] != ':' ||
      !digits(s, 4, 2))
    return false;
  int h = number(s, 1, 2), m = number(s, 4, 2);
  if (m > 59 || h > 14 || (h == 14 && m != 0)) return false;
  dt.tz_minutes = (s[0] == '-' ? -1 : 1) * (h * 60 + m);
  dt.tz_text = std::string(s);
  return true;
}

// Seconds since the epoch of the UTC instant, taking `tz` as the offset; fraction kept aside.
std::int64_t instant(const DateTime& dt, int tz) {
  return days_from_civil(dt.year, dt.month, dt.day) * 86400 + dt.hour * 3600 + dt.minute * 60 +
         dt.second - static_cast<std::int64_t>(tz) * 60;
}

int compare_fraction(std::string a, std::string b) {
  a.resize(std::max(a.size(), b.size()), '0');
  b.resize(a.size(), '0');
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

int compare_at(const DateTime& a, int tz_a, const DateTime& b, int tz_b) {
  auto x = instant(a, tz_a), y = instant(b, tz_b);
  if (x != y) return x < y ? -1 : 1;
  return compare_fraction(a.fraction, b.fraction);
}

}  // namespace

std::optional<DateTime> parse_datetime(std::string_view s) {
  DateTime dt;
  auto p = parse_ymd(s, dt);
  if (!p) return std::nullopt;
  std::size_t pos = *p;
  if (pos >= s.size() || s[pos] != 'T' || !digits(s, pos + 1, 2) || s.size() < pos + 9 ||
      s[pos + 3] != ':' || !digits(s, pos + 4, 2) || s[pos + 6] != ':' || !digits(s, pos + 7, 2))
    return std::nullopt;
  dt.hour = number(s, pos + 1, 2);
  dt.minute = number(s, pos + 4, 2);
  dt.second = number(s, pos + 7, 2);
  pos += 9;
  if (pos < s.size() && s[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    dt.fraction = std::string(s.substr(start, pos - start));
    while (!dt.fraction.empty() && dt.fraction.back() == '0') dt.fraction.pop_back();
  }
  if (dt.minute > 59 || dt.second > 59) return std::nullopt;
  if (dt.hour == 24) {
    // 24:00:00 is the first instant of the next day.
    if (dt.minute != 0 || dt.second != 0 || !dt.fraction.empty()) return std::nullopt;
  } else if (dt.hour > 23) {
    return std::nullopt;
  }
  if (!parse_timezone(s.substr(pos), dt)) return std::nullopt;
  return dt;
}

std::optional<DateTime> parse_date(std::string_view s) {
  DateTime dt;
  auto p = parse_ymd(s, dt);
  if (!p || !parse_timezone(s.substr(*p), dt)) return std::nullopt;
  dt.date_only = true;
  return dt;
}

std::optional<int> datetime_compare(const DateTime& a, const DateTime& b) {
  if (a.tz_minutes.has_value() == b.tz_minutes.has_value())
    return compare_at(a, a.tz_minutes.value_or(0), b, b.tz_minutes.value_or(0));
  constexpr int kMax = 14 * 60;
  if (a.tz_minutes) {
    // b lies somewhere in [b at +14:00, b at -14:00].
    if (compare_at(a, *a.tz_minutes, b, kMax) < 0) return -1;
    if (compare_at(a, *a.tz_minutes, b, -kMax) > 0) return 1;
    return std::nullopt;
  }
  auto r = datetime_compare(b, a);
  if (!r) return std::nullopt;
  return -*r;
}

std::optional<std::string> timezone_duration(const DateTime& dt) {
  if (!dt.tz_minutes) return std::nullopt;
  int m = *dt.tz_minutes;
  if (m == 0) return "PT0S";
  std::string out = m < 0 ? "-PT" : "PT";
  m = std::abs(m);
  if (m / 60) out += std::to_string(m / 60) + "H";
  if (m % 60) out += std::to_string(m % 60) + "M";
  return out;
}

std::string seconds_lexical(const DateTime& dt) {
  std::string out = std::to_string(dt.second);
  if (!dt.fraction.empty()) out += "." + dt.fraction;
  return out;
}

std::string now_lexical() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto days = floor<std::chrono::days>(now);
  year_month_day ymd{days};
  hh_mm_ss hms{floor<milliseconds>(now - days)};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

}  // namespace wsiskg::query::expression
