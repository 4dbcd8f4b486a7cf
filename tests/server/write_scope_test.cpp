// Write scopes (storage/connection_pool.h) on PostgreSQL: writers on two servers (here two
// connection pools, as two processes have) run side by side unless they name the same scope;
// writers naming the same one take turns. PostgreSQL only (the "postgres" suite): SQLite lets
// one writer in at a time whatever it names.
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <thread>

#include "storage/connection_pool.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;

namespace {

// Starts, on its own thread and connection, a write transaction naming `scope` that commits
// at once; `entered` is ready once it is in.
struct Writer {
  Writer(ConnectionPool& pool, WriteScope scope) : entered(in.get_future()) {
    thread = std::thread([&pool, scope, this] {
      auto c = pool.acquire();
      WriteTransaction tx(*c, {scope});
      in.set_value();
      tx.commit();
    });
  }
  bool enters_within(std::chrono::milliseconds wait) { return entered.wait_for(wait) == std::future_status::ready; }
  std::promise<void> in;
  std::future<void> entered;
  std::thread thread;
};

}  // namespace

TEST_SUITE("postgres") {

TEST_CASE("write scopes: a writer waits only for writers naming one of its scopes") {
  require_postgres();
  TempDir dir;
  const std::string db = dir.database("scopes.db");
  ConnectionPool a(db, 1), b(db, 8);
  auto held = a.acquire();
  auto tx = std::make_unique<WriteTransaction>(
      *held, std::initializer_list<WriteScope>{WriteScope::reseller(1), WriteScope::subscription(7),
                                               WriteScope::named("rate sign-in.account\nanna@example.com")});

  // Other resellers, subscriptions, users and names: in while the first is open.
  Writer other_reseller(b, WriteScope::reseller(2));
  Writer other_subscription(b, WriteScope::subscription(1));  // the same number, another kind
  Writer user(b, WriteScope::user(1));
  Writer other_name(b, WriteScope::named("rate sign-in.account\nbob@example.com"));
  CHECK(other_reseller.enters_within(std::chrono::seconds(5)));
  CHECK(other_subscription.enters_within(std::chrono::seconds(5)));
  CHECK(user.enters_within(std::chrono::seconds(5)));
  CHECK(other_name.enters_within(std::chrono::seconds(5)));

  // The same reseller, subscription or name: each waits for the first to commit.
  Writer same_reseller(b, WriteScope::reseller(1));
  Writer same_subscription(b, WriteScope::subscription(7));
  Writer same_name(b, WriteScope::named("rate sign-in.account\nanna@example.com"));
  CHECK_FALSE(same_reseller.enters_within(std::chrono::milliseconds(300)));
  CHECK_FALSE(same_subscription.enters_within(std::chrono::milliseconds(1)));
  CHECK_FALSE(same_name.enters_within(std::chrono::milliseconds(1)));
  tx->commit();
  CHECK(same_reseller.enters_within(std::chrono::seconds(5)));
  CHECK(same_subscription.enters_within(std::chrono::seconds(5)));
  CHECK(same_name.enters_within(std::chrono::seconds(5)));
  for (Writer* w : {&other_reseller, &other_subscription, &user, &other_name, &same_reseller, &same_subscription, &same_name})
    w->thread.join();
}

}  // TEST_SUITE
