#include <doctest/doctest.h>

#include "storage/account_store.h"
#include "storage/connection_pool.h"
#include "test_support.h"

using namespace signet;

TEST_CASE("a new database gets the full schema, WAL and foreign keys") {
  test::TempDir dir;
  ConnectionPool pool(dir.file("a.db"));
  auto c = pool.acquire();
  CHECK(c->db().execAndGet("PRAGMA user_version").getInt() >= 1);
  CHECK(c->db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(c->db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(c->db().execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
  CHECK(c->db().tableExists("subscriptions"));
}

TEST_CASE("migrations run once: reopening keeps data and version") {
  test::TempDir dir;
  int version = 0;
  {
    ConnectionPool pool(dir.file("a.db"));
    auto c = pool.acquire();
    AccountStore(*c).insert_reseller("Acme", "2026-11-26T00:00:00Z");
    version = c->db().execAndGet("PRAGMA user_version").getInt();
  }
  ConnectionPool again(dir.file("a.db"));
  auto c = again.acquire();
  CHECK(c->db().execAndGet("PRAGMA user_version").getInt() == version);
  CHECK(AccountStore(*c).any_reseller());
}

TEST_CASE("a database from a newer server is refused, not damaged") {
  test::TempDir dir;
  {
    SQLite::Database db(dir.file("a.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version=999");
  }
  CHECK_THROWS_WITH_AS(ConnectionPool(dir.file("a.db")), doctest::Contains("newer"), std::runtime_error);
}

TEST_CASE("the schema refuses impossible rows even if a bug tried to write them") {
  test::TempDir dir;
  ConnectionPool pool(dir.file("a.db"));
  auto c = pool.acquire();
  AccountStore(*c).insert_reseller("Acme", "x");
  CHECK_THROWS(c->db().exec(
      "INSERT INTO subscriptions(reseller_id, customer_name, search_key, product, user_count, status,"
      " customer_can_edit, created_at) VALUES(1,'a','a','m365',0,'active',0,'x')"));
  CHECK_THROWS(c->db().exec(
      "INSERT INTO subscriptions(reseller_id, customer_name, search_key, product, user_count, status,"
      " customer_can_edit, created_at) VALUES(77,'a','a','m365',1,'active',0,'x')"));  // no reseller 77
}

TEST_CASE("the pool hands each connection to one user at a time and reuses it") {
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
  CHECK((&*again == first || again->db().getHandle() != nullptr));
}
