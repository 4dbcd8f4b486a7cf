// Brute-force limits, the audit log, storage failures and backups, against the real server.
#include <doctest/doctest.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/mount.h>

#include <fstream>
#include <thread>

#include "signet/api/accounts.h"
#include "test_support.h"
#include "sql_probe.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

TEST_CASE("failed sign-ins: the account is locked out with 429 and Retry-After, the right password included") {
  ServerProcess server;
  reseller_browser(server, "Acme", "owner@acme.nl");
  Browser attacker(server.port());
  for (int i = 0; i < 5; ++i) REQUIRE(attacker.sign_in("owner@acme.nl", "wrong password " + std::to_string(i)).status == 401);
  Reply locked = attacker.sign_in("owner@acme.nl", "wrong password 6");
  CHECK(locked.status == 401);  // the sixth failure is answered, then the lock starts
  Reply blocked = attacker.sign_in("owner@acme.nl", kPassword);
  CHECK(blocked.status == 429);
  CHECK(blocked.body["error"]["code"] == "rate_limited");
  const int retry = std::stoi(blocked.header("Retry-After"));
  CHECK(retry > 0);
  CHECK(retry <= 30);
  // Other accounts are not affected by this account's lock.
  reseller_browser(server, "Beta", "b@beta.nl");
}

TEST_CASE("guessing invitation links from one address is slowed down") {
  ServerProcess server;
  Browser guesser(server.port());
  int last = 0;
  for (int i = 0; i < 12; ++i) last = guesser.get("/api/invitations/guess" + std::to_string(i)).status;
  CHECK(last == 429);
}

TEST_CASE("audit log: who did what, when and from where, without secrets; each reseller sees its own") {
  ServerProcess server;
  Browser a = reseller_browser(server, "Alpha", "a@alpha.nl");
  Browser b = reseller_browser(server, "Beta", "b@beta.nl");
  CHECK(Browser(server.port()).sign_in("a@alpha.nl", "a wrong password").status == 401);
  const int64_t id = a.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Audit B.V."}, {"user_count", 3}}).body["id"];
  a.patch("/api/subscriptions/" + std::to_string(id), {{"user_count", 4}});

  const json log = a.get("/api/audit").body;
  std::vector<std::string> actions;
  for (const auto& e : log["items"]) actions.push_back(e["action"]);
  CHECK(std::count(actions.begin(), actions.end(), "session.create") >= 2);  // success and failure
  CHECK(std::count(actions.begin(), actions.end(), "subscription.create") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "subscription.update") == 1);
  bool saw_failure = false;
  for (const auto& e : log["items"]) {
    CHECK(e["detail"].get<std::string>().find("password") == std::string::npos);
    CHECK(e["at"].get<std::string>().back() == 'Z');
    CHECK(e["client_address"] == "127.0.0.1");
    if (e["action"] == "session.create" && e["outcome"] == 401) saw_failure = e["actor_email"] == "a@alpha.nl";
  }
  CHECK(saw_failure);
  CHECK(a.get("/api/audit?action=subscription.").body["items"].size() == 2);
  CHECK(a.get("/api/audit?q=Audit%20B.V.").body["items"].size() == 1);
  // Paging back: `before` is an entry id; anything else is refused, not ignored.
  const int64_t newest = log["items"][0]["id"];
  const json older = a.get("/api/audit?before=" + std::to_string(newest)).body;  // outlives the loop
  for (const json& e : older["items"]) CHECK(e["id"] < newest);
  for (const char* bad : {"abc", "-3", "0", "12x", "99999999999999999999"}) {
    CAPTURE(bad);
    const Reply r = a.get(std::string("/api/audit?before=") + bad);
    CHECK(r.status == 400);
    CHECK(r.body["error"]["fields"].contains("before"));
  }
  // The list reads back through the wire struct the portal uses.
  CHECK(audit_page_from_json(log));
  Reply csv = a.get("/api/audit?format=csv");
  CHECK(csv.raw.rfind("id,at,actor_email,action,", 0) == 0);
  const json b_log = b.get("/api/audit").body;  // a named value: the reply must outlive the loop
  for (const auto& e : b_log["items"]) CHECK(e["actor_email"] != "a@alpha.nl");

  // Tokens of links never reach the log.
  a.post("/api/password-reset/aSecretLookingToken123", {{"password", "whatever it is 2026"}});
  Browser(server.port()).post("/api/password-reset/aSecretLookingToken123", {{"password", "whatever it is 2026"}});
  ConnectionPool reader(server.db(), 1);
  auto db = reader.acquire();
  CHECK(query_int(*db, "SELECT COUNT(*) FROM audit_log WHERE target LIKE '%aSecretLookingToken123%'") == 0);
  CHECK(query_int(*db, "SELECT COUNT(*) FROM audit_log WHERE target = '/api/password-reset/{token}'") == 2);
}

