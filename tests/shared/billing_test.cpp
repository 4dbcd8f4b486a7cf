#include <doctest/doctest.h>

#include "signet/billing.h"

using namespace signet;

TEST_CASE("monthly cycles keep the anchor day across short months and leap years") {
  Date d{2027, 1, 31};
  const Date expected[] = {{2027, 2, 28}, {2027, 3, 31}, {2027, 4, 30}, {2027, 5, 31}, {2027, 6, 30}};
  for (const Date& e : expected) {
    d = next_payment(d, BillingCycle::Monthly, 31);
    CHECK(d == e);
  }
  CHECK(next_payment({2028, 1, 31}, BillingCycle::Monthly, 31) == Date{2028, 2, 29});
  CHECK(next_payment({2028, 2, 29}, BillingCycle::Monthly, 31) == Date{2028, 3, 31});
  CHECK(next_payment({2026, 12, 15}, BillingCycle::Monthly, 15) == Date{2027, 1, 15});
}

TEST_CASE("annual cycles: 29 February pays on 28 February, and on the 29th again in leap years") {
  CHECK(next_payment({2028, 2, 29}, BillingCycle::Annual, 29) == Date{2029, 2, 28});
  CHECK(next_payment({2031, 2, 28}, BillingCycle::Annual, 29) == Date{2032, 2, 29});
  CHECK(next_payment({2026, 11, 26}, BillingCycle::Annual, 26) == Date{2027, 11, 26});
}

TEST_CASE("no drift: every anchor day over ten years, monthly") {
  for (int anchor = 1; anchor <= 31; ++anchor) {
    Date d{2026, 1, std::min(anchor, 31)};
    for (int i = 0; i < 120; ++i) {
      d = next_payment(d, BillingCycle::Monthly, anchor);
      REQUIRE(d.day == std::min(anchor, days_in_month(d.year, d.month)));
    }
    CHECK(d.year == 2036);
    CHECK(d.month == 1);
  }
}

TEST_CASE("prices, proration and VAT are integer cents rounded half up") {
  PriceList prices;  // 200 cents per user per month, 21 % VAT
  CHECK(cycle_price_cents(prices, Product::M365, BillingCycle::Monthly, 10) == 2000);
  CHECK(cycle_price_cents(prices, Product::M365, BillingCycle::Annual, 10) == 24000);
  // 3 users added on the 21st: 10 of 30 days left (21..30): 600 * 10 / 30 = 200 exactly.
  CHECK(prorated_cents(prices, Product::M365, BillingCycle::Monthly, 3, {2026, 11, 21}, {2026, 11, 1}, {2026, 12, 1}) == 200);
  // 1 user, 1 of 31 days: 200 / 31 = 6.45... -> 6; 200 * 16 / 31 = 103.2 -> 103.
  CHECK(prorated_cents(prices, Product::M365, BillingCycle::Monthly, 1, {2026, 12, 31}, {2026, 12, 1}, {2027, 1, 1}) == 6);
  CHECK(prorated_cents(prices, Product::M365, BillingCycle::Monthly, 1, {2026, 12, 16}, {2026, 12, 1}, {2027, 1, 1}) == 103);
  // Exactly half a cent rounds up: 1 * 5 / 10 = 0.5 -> 1.
  CHECK(mul_div_round(1, 5, 10) == 1);
  CHECK(mul_div_round(1, 4, 10) == 0);
  CHECK(prorated_cents(prices, Product::M365, BillingCycle::Monthly, 2, {2026, 12, 1}, {2026, 12, 1}, {2027, 1, 1}) == 400);
  CHECK(prorated_cents(prices, Product::M365, BillingCycle::Monthly, 2, {2027, 1, 1}, {2026, 12, 1}, {2027, 1, 1}) == 0);
  CHECK(vat_cents(10000, 2100) == 2100);
  CHECK(vat_cents(250, 2100) == 53);  // 52.5 -> 53
  CHECK(vat_cents(1, 2100) == 0);     // 0.21 -> 0
}


TEST_CASE("deactivation: the days used of the period, rounded half up; none on its first day") {
  PriceList prices;
  const Date start{2026, 12, 1}, end{2027, 1, 1};  // 31 days
  // 5 users * 200 = 1000 for the period; 15 of 31 days used: 483.87 -> 484.
  CHECK(elapsed_cents(prices, Product::M365, BillingCycle::Monthly, 5, {2026, 12, 16}, start, end) == 484);
  CHECK(elapsed_cents(prices, Product::M365, BillingCycle::Monthly, 5, start, start, end) == 0);
  CHECK(elapsed_cents(prices, Product::M365, BillingCycle::Monthly, 5, {2026, 11, 20}, start, end) == 0);
  CHECK(elapsed_cents(prices, Product::M365, BillingCycle::Monthly, 5, end, start, end) == 1000);
  // Annual: 1 user * 200 * 12 = 2400 for 365 days; 100 days used: 657.53 -> 658.
  CHECK(elapsed_cents(prices, Product::M365, BillingCycle::Annual, 1, {2027, 4, 11}, {2027, 1, 1}, {2028, 1, 1}) == 658);
}

TEST_CASE("seat changes: increases now with a prorated charge, decreases at the renewal") {
  PriceList prices;
  const Date start{2026, 12, 1}, end{2027, 1, 1};
  SeatChangePlan up = plan_seat_change(prices, Product::M365, BillingCycle::Monthly, 10, 12, true, start, end, {2026, 12, 16});
  CHECK(up.immediate);
  CHECK(up.charge_cents == 206);  // 2 users * 200 * 16/31 = 206.45 -> 206
  SeatChangePlan down = plan_seat_change(prices, Product::M365, BillingCycle::Monthly, 10, 4, true, start, end, {2026, 12, 16});
  CHECK_FALSE(down.immediate);
  CHECK(down.charge_cents == 0);
  CHECK(down.effective_from == end);
  SeatChangePlan inactive = plan_seat_change(prices, Product::M365, BillingCycle::Monthly, 10, 20, false, std::nullopt, std::nullopt, {2026, 12, 16});
  CHECK(inactive.immediate);
  CHECK(inactive.charge_cents == 0);
  SeatChangePlan annual = plan_seat_change(prices, Product::M365, BillingCycle::Annual, 1, 2, true, Date{2026, 1, 1}, Date{2027, 1, 1}, {2026, 7, 2});
  CHECK(annual.charge_cents == 1203);  // 1 user * 2400 a year * 183/365 days = 1203.29 -> 1203
}
