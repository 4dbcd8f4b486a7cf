// The mail queue's claims: each queued mail is taken by exactly one sender, even with several
// servers (here: several connection pools, as several processes have) on one database, and a
// claim whose server died ends at its deadline, when the mail is due again.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "storage/connection_pool.h"
#include "storage/mail_store.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;

namespace {

void enqueue(ConnectionPool& pool, int n, int64_t now) {
  auto c = pool.acquire();
  for (int i = 0; i < n; ++i) {
    QueuedMail m;
    m.message_id = "<m" + std::to_string(i) + "@signet.test>";
    m.sender = "no-reply@signet.test";
    m.recipient = "customer" + std::to_string(i) + "@example.com";
    m.rfc5322 = "Subject: " + std::to_string(i) + "\r\n\r\nbody\r\n";
    MailStore(*c).enqueue(m, now);
  }
}

}  // namespace

TEST_CASE("mail claims: a claimed mail is not handed out again until its claim runs out") {
  TempDir dir;
  ConnectionPool pool(dir.database("mail.db"), 2);
  enqueue(pool, 2, 1000);
  auto c = pool.acquire();
  MailStore store(*c);
  const auto first = store.claim_next(1000, 1300);
  REQUIRE(first);
  const auto second = store.claim_next(1000, 1300);
  REQUIRE(second);
  CHECK(first->id != second->id);
  CHECK_FALSE(store.claim_next(1000, 1300));  // both are being sent
  CHECK(store.next_due_at() == 1300);
  CHECK_FALSE(store.claim_next(1299, 1599));

  store.mark_sent(first->id, 1010);
  // The second's server died without a word: at the claim's end the mail is due again, with
  // its attempts unchanged (it may or may not have gone out).
  const auto again = store.claim_next(1300, 1600);
  REQUIRE(again);
  CHECK(again->id == second->id);
  CHECK(again->attempts == 0);
  CHECK(again->rfc5322 == second->rfc5322);
  CHECK_FALSE(store.claim_next(1300, 1600));  // the sent one never comes back
}

TEST_CASE("mail claims: two servers' senders racing for 200 mails take each exactly once") {
  TempDir dir;
  const std::string db = dir.database("mail.db");
  ConnectionPool a(db, 4), b(db, 4);
  enqueue(a, 200, 1000);
  std::mutex mutex;
  std::map<int64_t, int> taken;
  std::vector<std::thread> senders;
  for (ConnectionPool* pool : {&a, &b, &a, &b, &a, &b})
    senders.emplace_back([&, pool] {
      while (true) {
        auto c = pool->acquire();
        MailStore store(*c);
        const auto m = store.claim_next(1000, 1300);
        if (!m) return;
        {
          std::lock_guard<std::mutex> lock(mutex);
          ++taken[m->id];
        }
        store.mark_sent(m->id, 1001);
      }
    });
  for (auto& t : senders) t.join();
  CHECK(taken.size() == 200);
  for (const auto& [id, times] : taken) CHECK_MESSAGE(times == 1, "mail " << id << " taken " << times << " times");
  auto c = a.acquire();
  CHECK_FALSE(MailStore(*c).next_due_at());
}
