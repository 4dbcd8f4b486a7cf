#include "signet/billing.h"

namespace signet {

std::string_view to_string(BillingCycle c) { return c == BillingCycle::Monthly ? "monthly" : "annual"; }

std::optional<BillingCycle> parse_billing_cycle(std::string_view s) {
  if (s == "monthly") return BillingCycle::Monthly;
  if (s == "annual") return BillingCycle::Annual;
  return std::nullopt;
}

int months_in(BillingCycle c) { return c == BillingCycle::Monthly ? 1 : 12; }

Date next_payment(const Date& from, BillingCycle cycle, int anchor_day) {
  return add_months(from, months_in(cycle), anchor_day);
}

int64_t cycle_price_cents(const PriceList& prices, Product p, BillingCycle c, int users) {
  return prices.per_user_month(p) * months_in(c) * users;
}

int64_t mul_div_round(int64_t a, int64_t b, int64_t d) { return (a * b * 2 + d) / (2 * d); }

namespace {
// `days` of a period of `period_days` at `cents` for the whole period, rounded half up;
// days outside [0, period_days] count as none or all of it.
int64_t period_share(int64_t cents, int64_t days, int64_t period_days) {
  if (period_days <= 0 || days <= 0 || cents <= 0) return 0;
  return mul_div_round(cents, days < period_days ? days : period_days, period_days);
}
}  // namespace

int64_t prorated_cents(const PriceList& prices, Product p, BillingCycle c, int added_users,
                       const Date& change_day, const Date& period_start, const Date& period_end) {
  if (added_users <= 0) return 0;
  return period_share(cycle_price_cents(prices, p, c, added_users), to_days(period_end) - to_days(change_day),
                      to_days(period_end) - to_days(period_start));
}

int64_t elapsed_cents(const PriceList& prices, Product p, BillingCycle c, int users, const Date& day,
                      const Date& period_start, const Date& period_end) {
  if (users <= 0) return 0;
  return period_share(cycle_price_cents(prices, p, c, users), to_days(day) - to_days(period_start),
                      to_days(period_end) - to_days(period_start));
}

SeatChangePlan plan_seat_change(const PriceList& prices, Product p, BillingCycle c, int current_users,
                                int requested_users, bool active, const std::optional<Date>& period_start,
                                const std::optional<Date>& next_payment_date, const Date& today) {
  SeatChangePlan plan;
  if (!active || !period_start || !next_payment_date) return plan;
  plan.period_start = *period_start;
  plan.period_end = *next_payment_date;
  if (requested_users < current_users) {
    plan.immediate = false;
    plan.effective_from = *next_payment_date;
  } else if (requested_users > current_users) {
    plan.charge_cents = prorated_cents(prices, p, c, requested_users - current_users,
                                       today < *period_start ? *period_start : today, *period_start,
                                       *next_payment_date);
  }
  return plan;
}

int64_t vat_cents(int64_t subtotal_cents, int vat_basis_points) {
  return mul_div_round(subtotal_cents, vat_basis_points, 10000);
}

}  // namespace signet
