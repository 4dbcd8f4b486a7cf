// Moving an SQLite installation to PostgreSQL with `admin copy`, and the admin commands that
// are different on PostgreSQL (the "postgres" suite: they need a PostgreSQL server).
#include <doctest/doctest.h>

#include "signet/dates.h"
#include "sql_probe.h"
#include "storage/connection_pool.h"
#include "storage/postgres_engine.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

TEST_CASE("a database URL is printed without its password") {
  CHECK(printable_database("postgresql://signet:s3cret@db:5432/signet") == "postgresql://signet:***@db:5432/signet");
  CHECK(printable_database("postgres://signet@db/signet") == "postgres://signet@db/signet");
  CHECK(printable_database("postgresql://db/signet?user=a@b") == "postgresql://db/signet?user=a@b");
  CHECK(printable_database("data/signet.db") == "data/signet.db");
}

TEST_SUITE("postgres") {

TEST_CASE("admin copy: an SQLite installation moves to PostgreSQL with every row, and goes on there") {
  require_postgres();
  TempDir dir;
  const std::string file = dir.file("signet.db");
  const std::string key = dir.file("secret.key");
  json before;
  int64_t highest_id = 0;
  {
    ServerProcess sqlite({"--secret-key-file", key}, file);
    Browser b = reseller_browser(sqlite, "Acme", "owner@acme.nl");
    for (int i = 0; i < 30; ++i) {
      json body = {{"product", i % 2 ? "m365" : "google_workspace"}, {"customer_name", "Klant " + std::to_string(i)}, {"user_count", 3 + i}};
      if (i % 3 == 0) {
        body["customer_can_edit"] = true;
        body["contact_name"] = "Contact " + std::to_string(i);
        body["contact_email"] = "contact" + std::to_string(i) + "@klant.nl";
      }
      const Reply r = b.post("/api/subscriptions", body);
      REQUIRE(r.status == 201);
      highest_id = std::max(highest_id, r.body["id"].get<int64_t>());
    }
    const std::string later = format_iso(from_days(to_days(date_from_unix(system_clock()())) + 40));
    REQUIRE(run_admin({"run-billing", "--db", file, "--date", later}, "").first == 0);
    before = b.get("/api/subscriptions?per_page=100&sort=customer_name").body;
    REQUIRE(before["items"].size() == 30);
    REQUIRE(sqlite.terminate() == 0);
  }

  const std::string target = dir.database("target");
  auto [code, text] = run_admin({"copy", "--from", file, "--to", target}, "");
  REQUIRE_MESSAGE(code == 0, text);
  CHECK(text.find("every count matches") != std::string::npos);

  // Every table holds what the file holds, row for row in number.
  {
    ConnectionPool from(file, 1), to(target, 1);
    auto f = from.acquire();
    auto t = to.acquire();
    for (const char* table : {"resellers", "users", "subscriptions", "invitations", "mail_queue", "invoices",
                              "invoice_lines", "audit_log", "subscription_counts", "list_versions"})
      CHECK_MESSAGE(query_int(*f, std::string("SELECT COUNT(*) FROM ") + table) ==
                        query_int(*t, std::string("SELECT COUNT(*) FROM ") + table),
                    table);
    CHECK(query_int(*t, "SELECT COUNT(*) FROM invoices") == 1);
  }

  // A server on PostgreSQL with the same key: the same password, the same list, and new rows
  // numbered after the copied ones.
  ServerProcess pg({"--secret-key-file", key}, target);
  Browser b(pg.port());
  REQUIRE(b.sign_in("owner@acme.nl", kPassword).status == 200);
  const json after = b.get("/api/subscriptions?per_page=100&sort=customer_name").body;
  CHECK(after["items"] == before["items"]);
  CHECK(b.get("/api/billing/invoices").body["items"].size() == 1);
  const Reply created = b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Nieuw B.V."}, {"user_count", 2}});
  REQUIRE(created.status == 201);
  CHECK(created.body["id"].get<int64_t>() > highest_id);
  CHECK(b.get("/api/subscriptions?q=klant%2029").body["items"].size() == 1);

  // A second copy into a database with data refuses and leaves it as it was.
  auto [again, refusal] = run_admin({"copy", "--from", file, "--to", target}, "");
  CHECK(again == 1);
  CHECK(refusal.find("already holds data") != std::string::npos);
  CHECK(b.get("/api/subscriptions?per_page=100").body["items"].size() == 31);
}

TEST_CASE("admin on PostgreSQL: migrate is repeatable; backup and restore point to pg_dump and pg_restore") {
  require_postgres();
  TempDir dir;
  const std::string db = dir.database("admin");
  auto [first, text] = run_admin({"migrate", "--db", db}, "");
  CHECK_MESSAGE(first == 0, text);
  CHECK(run_admin({"migrate", "--db", db}, "").first == 0);
  {
    ConnectionPool pool(db, 1);
    auto c = pool.acquire();
    CHECK(query_int(*c, "SELECT MAX(version) FROM schema_version") == 19);
  }
  auto [backup, backup_text] = run_admin({"backup", "--db", db, "--out", dir.file("x.db")}, "");
  CHECK(backup == 1);
  CHECK(backup_text.find("pg_dump") != std::string::npos);
  auto [restore, restore_text] = run_admin({"restore", "--db", db, "--from", dir.file("x.db")}, "");
  CHECK(restore == 1);
  CHECK(restore_text.find("pg_restore") != std::string::npos);
  auto [wrong, wrong_text] = run_admin({"copy", "--from", db, "--to", db}, "");
  CHECK(wrong == 1);
  CHECK(wrong_text.find("must be an SQLite file") != std::string::npos);
}

}  // TEST_SUITE
