// The audit log cannot be used to fill the disk: bounded fields, refused requests throttled,
// and old rows (with expired sessions, links and delivered mail) pruned on a schedule.
#include <doctest/doctest.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include "services/account_service.h"
#include "services/audit_log.h"
#include "services/retention.h"
#include "services/subscription_service.h"
#include "services/team_service.h"
#include "storage/mail_store.h"
#include "clocked_services.h"
#include "test_support.h"
#include "sql_probe.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

TEST_CASE("refused requests without a session: no oversized audit fields, and few rows per address") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser stranger(server.port());
  const std::string huge = std::string((1 << 20) - 100, 'a') + "@example.nl";  // the body just fits 1 MiB
  for (int i = 0; i < 3; ++i) {
    CHECK(stranger.post("/api/password-reset", {{"email", huge}}).status == 400);
    CHECK(stranger.post("/api/session", {{"email", std::string(300, 'b') + "@example.nl"}, {"password", "x"}}).status < 500);
    CHECK(stranger.post("/api/password-reset", {{"email", std::string(300, 'c') + "@example.nl"}}).status == 400);
  }
  ConnectionPool reader(server.db(), 1);
  auto db = reader.acquire();
  CHECK(query_int(*db, "SELECT MAX(length(actor_email)) FROM audit_log") <= 254);
  CHECK(query_int(*db, "SELECT MAX(length(detail)) FROM audit_log") <= 500);
  CHECK(query_int(*db, "SELECT MAX(length(target)) FROM audit_log") <= 500);
  CHECK(query_int(*db, "SELECT COUNT(*) FROM audit_log WHERE actor_email LIKE 'bbbb%' OR actor_email LIKE 'cccc%'") == 0);

  // A loop of refused requests writes a few rows a minute, not one per request. (Two
  // minutes' worth at most: the loop takes well under a minute, but may straddle one turn.)
  for (int i = 0; i < 100; ++i)
    REQUIRE(stranger.send("POST", "/api/password-reset", "{not json", "application/json").status == 400);
  CHECK(query_int(*db, "SELECT COUNT(*) FROM audit_log WHERE outcome >= 400") <= 2 * (10 + 1));
  // Successful requests are never held back.
  REQUIRE(Browser(server.port()).sign_in("owner@acme.nl", kPassword).status == 200);
  CHECK(query_int(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.create' AND outcome = 200") == 2);
  CHECK(owner.get("/api/audit").status == 200);
}

TEST_CASE("audit log throttle: refused requests per address and in all, per minute; the rest always") {
  TempDir dir;
  ManualClock time;
  ConnectionPool pool(dir.database("audit.db"));
  AuditLog audit(pool, time.clock());
  auto entry = [](const std::string& address, int outcome) {
    AuditRecord e;
    e.action = "session.create";
    e.outcome = outcome;
    e.client_address = address;
    return e;
  };
  auto rows = [&](const std::string& where) {
    auto c = pool.acquire();
    return query_int(*c, "SELECT COUNT(*) FROM audit_log WHERE " + where);
  };
  time.now = 1'795'000'020;  // 20 s into a minute
  for (int i = 0; i < 25; ++i) audit.record(entry("198.51.100.1", 401));
  for (int i = 0; i < 5; ++i) audit.record(entry("198.51.100.2", 429));
  for (int i = 0; i < 30; ++i) audit.record(entry("198.51.100.1", 200));
  CHECK(rows("client_address = '198.51.100.1' AND action = 'session.create' AND outcome >= 400") == kAuditRefusedPerAddressPerMinute);
  CHECK(rows("client_address = '198.51.100.1' AND action = 'audit.throttled'") == 1);  // one note that rows were held back
  CHECK(rows("client_address = '198.51.100.2' AND outcome >= 400") == 5);
  CHECK(rows("outcome = 200") == 30);
  time.now += 60;  // the next minute: that address is heard again
  for (int i = 0; i < 3; ++i) audit.record(entry("198.51.100.1", 401));
  CHECK(rows("client_address = '198.51.100.1' AND action = 'session.create' AND outcome >= 400") ==
        kAuditRefusedPerAddressPerMinute + 3);
  // Many addresses (an IPv6 prefix holds billions): a cap for all of them together.
  time.now += 60;
  for (int i = 0; i < 3 * kAuditRefusedPerMinute; ++i) audit.record(entry("2001:db8::" + std::to_string(i), 400));
  CHECK(rows("client_address LIKE '2001:db8::%' AND action = 'session.create'") == kAuditRefusedPerMinute);
  CHECK(rows("action = 'audit.throttled' AND client_address = ''") == 1);
}

namespace {
struct RetentionFixture : ClockedServices {
  AccountService accounts{pool, hasher, time.clock(), {"http://portal.test", "Signet <no-reply@portal.test>"}, [] {}};
  TeamService team{pool, time.clock(), {"http://portal.test", "Signet <no-reply@portal.test>"}, [] {}};
  AuditLog audit{pool, time.clock()};
  Retention retention{pool, time.clock()};

  int count(const std::string& table) {
    auto c = pool.acquire();
    return query_int(*c, "SELECT COUNT(*) FROM " + table);
  }
  void deliver_all_mail() {
    auto c = pool.acquire();
    std::vector<int64_t> ids;
    auto q = c->prepare("SELECT id FROM mail_queue WHERE sent_at IS NULL");
    while (q->executeStep()) ids.push_back(q->getColumn(0).getInt64());
    for (int64_t id : ids) MailStore(*c).mark_sent(id, time.now);
  }
  void days(int n) { time.now += n * 86400; }
};
}  // namespace

TEST_CASE_FIXTURE(RetentionFixture, "retention: expired sessions, links and delivered mail go; audit rows after 400 days") {
  auth.create_reseller({"Acme B.V.", "Olga Owner", "owner@acme.nl", kPassword});
  const Actor owner = auth.sign_in({"owner@acme.nl", kPassword}).actor;
  accounts.request_reset("owner@acme.nl", "198.51.100.1");
  NewSubscription s;
  s.customer_name = "Klant B.V.";
  s.user_count = 3;
  s.customer_can_edit = true;
  s.contact_name = "Karin";
  s.contact_email = "karin@klant.nl";
  const int64_t sub = subs.create(owner, s).id;
  team.invite(owner, {"Bob", "bob@acme.nl", "support"});
  AuditRecord old_entry;
  old_entry.action = "test.old";
  old_entry.outcome = 200;
  audit.record(old_entry);
  deliver_all_mail();
  REQUIRE(count("sessions") == 1);
  REQUIRE(count("password_resets") == 1);
  REQUIRE(count("invitations") == 1);
  REQUIRE(count("team_invitations") == 1);
  REQUIRE(count("mail_queue") == 3);

  time.now += 13 * 3600;  // past a session's 12 hours and a reset link's hour
  auth.sign_in({"owner@acme.nl", kPassword});
  retention.prune();
  CHECK(count("sessions") == 1);  // the new one
  CHECK(count("password_resets") == 0);
  CHECK(count("invitations") == 1);  // 7 days, then kept 30 more so a late click is told "expired"
  CHECK(count("mail_queue") == 3);

  days(40);
  retention.prune();
  CHECK(count("sessions") == 0);  // idle for 40 days
  CHECK(count("invitations") == 0);
  CHECK(count("team_invitations") == 0);
  CHECK(count("mail_queue") == 1);  // the invitation mail the subscription shows the delivery of
  CHECK(subs.get(owner, sub).invitation_delivery == "sent");
  CHECK(count("audit_log") >= 1);
  AuditRecord newer_entry;
  newer_entry.action = "test.newer";
  newer_entry.outcome = 200;
  audit.record(newer_entry);

  days(361);  // 401 days after the first entry, 361 after the second
  retention.prune();
  auto c = pool.acquire();
  CHECK(query_int(*c, "SELECT COUNT(*) FROM audit_log WHERE action = 'test.old'") == 0);
  CHECK(query_int(*c, "SELECT COUNT(*) FROM audit_log WHERE action = 'test.newer'") == 1);
}
