#pragma once
// xsd:dateTime and xsd:date values: parsing, XML Schema ordering (a value without a timezone
// is compared against one with a timezone over the ±14:00 range and may be indeterminate), and
// the component accessors behind YEAR … TZ.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wsiskg::query::expression {

struct DateTime {
  std::int64_t year = 0;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::string fraction;           // fractional-second digits as written ("" for none)
  std::optional<int> tz_minutes;  // offset from UTC; nullopt: no timezone
  std::string tz_text;            // "Z", "+05:30", or ""
  bool date_only = false;         // parsed from xsd:date
};

std::optional<DateTime> parse_datetime(std::string_view lexical);
std::optional<DateTime> parse_date(std::string_view lexical);

// <0, 0, >0, or nullopt when the order is indeterminate (exactly one side has a timezone and
// the ±14:00 window straddles the other value).
std::optional<int> datetime_compare(const DateTime& a, const DateTime& b);

// TIMEZONE(): xsd:dayTimeDuration lexical ("PT0S", "-PT8H", "PT5H30M"); nullopt without tz.
std::optional<std::string> timezone_duration(const DateTime& dt);
// SECONDS(): decimal lexical of the seconds field ("1", "1.5").
std::string seconds_lexical(const DateTime& dt);
// The xsd:dateTime lexical of the current time in UTC with milliseconds ("…T12:00:00.123Z").
std::string now_lexical();

}  // namespace wsiskg::query::expression
