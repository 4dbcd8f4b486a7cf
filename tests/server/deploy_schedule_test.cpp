// When deployment runs start by themselves (services/deploy_service.h), on a clock the test
// moves: a change to a connected subscription's signatures waits until the changes settle,
// each change putting it off again; a subscription that is not connected schedules nothing; a
// connected one is deployed again when its latest run is a day old. The runs reach a local fake
// of Google (google_fake.h) through the real service and database.
#include <doctest/doctest.h>

#include <ctime>
#include <thread>
#include <nlohmann/json.hpp>

#include "deploy/secret_box.h"
#include "google_fake.h"
#include "rsa_keys.h"
#include "services/deploy_service.h"
#include "services/retention.h"
#include "storage/account_store.h"
#include "storage/deploy_store.h"
#include "storage/subscription_store.h"
#include "test_support.h"
#include "sql_probe.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

struct Scheduled {
  Scheduled() {
    clock.now = std::time(nullptr);  // the fake checks assertions' lifetimes on the real clock
    auto c = pool.acquire();
    AccountStore accounts(*c);
    const int64_t reseller = accounts.insert_reseller("Acme IT", "2026-11-18T00:00:00Z");
    StoredUser owner;
    owner.user.email = "owner@acme-it.nl";
    owner.user.reseller_role = "owner";
    owner.reseller_id = reseller;
    owner.password_hash = "x";
    actor.user.id = *accounts.insert_user(owner, "2026-11-18T00:00:00Z");
    actor.reseller_id = reseller;
    for (int64_t* id : {&connected, &unconnected}) {
      Subscription s;
      s.customer_name = "Zoë & Söhne GmbH";
      s.product = Product::GoogleWorkspace;
      s.user_count = 5;
      s.status = SubscriptionStatus::Active;
      s.created_at = "2026-11-18T00:00:00Z";
      *id = SubscriptionStore(*c, clock.now).insert(reseller, s);
    }
    signatures.set_change_listener([this](int64_t sub) { deploy.changed(sub); });
    for (int64_t sub : {connected, unconnected}) add_user(sub, "anna@soehne.example");
    const json key_json = {{"type", "service_account"}, {"private_key_id", "k1"},
                           {"private_key", private_key_pem(key.get())}, {"client_email", "deployer@acme.iam.gserviceaccount.com"}};
    deploy.connect(actor, connected, key_json.dump());
  }
  void add_user(int64_t sub, const std::string& email) {
    DirectoryUser u;
    u.email = email;
    u.display_name = "Anna";
    signatures.create_user(actor, sub, u);
    if (signatures.list_templates(sub).empty()) {
      SignatureTemplate t;
      t.name = "Standard";
      Block b;
      b.type = BlockType::Text;
      b.text = "{{display_name}}";
      t.blocks.push_back(b);
      signatures.create_template(actor, sub, t);
    }
  }
  std::string latest_reason(int64_t sub) {
    const json s = deploy.status(sub);
    return s["run"].is_null() ? "" : s["run"]["reason"].get<std::string>();
  }

  TempDir dir;
  ConnectionPool pool{dir.database("schedule.db")};
  ManualClock clock;
  Pkey key = new_rsa_key();
  GoogleFake google{key.get(), "deployer@acme.iam.gserviceaccount.com"};
  SecretBox box{std::string(32, 'b')};
  SignatureService signatures{pool, clock.clock()};
  AuditLog audit{pool, clock.clock()};
  DeployService deploy{pool, signatures, box, GoogleApi({google.token_url(), google.url()}), clock.clock(), &audit,
                       DeploySchedule{60, 24 * 3600}};
  Actor actor;
  int64_t connected = 0, unconnected = 0;
};

}  // namespace

TEST_CASE("a change deploys once the changes have settled; each change puts it off again") {
  Scheduled s;
  // Connecting started a run; the changes made before it were of a subscription not connected
  // yet, so nothing else is due.
  CHECK(s.latest_reason(s.connected) == "connect");
  CHECK(s.deploy.start_due_runs() == 0);
  while (s.deploy.run_due() > 0) {
  }
  CHECK(s.google.updates().at("anna@soehne.example") == 1);

  s.add_user(s.connected, "jan@soehne.example");
  s.clock.now += 59;
  CHECK(s.deploy.start_due_runs() == 0);
  s.add_user(s.connected, "piet@soehne.example");  // puts it off to 60 s from now
  s.clock.now += 59;
  CHECK(s.deploy.start_due_runs() == 0);
  s.clock.now += 1;
  CHECK(s.deploy.start_due_runs() == 1);
  CHECK(s.latest_reason(s.connected) == "change");
  CHECK(s.deploy.start_due_runs() == 0);  // taken off the schedule
  while (s.deploy.run_due() > 0) {
  }
  CHECK(s.google.updates().size() == 3);
  CHECK(s.deploy.status(s.connected)["run"]["counts"]["deployed"] == 3);

  // The subscription that is not connected schedules nothing, whatever changes.
  s.add_user(s.unconnected, "kees@soehne.example");
  s.clock.now += 3600;
  CHECK(s.deploy.start_due_runs() == 0);
  CHECK(s.latest_reason(s.unconnected).empty());
}

