// Money and billing dates. All amounts are integer cents (EUR); all dates are UTC days.
// No floating point anywhere: rounding is explicit and stated where it happens.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "signet/dates.h"
#include "signet/model.h"

namespace signet {

enum class BillingCycle { Monthly, Annual };
std::string_view to_string(BillingCycle c);
std::optional<BillingCycle> parse_billing_cycle(std::string_view s);
int months_in(BillingCycle c);  // 1 or 12

// What a reseller pays us per user per month, by product.
struct PriceList {
  std::string currency = "EUR";
  int64_t m365_cents = 200;              // € 2.00 per user per month
  int64_t google_workspace_cents = 200;  // € 2.00 per user per month
  int vat_basis_points = 2100;           // 21.00 %
  int64_t per_user_month(Product p) const {
    return p == Product::M365 ? m365_cents : google_workspace_cents;
  }
};

// The day after `from` that a cycle anchored on `anchor_day` (1..31) next pays on:
// one cycle later, the day clamped to the month's length (31 Jan -> 28/29 Feb -> 31 Mar).
Date next_payment(const Date& from, BillingCycle cycle, int anchor_day);

// Price of one full cycle for `users`.
int64_t cycle_price_cents(const PriceList& prices, Product p, BillingCycle c, int users);

// Integer a*b/d rounded half up (a, b, d >= 0, d > 0).
int64_t mul_div_round(int64_t a, int64_t b, int64_t d);

// Adding `added_users` on `change_day` to a period [period_start, period_end) costs the
// cycle price of those users times the whole days left (change_day included) over the
// days in the period, rounded half up to a cent.
int64_t prorated_cents(const PriceList& prices, Product p, BillingCycle c, int added_users,
                       const Date& change_day, const Date& period_start, const Date& period_end);

// Deactivating on `day` within [period_start, period_end) bills the part of the period used:
// the cycle price of `users` times the days from period_start to `day` over the days in the
// period, rounded half up to a cent (0 on the period's first day or before it).
int64_t elapsed_cents(const PriceList& prices, Product p, BillingCycle c, int users, const Date& day,
                      const Date& period_start, const Date& period_end);

// What changing the number of users does. An increase applies at once and costs the
// prorated price of the added users for the rest of the current period; a decrease waits
// for the next renewal (the period already running was bought with the higher count).
// Inactive subscriptions change at once and cost nothing.
struct SeatChangePlan {
  bool immediate = true;
  int64_t charge_cents = 0;
  std::optional<Date> effective_from;  // the renewal date, for a decrease
  Date period_start, period_end;       // the period the charge covers
};
SeatChangePlan plan_seat_change(const PriceList& prices, Product p, BillingCycle c, int current_users,
                                int requested_users, bool active, const std::optional<Date>& period_start,
                                const std::optional<Date>& next_payment_date, const Date& today);

// VAT on a subtotal, rounded half up to a cent.
int64_t vat_cents(int64_t subtotal_cents, int vat_basis_points);

// "€ 1.234,56" (nl) or "€1,234.56" (en). Negative amounts get a leading minus.

}  // namespace signet
