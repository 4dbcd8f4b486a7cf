// Search over customer names (storage/customer_names.h): the names a search finds and the
// order it gives them in are checked against the unsearched list filtered in the test, for
// every sort, both ways a page is picked (walking the sort index, or reading few matches by
// id), status filters and pages; and the names held in memory follow new subscriptions.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "signet/text.h"
#include "storage/account_store.h"
#include "storage/subscription_store.h"
#include "test_support.h"

using namespace signet;

namespace {

const char* const kNames[] = {"Café Noir", "Bakkerij Müller", "Łódź Logistics", "Grand CAFE", "Smit & Zonen",
                              "Ærø Shipping", "Cafetaria De Hoek", "Muller Bouw", "Zoë's Bloemen", "Anna"};

Subscription numbered(int i) {
  Subscription s;
  s.customer_name = std::string(kNames[i % 10]) + " " + std::to_string(i);
  s.user_count = 1 + (i * 7) % 13;
  s.status = i % 4 == 0 ? SubscriptionStatus::Inactive : SubscriptionStatus::Active;
  if (s.status == SubscriptionStatus::Active) s.next_payment_date = "2026-12-" + std::to_string(10 + i % 17);
  s.created_at = "2026-0" + std::to_string(1 + i % 9) + "-01T10:00:00Z";
  return s;
}

std::vector<int64_t> ids_of(const SubscriptionPage& p) {
  std::vector<int64_t> ids;
  for (const auto& s : p.items) ids.push_back(s.id);
  return ids;
}

}  // namespace

TEST_CASE("a search finds exactly the folded-name matches, in the list's own order, on every page") {
  test::TempDir dir;
  ConnectionPool pool(dir.file("search.db"));
  auto c = pool.acquire();
  AccountStore accounts(*c);
  const int64_t reseller = accounts.insert_reseller("Acme", "2026-11-26T00:00:00Z");
  const int64_t other = accounts.insert_reseller("Other", "2026-11-26T00:00:00Z");
  SubscriptionStore store(*c, 0);
  for (int i = 0; i < 400; ++i) {
    store.insert(reseller, numbered(i));
    if (i % 5 == 0) store.insert(other, numbered(i));  // interleaved ids; never in reseller's results
  }

  // Dense needles walk the sort index; "muller 1" matches a few and "lodz logistics 392" one.
  for (const char* q : {"cafe", "MÜLLER", "muller 1", "lodz logistics 392", "zoe's", "a", "no such name"}) {
    const std::string needle = fold_for_search(q);
    for (SortKey key : {SortKey::CustomerName, SortKey::UserCount, SortKey::NextPaymentDate, SortKey::CreatedAt}) {
      for (bool descending : {false, true}) {
        for (std::optional<SubscriptionStatus> status :
             {std::optional<SubscriptionStatus>(), std::optional(SubscriptionStatus::Inactive)}) {
          ListQuery all;
          all.sort = key;
          all.descending = descending;
          all.status = status;
          all.per_page = kMaxPerPage;
          std::vector<int64_t> expected;
          for (all.page = 1;; ++all.page) {
            const SubscriptionPage p = store.list(reseller, all);
            for (const auto& s : p.items)
              if (fold_for_search(s.customer_name).find(needle) != std::string::npos) expected.push_back(s.id);
            if (p.items.size() < static_cast<size_t>(kMaxPerPage)) break;
          }

          ListQuery search = all;
          search.q = q;
          search.per_page = 30;
          std::vector<int64_t> found;
          for (search.page = 1; search.page <= 20; ++search.page) {
            const SubscriptionPage p = store.list(reseller, search);
            CAPTURE(q);
            CAPTURE(search.page);
            CHECK(p.total == static_cast<int64_t>(expected.size()));
            const auto ids = ids_of(p);
            found.insert(found.end(), ids.begin(), ids.end());
            if (ids.size() < 30) break;
          }
          CAPTURE(q);
          CAPTURE(to_string(key));
          CAPTURE(descending);
          CHECK(found == expected);
        }
      }
    }
  }
}

TEST_CASE("the names in memory follow new subscriptions, from any connection, as they commit") {
  test::TempDir dir;
  ConnectionPool pool(dir.file("follow.db"));
  auto reader = pool.acquire();
  const int64_t reseller = AccountStore(*reader).insert_reseller("Acme", "2026-11-26T00:00:00Z");
  ListQuery q;
  q.q = "cafe";
  CHECK(SubscriptionStore(*reader, 0).list(reseller, q).total == 0);  // the names are read here, none yet

  {
    auto writer = pool.acquire();
    SubscriptionStore(*writer, 0).insert(reseller, numbered(0));  // Café Noir 0
    // A row that never commits is never found, and its id may be handed out again.
    SQLite::Transaction tx(writer->db());
    SubscriptionStore(*writer, 0).insert(reseller, numbered(10));
    CHECK(SubscriptionStore(*reader, 0).list(reseller, q).total == 1);
  }
  CHECK(SubscriptionStore(*reader, 0).list(reseller, q).total == 1);
  {
    auto writer = pool.acquire();
    SubscriptionStore(*writer, 0).insert(reseller, numbered(20));  // Café Noir 20
  }
  const SubscriptionPage p = SubscriptionStore(*reader, 0).list(reseller, q);
  REQUIRE(p.items.size() == 2);
  CHECK(p.items[1].customer_name == "Café Noir 20");
}

TEST_CASE("searches of one reseller from many threads while rows are added see whole, growing results") {
  test::TempDir dir;
  ConnectionPool pool(dir.file("threads.db"), 6);
  int64_t reseller = 0;
  {
    auto c = pool.acquire();
    reseller = AccountStore(*c).insert_reseller("Acme", "2026-11-26T00:00:00Z");
  }
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      int64_t last = 0;
      while (!done) {
        auto c = pool.acquire();
        ListQuery q;
        q.q = "anna";
        q.per_page = kMaxPerPage;
        const SubscriptionPage p = SubscriptionStore(*c, 0).list(reseller, q);
        // Totals never shrink, and every row found really is an "Anna".
        if (p.total < last) ++bad;
        last = p.total;
        for (const auto& s : p.items)
          if (s.customer_name.rfind("Anna ", 0) != 0) ++bad;
      }
    });
  }
  {
    auto c = pool.acquire();
    for (int i = 0; i < 300; ++i) SubscriptionStore(*c, 0).insert(reseller, numbered(i));
  }
  done = true;
  for (auto& t : readers) t.join();
  CHECK(bad == 0);
  auto c = pool.acquire();
  ListQuery q;
  q.q = "anna";
  CHECK(SubscriptionStore(*c, 0).list(reseller, q).total == 30);
}