TEST_CASE("a connected subscription is deployed again when its latest run is a day old") {
  Scheduled s;
  while (s.deploy.run_due() > 0) {
  }
  s.clock.now += 24 * 3600 - 1;
  CHECK(s.deploy.start_due_runs() == 0);
  s.clock.now += 1;
  CHECK(s.deploy.start_due_runs() == 1);
  CHECK(s.latest_reason(s.connected) == "nightly");
  while (s.deploy.run_due() > 0) {
  }
  CHECK(s.google.updates().at("anna@soehne.example") == 2);
}

TEST_CASE("runs that start by themselves are audited; finished runs go after 30 days, the latest stays") {
  Scheduled s;
  while (s.deploy.run_due() > 0) {
  }
  for (int day = 1; day <= 40; ++day) {  // a nightly run a day
    s.clock.now += 24 * 3600;
    REQUIRE(s.deploy.start_due_runs() == 1);
    while (s.deploy.run_due() > 0) {
    }
  }
  auto count = [&](const std::string& sql) {
    auto c = s.pool.acquire();
    return query_int(*c, sql);
  };
  CHECK(count("SELECT COUNT(*) FROM audit_log WHERE action = 'deploy.run' AND detail = 'nightly: 1 user(s)'") == 40);
  CHECK(count("SELECT COUNT(*) FROM deploy_runs") == 41);

  Retention retention(s.pool, s.clock.clock());
  CHECK(retention.prune().deploy_runs == 10);  // the connect run and 9 nightly ones ended over 30 days ago
  CHECK(count("SELECT COUNT(*) FROM deploy_runs") == 31);
  CHECK(count("SELECT COUNT(*) FROM deploy_targets") == 31);

  // Much later, the latest run stays: it is what the deployment screen shows.
  s.clock.now += 90 * 24 * 3600;
  s.deploy.disconnect(s.actor, s.connected);  // so no new run comes
  retention.prune();
  CHECK(count("SELECT COUNT(*) FROM deploy_runs") == 1);
  CHECK(s.deploy.status(s.connected)["run"]["reason"] == "nightly");
}

TEST_CASE("two servers' deployers racing through one run send each user's signature once") {
  Scheduled s;
  while (s.deploy.run_due() > 0) {  // the connect run: anna
  }
  for (int i = 1; i < 5; ++i) s.add_user(s.connected, "user" + std::to_string(i) + "@soehne.example");
  s.clock.now += 60;
  REQUIRE(s.deploy.start_due_runs() == 1);  // the change run: all five

  // A second server: its own pool and services on the same database.
  ConnectionPool other_pool{s.pool.path()};
  SignatureService other_signatures{other_pool, s.clock.clock()};
  DeployService other{other_pool, other_signatures, s.box, GoogleApi({s.google.token_url(), s.google.url()}),
                      s.clock.clock(), nullptr, DeploySchedule{60, 24 * 3600}};
  std::thread a([&] {
    while (s.deploy.run_due() > 0) {
    }
  });
  std::thread b([&] {
    while (other.run_due() > 0) {
    }
  });
  a.join();
  b.join();
  CHECK(s.google.updates().at("anna@soehne.example") == 2);  // once per run
  for (int i = 1; i < 5; ++i) CHECK(s.google.updates().at("user" + std::to_string(i) + "@soehne.example") == 1);
  CHECK(s.deploy.status(s.connected)["run"]["counts"]["deployed"] == 5);
  CHECK_FALSE(s.deploy.status(s.connected)["run"]["finished_at"].is_null());
}

TEST_CASE("a deployer that died mid-send leaves the user to another after its claim ends") {
  Scheduled s;
  auto c = s.pool.acquire();
  DeployStore store(*c);
  const auto first = store.claim_next(s.clock.now, s.clock.now + 300);  // anna, of the connect run
  REQUIRE(first);
  CHECK(first->email == "anna@soehne.example");
  CHECK_FALSE(store.claim_next(s.clock.now, s.clock.now + 300));  // being sent
  CHECK_FALSE(store.claim_next(s.clock.now + 299, s.clock.now + 599));
  // No word from the claiming server: at the claim's end she is due again, attempts unchanged.
  const auto again = store.claim_next(s.clock.now + 300, s.clock.now + 600);
  REQUIRE(again);
  CHECK(again->email == "anna@soehne.example");
  CHECK(again->attempts == 0);
  store.mark_deployed(*again, s.clock.now + 301);
  CHECK_FALSE(store.claim_next(s.clock.now + 10000, s.clock.now + 10300));  // deployed: never again
}
