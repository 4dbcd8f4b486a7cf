// Search over customer names (storage/customer_names.h): the names a search finds and the
// order it gives them in are checked against the unsearched list filtered in the test, for
// every sort, both ways a page is picked (walking the sort index, or reading few matches by
// id), status filters and pages; and the names held in memory follow new subscriptions.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "signet/text.h"
#include "storage/account_store.h"
#include "storage/customer_names.h"
#include "storage/subscription_store.h"
#include "store_fixture.h"
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
  test::TwoResellers db("search.db");
  SubscriptionStore& store = db.store;
  const int64_t reseller = db.reseller, other = db.other;
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

TEST_CASE("the posting lists find exactly the names holding the needle, for needles of every length") {
  // Names from a four-letter alphabet hold each trigram of most needles somewhere without the
  // needle itself ("abc bcd" has abc and bcd but no "abcd"): only the check of the whole needle
  // after the intersection keeps them out. Needles of one and two bytes take the scan instead.
  test::TwoResellers db("grams.db");
  SubscriptionStore& store = db.store;
  const int64_t reseller = db.reseller, other = db.other;
  const char* const letters[] = {"a", "b", "c", " ", "é"};  // é folds to e: multi-byte in, one byte out
  uint32_t seed = 12345;
  auto next = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  auto random_text = [&](size_t min_length, size_t max_length) {
    std::string t;
    const size_t length = min_length + next(static_cast<uint32_t>(max_length - min_length + 1));
    for (size_t i = 0; i < length; ++i) t += letters[next(5)];
    return t;
  };
  std::vector<std::pair<int64_t, std::string>> names;  // the reseller's, folded
  for (int i = 0; i < 600; ++i) {
    Subscription s = numbered(i);
    s.customer_name = "x" + random_text(0, 14);  // never empty: the name is required
    const int64_t id = store.insert(i % 3 == 0 ? other : reseller, s);
    if (i % 3 != 0) names.emplace_back(id, fold_for_search(s.customer_name));
  }

  std::vector<std::string> needles = {"abcd", "aaaa", "abab", "xa", "x", "e", "abc bcd", "xxxxxxxxxxxxxxxxxxxx"};
  for (int i = 0; i < 400; ++i) needles.push_back(random_text(1, 7));
  size_t found_some = 0;
  for (const std::string& raw : needles) {
    const std::string needle = fold_for_search(raw);
    if (needle.empty()) continue;
    std::vector<int64_t> expected;
    for (const auto& [id, name] : names)
      if (name.find(needle) != std::string::npos) expected.push_back(id);
    const CustomerNames::Matches m = db.c->customer_names().matching(*db.c, reseller, needle);
    CAPTURE(needle);
    CHECK(m.of == names.size());
    CHECK(m.ids == expected);
    found_some += !expected.empty();
  }
  CHECK(found_some > 100);  // the needles are not all misses
}

TEST_CASE("the names in memory follow new subscriptions, from any connection, as they commit") {
  test::TempDir dir;
  ConnectionPool pool(dir.database("follow.db"));
  auto reader = pool.acquire();
  const int64_t reseller = AccountStore(*reader).insert_reseller("Acme", "2026-11-26T00:00:00Z");
  ListQuery q;
  q.q = "cafe";
  CHECK(SubscriptionStore(*reader, 0).list(reseller, q).total == 0);  // the names are read here, none yet

  {
    auto writer = pool.acquire();
    SubscriptionStore(*writer, 0).insert(reseller, numbered(0));  // Café Noir 0
    // A row that never commits is never found, and its id may be handed out again.
    WriteTransaction tx(*writer);
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
  ConnectionPool pool(dir.database("threads.db"), 6);
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
