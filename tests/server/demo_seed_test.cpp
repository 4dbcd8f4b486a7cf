// admin seed-demo at small scale: exact shares, the same columns as the create path,
// demo accounts that can sign in, and a portal that serves the data.
#include <doctest/doctest.h>

#include "demo_seed.h"
#include "signet/text.h"
#include "storage/connection_pool.h"
#include "test_support.h"
#include "sql_probe.h"

using namespace signet;
using namespace signet::test;

namespace {
int64_t count(Connection& c, const std::string& sql) { return query_int(c, sql); }
}  // namespace

TEST_CASE("admin seed-demo: exact shares, folded search keys, consistent billing fields, usable accounts") {
  TempDir dir;
  const std::string db = dir.database("demo.db");
  auto [code, text] = run_admin({"seed-demo", "--db", db, "--resellers", "6", "--subscriptions", "2000",
                                 "--seed", "7"}, "");
  REQUIRE(code == 0);
  CHECK(text.find("Seeded 6 resellers with 2000 subscriptions in") != std::string::npos);
  CHECK(text.find(kDemoPassword) != std::string::npos);

  {
    ConnectionPool pool(db, 1);
    auto c = pool.acquire();
    CHECK(count(*c, "SELECT COUNT(*) FROM subscriptions") == 2000);
    CHECK(count(*c, "SELECT COUNT(*) FROM resellers") == 6);
    auto of = [&](const std::string& email) {
      return count(*c, "SELECT COUNT(*) FROM subscriptions s JOIN users u ON u.reseller_id = s.reseller_id "
                       "WHERE u.email = '" + email + "'");
    };
    CHECK(of("big@demo.signet.test") == 20);     // 1%
    CHECK(of("r1k@demo.signet.test") == 2);      // 0.1%
    CHECK(of("r100k@demo.signet.test") == 200);  // 10%
    // One password hash for all: every account has the same one.
    CHECK(count(*c, "SELECT COUNT(DISTINCT password_hash) FROM users") == 1);
    CHECK(count(*c, "SELECT COUNT(*) FROM users WHERE role = 'reseller' AND reseller_role = 'owner'") == 6);

    // The search key is exactly what the create path stores: the folded name.
    auto rows = c->prepare("SELECT customer_name, search_key FROM subscriptions");
    int non_ascii = 0;
    while (rows->executeStep()) {
      const std::string name = rows->getColumn(0).getString();
      REQUIRE(rows->getColumn(1).getString() == fold_for_search(name));
      if (name.size() != utf8_length(name).value_or(0)) ++non_ascii;
    }
    CHECK(non_ascii > 200);
    // A mix of products, statuses and cycles; active rows have a future payment date and
    // a period that ends on it, inactive ones neither (as after PATCH status=inactive).
    CHECK(count(*c, "SELECT COUNT(DISTINCT product) FROM subscriptions") == 2);
    CHECK(count(*c, "SELECT COUNT(DISTINCT billing_cycle) FROM subscriptions") == 2);
    CHECK(count(*c, "SELECT COUNT(*) FROM subscriptions WHERE status = 'inactive'") > 100);
    CHECK(count(*c, "SELECT COUNT(*) FROM subscriptions WHERE status = 'active' AND (next_payment_date IS NULL "
                    "OR period_start IS NULL OR next_payment_date <= CAST(CURRENT_DATE AS TEXT) OR period_start >= next_payment_date "
                    "OR CAST(substr(next_payment_date, 9, 2) AS INTEGER) != anchor_day)") == 0);
    CHECK(count(*c, "SELECT COUNT(*) FROM subscriptions WHERE status = 'inactive' AND "
                    "(next_payment_date IS NOT NULL OR period_start IS NOT NULL)") == 0);
    CHECK(count(*c, "SELECT COUNT(*) FROM subscriptions WHERE customer_can_edit = 1 AND "
                    "(contact_email NOT LIKE '%@example.com' OR contact_name = '')") == 0);
    CHECK(count(*c, "SELECT COUNT(*) FROM subscriptions WHERE customer_can_edit = 0 AND "
                    "(contact_email IS NOT NULL OR invitation_status != 'none')") == 0);
  }

  // The same data again: a second seed into the same file is refused and changes nothing.
  auto [again, again_text] = run_admin({"seed-demo", "--db", db, "--resellers", "6", "--subscriptions", "2000"}, "");
  CHECK(again == 1);
  CHECK(again_text.find("already exists") != std::string::npos);

  ServerProcess server({}, db);
  Browser b(server.port());
  REQUIRE(b.sign_in("big@demo.signet.test", kDemoPassword).status == 200);
  Reply list = b.get("/api/subscriptions?sort=next_payment_date");
  REQUIRE(list.status == 200);
  CHECK(list.body["total"] == 20);
  Reply cafe = b.get("/api/subscriptions?q=cafe&per_page=500");
  REQUIRE(cafe.status == 200);
  for (const auto& s : cafe.body["items"])
    CHECK(fold_for_search(s["customer_name"].get<std::string>()).find("cafe") != std::string::npos);
}

TEST_CASE("admin seed-demo: refuses impossible sizes") {
  TempDir dir;
  CHECK(run_admin({"seed-demo", "--db", dir.database("a.db"), "--resellers", "3"}, "").first == 1);
  CHECK(run_admin({"seed-demo", "--db", dir.database("a.db"), "--subscriptions", "12x"}, "").first == 1);
  CHECK(run_admin({"seed-demo"}, "").first == 1);
}
