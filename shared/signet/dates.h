// Calendar dates in UTC days. Civil-date arithmetic after H. Hinnant's public-domain
// algorithms; no time zones, no clock: callers pass "today".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace signet {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const Date& a, const Date& b) { return !(a == b); }
  friend bool operator<(const Date& a, const Date& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.month != b.month) return a.month < b.month;
    return a.day < b.day;
  }
  friend bool operator<=(const Date& a, const Date& b) { return !(b < a); }
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Days since 1970-01-01 and back.
int64_t to_days(const Date& d);
Date from_days(int64_t days);

// The date of a Unix timestamp (seconds, UTC).
Date date_from_unix(int64_t seconds);

// Adds whole months, keeping `anchor_day` (1..31) but clamped to the month's length,
// so a 31 January anchor gives 28/29 February and then 31 March again.
Date add_months(const Date& from, int months, int anchor_day);

// "YYYY-MM-DD"; parse rejects anything else, including impossible dates.
std::string format_iso(const Date& d);
std::optional<Date> parse_iso(std::string_view s);

}  // namespace signet