TEST_CASE("a full disk: clear 503 errors, nothing half-written, reads go on" * doctest::test_suite("sqlite")) {
  TempDir dir;
  const std::string mount_point = dir.file("small");
  std::filesystem::create_directories(mount_point);
  // A 1 MiB file system stands in for a full disk (needs root, as CI and setup run).
  REQUIRE_MESSAGE(mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=1m") == 0,
                  "cannot mount a small tmpfs: run the tests as root");
  {
    ServerProcess server({}, mount_point + "/signet.db");
    Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
    int created = 0, unavailable = 0, other = 0;
    for (int i = 0; i < 3000 && unavailable < 3; ++i) {
      const int status = b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Klant " + std::string(100, 'x') + std::to_string(i)},
                                                        {"user_count", 3}}).status;
      if (status == 201) ++created;
      else if (status == 503) ++unavailable;
      else ++other;
    }
    CHECK(created >= 5);
    CHECK(unavailable >= 3);
    CHECK(other == 0);
    Reply list = b.get("/api/subscriptions?per_page=1");
    CHECK(list.status == 200);
    CHECK(list.body["total"] == created);  // every acknowledged write, nothing else

    server.terminate();
    SQLite::Database db(mount_point + "/signet.db", SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  umount(mount_point.c_str());
}

TEST_CASE("admin backup while the server runs, and restore into a new file" * doctest::test_suite("sqlite")) {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  REQUIRE(b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Backed Up B.V."}, {"user_count", 3}}).status == 201);
  TempDir dir;
  auto [code, text] = run_admin({"backup", "--db", server.db(), "--out", dir.file("backup.db")}, "");
  REQUIRE_MESSAGE(code == 0, text);
  REQUIRE(b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "After Backup B.V."}, {"user_count", 3}}).status == 201);

  auto [rc, rtext] = run_admin({"restore", "--db", dir.file("restored.db"), "--from", dir.file("backup.db")}, "");
  REQUIRE_MESSAGE(rc == 0, rtext);
  ServerProcess restored({}, dir.file("restored.db"));
  Browser r(restored.port());
  REQUIRE(r.sign_in("owner@acme.nl", kPassword).status == 200);
  const json items = r.get("/api/subscriptions").body["items"];
  REQUIRE(items.size() == 1);
  CHECK(items[0]["customer_name"] == "Backed Up B.V.");

  { std::ofstream(dir.file("junk.db")) << "not a database"; }
  CHECK(run_admin({"restore", "--db", dir.file("restored.db"), "--from", dir.file("junk.db")}, "").first == 1);
  CHECK(r.get("/api/subscriptions").body["total"] == 1);  // untouched
}

TEST_CASE("a database on a read-only file system: the server says why and stops, nothing is damaged" * doctest::test_suite("sqlite")) {
  TempDir dir;
  const std::string data = dir.file("data"), ro = dir.file("ro");
  std::filesystem::create_directories(data);
  std::filesystem::create_directories(ro);
  {
    ServerProcess server({}, data + "/signet.db");
    reseller_browser(server, "Acme", "owner@acme.nl");
  }
  REQUIRE_MESSAGE(mount(data.c_str(), ro.c_str(), nullptr, MS_BIND, nullptr) == 0, "bind mount needs root");
  REQUIRE(mount(nullptr, ro.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0);
  const auto [code, text] = run_server({"--port", "0", "--db", ro + "/signet.db"});
  umount(ro.c_str());
  CHECK(code == 1);
  CHECK(text.find("cannot start") != std::string::npos);
  SQLite::Database db(data + "/signet.db", SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(db.execAndGet("SELECT COUNT(*) FROM users").getInt() == 1);
}
