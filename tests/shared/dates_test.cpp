#include <doctest/doctest.h>

#include "signet/dates.h"

using namespace signet;

TEST_CASE("day numbers round-trip over four centuries") {
  for (int64_t d = to_days({1900, 1, 1}); d <= to_days({2300, 12, 31}); ++d)
    REQUIRE(to_days(from_days(d)) == d);
  CHECK(to_days({1970, 1, 1}) == 0);
  CHECK(from_days(20418) == Date{2025, 11, 26});
}

TEST_CASE("leap years follow the Gregorian rules") {
  CHECK(is_leap_year(2024));
  CHECK_FALSE(is_leap_year(2025));
  CHECK_FALSE(is_leap_year(1900));
  CHECK(is_leap_year(2000));
  CHECK(days_in_month(2028, 2) == 29);
  CHECK(days_in_month(2027, 2) == 28);
}

TEST_CASE("adding months clamps to month end and keeps the anchor day") {
  CHECK(add_months({2027, 1, 31}, 1, 31) == Date{2027, 2, 28});
  CHECK(add_months({2028, 1, 31}, 1, 31) == Date{2028, 2, 29});
  CHECK(add_months({2027, 2, 28}, 1, 31) == Date{2027, 3, 31});
  CHECK(add_months({2026, 12, 15}, 1, 15) == Date{2027, 1, 15});
  CHECK(add_months({2028, 2, 29}, 12, 29) == Date{2029, 2, 28});
  CHECK(add_months({2026, 3, 31}, -1, 31) == Date{2026, 2, 28});
}

TEST_CASE("ISO dates parse strictly") {
  CHECK(parse_iso("2026-11-26") == Date{2026, 11, 26});
  CHECK(format_iso({2026, 1, 5}) == "2026-01-05");
  CHECK_FALSE(parse_iso("2026-02-30"));
  CHECK_FALSE(parse_iso("2026-13-01"));
  CHECK_FALSE(parse_iso("2026-1-01"));
  CHECK_FALSE(parse_iso("2026-01-01x"));
  CHECK(date_from_unix(0) == Date{1970, 1, 1});
  CHECK(date_from_unix(-1) == Date{1969, 12, 31});
}
