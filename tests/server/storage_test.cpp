#include <doctest/doctest.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "storage/account_store.h"
#include "storage/connection_pool.h"
#include "test_support.h"
#include "sql_probe.h"

using namespace signet;

TEST_CASE("a new database gets the full schema, WAL and foreign keys" * doctest::test_suite("sqlite")) {
  test::TempDir dir;
  ConnectionPool pool(dir.file("a.db"));
  auto c = pool.acquire();
  CHECK(test::sqlite_db(*c).execAndGet("PRAGMA user_version").getInt() >= 1);
  CHECK(test::sqlite_db(*c).execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(test::sqlite_db(*c).execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(test::sqlite_db(*c).execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
  CHECK(test::sqlite_db(*c).tableExists("subscriptions"));
}

TEST_CASE("migrations run once: reopening keeps data and version" * doctest::test_suite("sqlite")) {
  test::TempDir dir;
  int version = 0;
  {
    ConnectionPool pool(dir.file("a.db"));
    auto c = pool.acquire();
    AccountStore(*c).insert_reseller("Acme", "2026-11-26T00:00:00Z");
    version = test::sqlite_db(*c).execAndGet("PRAGMA user_version").getInt();
  }
  ConnectionPool again(dir.file("a.db"));
  auto c = again.acquire();
  CHECK(test::sqlite_db(*c).execAndGet("PRAGMA user_version").getInt() == version);
  CHECK(AccountStore(*c).any_reseller());
}

TEST_CASE("a database from a newer server is refused, not damaged" * doctest::test_suite("sqlite")) {
  test::TempDir dir;
  {
    SQLite::Database db(dir.file("a.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version=999");
  }
  CHECK_THROWS_WITH_AS(ConnectionPool(dir.file("a.db")), doctest::Contains("newer"), std::runtime_error);
}

TEST_CASE("the schema refuses impossible rows even if a bug tried to write them") {
  test::TempDir dir;
  ConnectionPool pool(dir.database("a.db"));
  auto c = pool.acquire();
  AccountStore(*c).insert_reseller("Acme", "x");
  CHECK_THROWS_AS(c->execute(
      "INSERT INTO subscriptions(reseller_id, customer_name, search_key, product, user_count, status,"
      " customer_can_edit, created_at) VALUES(1,'a','a','m365',0,'active',0,'x')"), StorageError);
  CHECK_THROWS_AS(c->execute(
      "INSERT INTO subscriptions(reseller_id, customer_name, search_key, product, user_count, status,"
      " customer_can_edit, created_at) VALUES(77,'a','a','m365',1,'active',0,'x')"), StorageError);  // no reseller 77
}

TEST_CASE("the pool hands each connection to one user at a time and reuses it" * doctest::test_suite("sqlite")) {
  test::TempDir dir;
  ConnectionPool pool(dir.file("a.db"), 2);
  Connection* first = nullptr;
  {
    auto a = pool.acquire();
    auto b = pool.acquire();
    CHECK(&*a != &*b);
    first = &*a;
  }
  auto again = pool.acquire();
  CHECK((&*again == first || test::sqlite_db(*again).getHandle() != nullptr));
}

TEST_CASE("a connection coming back goes to the longest waiter, never to a newcomer first" * doctest::test_suite("sqlite")) {
  test::TempDir dir;
  ConnectionPool pool(dir.file("fifo.db"), 1);
  auto held = std::make_optional(pool.acquire());
  std::mutex order_lock;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int k = 0; k < 5; ++k) {
    waiters.emplace_back([&, k] {
      auto lease = pool.acquire();
      std::lock_guard<std::mutex> lock(order_lock);
      order.push_back(k);
    });
    while (pool.waiting() < static_cast<size_t>(k + 1)) std::this_thread::yield();  // k is in line
  }
  held.reset();
  // Asking now, while the five hand the connection on, is arriving last: this thread is served
  // after all of them.
  {
    auto late = pool.acquire();
    std::lock_guard<std::mutex> lock(order_lock);
    order.push_back(99);
  }
  for (auto& t : waiters) t.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 99});
}

TEST_CASE("a connection that cannot be opened gives its place back" * doctest::test_suite("sqlite")) {
  test::TempDir dir;
  const std::string sub = (dir.path() / "gone").string();
  std::filesystem::create_directory(sub);
  ConnectionPool pool(sub + "/a.db", 2);
  auto first = pool.acquire();
  std::filesystem::remove_all(sub);  // the open connection keeps its file; a new one cannot open
  CHECK_THROWS(pool.acquire());
  CHECK_THROWS(pool.acquire());  // the failed slot was given back, so this tries again (no hang)
  std::filesystem::create_directory(sub);
  CHECK_NOTHROW(pool.acquire());
}
