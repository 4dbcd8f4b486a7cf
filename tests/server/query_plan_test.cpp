// The subscription list at scale: every list query (each sort key and direction, with and
// without search and status) is answered from an index, and the kept totals stay exact.
// Speed itself is measured by scripts/bench.sh, never asserted here.
#include <doctest/doctest.h>

#include "storage/account_store.h"
#include "storage/subscription_store.h"
#include "store_fixture.h"
#include "test_support.h"
#include "sql_probe.h"

using namespace signet;

namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

bool has(const std::vector<std::string>& plan, const std::string& prefix, const std::string& text) {
  for (const auto& l : plan)
    if (l.rfind(prefix, 0) == 0 && l.find(text) != std::string::npos) return true;
  return false;
}

Subscription subscription(const std::string& name, bool active, const std::string& date) {
  Subscription s;
  s.customer_name = name;
  s.status = active ? SubscriptionStatus::Active : SubscriptionStatus::Inactive;
  if (active) s.next_payment_date = date;
  s.created_at = "2026-01-0" + date.substr(9, 1) + "T10:00:00Z";
  return s;
}

}  // namespace

TEST_CASE("every list query reads an index; a search walks it too, or reads a few matches by id" * doctest::test_suite("sqlite")) {
  test::TempDir dir;
  ConnectionPool pool(dir.file("plan.db"));
  auto c = pool.acquire();
  const int64_t reseller = AccountStore(*c).insert_reseller("Acme", "2026-11-26T00:00:00Z");
  SubscriptionStore store(*c, 0);
  for (int i = 0; i < 50; ++i) store.insert(reseller, subscription("Café " + std::to_string(i), i % 3 != 0, "2026-12-0" + std::to_string(1 + i % 9)));

  // "" lists everything; "cafe" matches every name (the sort index is walked, keeping the
  // matching ids); "cafe 17" matches one (it is read by id and the few matches sorted).
  for (SortKey key : {SortKey::CustomerName, SortKey::UserCount, SortKey::NextPaymentDate, SortKey::CreatedAt}) {
    for (bool descending : {false, true}) {
      for (const char* q : {"", "cafe", "cafe 17"}) {
        for (std::optional<SubscriptionStatus> status :
             {std::optional<SubscriptionStatus>(), std::optional(SubscriptionStatus::Active),
              std::optional(SubscriptionStatus::Inactive)}) {
          ListQuery query;
          query.sort = key;
          query.descending = descending;
          query.q = q;
          query.status = status;
          const auto plan = store.explain_list(reseller, query);
          CAPTURE(joined(plan));
          const std::string needle = q;
          // No step reads the whole table, and the mail state is one key lookup per row.
          CHECK_FALSE(has(plan, "", "SCAN s"));
          CHECK(has(plan, "page: ", "SEARCH m USING INTEGER PRIMARY KEY"));
          if (needle == "cafe 17") {
            CHECK(has(plan, "page: ", "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)"));
            CHECK(has(plan, "page: ", "SCAN json_each VIRTUAL TABLE"));
            // The total is the number of matches, counted again only under a status filter.
            CHECK(has(plan, "count: ", "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)") == status.has_value());
          } else {
            CHECK(has(plan, "page: ", "SEARCH s USING INDEX subscriptions_by_"));
            CHECK_FALSE(has(plan, "page: ", "TEMP B-TREE"));
            if (needle.empty())
              CHECK(has(plan, "count: ", "SEARCH subscription_counts USING PRIMARY KEY"));
            else
              CHECK(has(plan, "count: ", "SEARCH s USING COVERING INDEX subscriptions_by_reseller (reseller_id=?)") ==
                    status.has_value());
          }
        }
      }
    }
  }
}

TEST_CASE("payment-date order keeps inactive rows last both ways; totals follow inserts and status changes") {
  test::TwoResellers db("order.db");
  SubscriptionStore& store = db.store;
  const int64_t a = db.reseller, b = db.other;
  store.insert(a, subscription("Second", true, "2026-12-05"));
  store.insert(a, subscription("Off", false, "2026-12-01"));
  store.insert(a, subscription("First", true, "2026-12-02"));
  store.insert_many(b, {{subscription("Other", true, "2026-12-03"), 3, "2026-11-03"}});

  ListQuery q;
  q.sort = SortKey::NextPaymentDate;
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& s : store.list(a, q).items) out.push_back(s.customer_name);
    return out;
  };
  CHECK(names() == std::vector<std::string>{"First", "Second", "Off"});
  q.descending = true;
  CHECK(names() == std::vector<std::string>{"Second", "First", "Off"});

  CHECK(store.list(a, ListQuery{}).total == 3);
  CHECK(store.list(b, ListQuery{}).total == 1);
  q.status = SubscriptionStatus::Inactive;
  CHECK(store.list(a, q).total == 1);
  db.c->execute("UPDATE subscriptions SET status = 'inactive', next_payment_date = NULL WHERE customer_name = 'First'");
  CHECK(store.list(a, q).total == 2);
  q.status = SubscriptionStatus::Active;
  CHECK(store.list(a, q).total == 1);
  q.status.reset();
  q.q = "SECOND";
  CHECK(store.list(a, q).total == 1);
}
