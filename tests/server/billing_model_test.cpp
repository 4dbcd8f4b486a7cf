// The billing model, on real SQLite files with a clock the test moves day by day.
//
// The model every amount below is computed from (docs/billing.md):
// - A period [start, end) is billed in arrears on `end` at the number of users it started with.
// - Adding users during a period costs, at once, added × cycle price × whole days left (the
//   day of the change included) ÷ days in the period, rounded half up to a cent.
// - A decrease applies from the next period.
// - Deactivating on day D bills the elapsed part: users at the period's start × cycle price ×
//   (D − start) ÷ days in the period, rounded half up. Charges for users added during the
//   period stand (they bought those users to the end of the period).
// - Reactivating on day R starts a new period [R, R + one cycle) at the current count.
// - A run for a date bills the periods ending on or before it and the charges made on or
//   before it, and nothing else.
#include <doctest/doctest.h>

#include "services/billing_service.h"
#include "services/subscription_service.h"
#include "clocked_services.h"
#include "test_support.h"

using namespace signet;

namespace {

constexpr int64_t kPerUserMonth = 200;  // PriceList{}: EUR 2.00 per user per month

// The model's rounding: a × b ÷ d, half up, in integers.
int64_t model_share(int64_t cents, int64_t days, int64_t period_days) {
  return (cents * days * 2 + period_days) / (2 * period_days);
}

int64_t days_between(const char* from, const char* to) { return to_days(*parse_iso(to)) - to_days(*parse_iso(from)); }

struct Fixture : test::ClockedServices {
  Actor owner;

  Fixture() {
    on("2026-12-01");
    owner = signed_in_owner("owner@acme.nl");
  }
  void on(const char* day) { time.now = to_days(*parse_iso(day)) * 86400 + 9 * 3600; }  // 09:00 UTC
  int64_t create(const char* day, const std::string& name, int users) {
    on(day);
    NewSubscription r;
    r.customer_name = name;
    r.user_count = users;
    return subs.create(owner, r).id;
  }
  void seats(const char* day, int64_t id, int users) {
    on(day);
    SubscriptionPatch p;
    p.user_count = users;
    subs.update(owner, id, p);
  }
  void status(const char* day, int64_t id, SubscriptionStatus st) {
    on(day);
    SubscriptionPatch p;
    p.status = st;
    subs.update(owner, id, p);
  }
  // Runs billing for `day` and returns the subtotal of the invoice it wrote (0 when none).
  // The clock stays where it is: a run may be for a date in the past (a backfill).
  int64_t run(const char* day) {
    const size_t before = billing.invoices(owner).size();
    billing.run(*parse_iso(day));
    const std::vector<Invoice> all = billing.invoices(owner);
    if (all.size() == before) return 0;
    REQUIRE(all.size() == before + 1);
    return billing.invoice(owner, all.front().id).subtotal_cents;
  }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "a seat increase is billed once: renewal at the period's starting count, plus the prorated charge") {
  const int64_t id = create("2027-01-10", "Groei B.V.", 10);  // period [01-10, 02-10)
  seats("2027-01-20", id, 15);
  const int64_t period = days_between("2027-01-10", "2027-02-10");
  const int64_t charge = model_share(5 * kPerUserMonth, days_between("2027-01-20", "2027-02-10"), period);
  CHECK(charge == 677);  // 5 × 200 × 21 ÷ 31 = 677.4
  CHECK(run("2027-02-10") == 10 * kPerUserMonth + charge);
  CHECK(run("2027-03-10") == 15 * kPerUserMonth);  // the next period started with 15
}

TEST_CASE_FIXTURE(Fixture, "the seat quote a reseller sees is the charge the invoice carries") {
  const int64_t id = create("2027-01-10", "Offerte B.V.", 3);
  on("2027-01-25");
  const SeatChangePlan quote = billing.quote(owner, id, 7);
  seats("2027-01-25", id, 7);
  const int64_t charge = model_share(4 * kPerUserMonth, days_between("2027-01-25", "2027-02-10"),
                                     days_between("2027-01-10", "2027-02-10"));
  CHECK(quote.charge_cents == charge);
  CHECK(run("2027-02-10") == 3 * kPerUserMonth + charge);
}

TEST_CASE_FIXTURE(Fixture, "deactivating bills the elapsed part of the period; reactivating starts a new one that day") {
  // The trick of the issue: off the day before each payment date, on again after it.
  const int64_t id = create("2027-01-10", "Slim B.V.", 4);  // [01-10, 02-10)
  status("2027-02-09", id, SubscriptionStatus::Inactive);
  const int64_t first = model_share(4 * kPerUserMonth, days_between("2027-01-10", "2027-02-09"),
                                    days_between("2027-01-10", "2027-02-10"));
  CHECK(run("2027-02-10") == first);
  status("2027-02-11", id, SubscriptionStatus::Active);  // [02-11, 03-11)
  status("2027-03-10", id, SubscriptionStatus::Inactive);
  const int64_t second = model_share(4 * kPerUserMonth, days_between("2027-02-11", "2027-03-10"),
                                     days_between("2027-02-11", "2027-03-11"));
  CHECK(run("2027-03-11") == second);
  status("2027-03-12", id, SubscriptionStatus::Active);  // [03-12, 04-12), billed whole
  CHECK(run("2027-04-12") == 4 * kPerUserMonth);
  CHECK(first == 774);   // 800 × 30 ÷ 31
  CHECK(second == 771);  // 800 × 27 ÷ 28
}

TEST_CASE_FIXTURE(Fixture, "deactivating after adding users: the elapsed part at the starting count, the added users' charge stands") {
  const int64_t id = create("2027-01-10", "Stop B.V.", 10);
  seats("2027-01-20", id, 15);
  status("2027-01-25", id, SubscriptionStatus::Inactive);
  const int64_t period = days_between("2027-01-10", "2027-02-10");
  const int64_t added = model_share(5 * kPerUserMonth, days_between("2027-01-20", "2027-02-10"), period);
  const int64_t elapsed = model_share(10 * kPerUserMonth, days_between("2027-01-10", "2027-01-25"), period);
  CHECK(run("2027-01-25") == added + elapsed);
  CHECK(run("2027-02-10") == 0);  // nothing left to bill for that period
  // Off and on the same day: nothing elapsed, nothing billed twice.
  status("2027-03-01", id, SubscriptionStatus::Active);
  status("2027-03-01", id, SubscriptionStatus::Inactive);
  CHECK(run("2027-03-01") == 0);
}

TEST_CASE_FIXTURE(Fixture, "a backfilled run bills only what was due by its date, and the next run bills the rest once") {
  create("2026-12-15", "Vroeg B.V.", 3);                        // [12-15, 01-15)
  const int64_t later = create("2027-01-10", "Laat B.V.", 10);  // [01-10, 02-10)
  seats("2027-01-20", later, 12);
  const int64_t charge = model_share(2 * kPerUserMonth, days_between("2027-01-20", "2027-02-10"),
                                     days_between("2027-01-10", "2027-02-10"));
  // The operator runs a missed date afterwards: admin run-billing --date 2027-01-15.
  CHECK(run("2027-01-15") == 3 * kPerUserMonth);  // the early renewal only; the charge came later
  CHECK(run("2027-02-10") == 10 * kPerUserMonth + charge);
  CHECK(run("2027-02-15") == 3 * kPerUserMonth);
}
