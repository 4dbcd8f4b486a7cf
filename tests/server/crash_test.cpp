// kill -9 under continuous writes, twenty times: every write a client saw acknowledged is
// still there after the restart, the database passes integrity_check, and every queued
// invitation is delivered exactly once (outbox files are named by Message-ID, so a mail
// sent again after a crash replaces its own file rather than adding a second one).
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "sql_probe.h"
#include "storage/connection_pool.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

TEST_CASE("crash safety: kill -9 twenty times under writes, nothing acknowledged is lost") {
  TempDir dir;
  const std::string db = dir.database("crash.db");
  const std::string outbox = dir.file("outbox");
  std::set<std::string> acknowledged;  // customer names the server answered 201 for
  std::set<std::string> invited;       // contact e-mails of those that send an invitation
  std::mt19937 random(12345);
  int serial = 0;
  std::string cookie, csrf;  // one session, kept in the database across every crash

  for (int round = 0; round < 20; ++round) {
    ServerProcess server({"--outbox-dir", outbox, "--mail-claim-seconds", "1"}, db);
    if (round == 0) {
      auto [code, text] = run_admin({"create-reseller", "--db", db, "--company", "Crash", "--name", "C",
                                     "--email", "c@crash.nl"}, std::string(kPassword) + "\n");
      REQUIRE_MESSAGE(code == 0, text);
      Browser b(server.port());
      REQUIRE(b.sign_in("c@crash.nl", kPassword).status == 200);
      cookie = b.cookie;
      csrf = b.csrf_token;
    }
    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&] {
        while (!stop) {
          int n;
          {
            std::lock_guard<std::mutex> lock(mutex);
            n = ++serial;
          }
          const std::string name = "Klant " + std::to_string(n);
          const bool invite = n % 3 == 0;
          json body = {{"product", "m365"}, {"customer_name", name}, {"user_count", 5}};
          if (invite) {
            body["customer_can_edit"] = true;
            body["contact_name"] = "Contact " + std::to_string(n);
            body["contact_email"] = "contact" + std::to_string(n) + "@crash.nl";
          }
          httplib::Client raw("127.0.0.1", server.port());
          raw.set_connection_timeout(1, 0);
          auto r = raw.Post("/api/subscriptions", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}},
                            body.dump(), "application/json");
          if (r && r->status == 201) {
            std::lock_guard<std::mutex> lock(mutex);
            acknowledged.insert(name);
            if (invite) invited.insert(body["contact_email"].get<std::string>());
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 800));
    server.kill_hard();
    stop = true;
    for (auto& t : writers) t.join();

    ConnectionPool pool(db, 1);
    auto check = pool.acquire();
    if (check->engine() == Engine::Sqlite) REQUIRE(query_text(*check, "PRAGMA integrity_check") == "ok");
    auto q = check->prepare("SELECT customer_name FROM subscriptions");
    std::set<std::string> stored;
    while (q->executeStep()) stored.insert(q->getColumn(0).getString());
    for (const std::string& name : acknowledged) REQUIRE_MESSAGE(stored.count(name) == 1, name << " lost in round " << round);
  }
  CHECK(acknowledged.size() > 100);
  MESSAGE(acknowledged.size() << " acknowledged writes survived 20 kill -9 restarts");

  // A last, clean run drains the mail queue.
  ServerProcess server({"--outbox-dir", outbox, "--mail-claim-seconds", "1"}, db);
  std::map<std::string, int> mails;
  for (int i = 0; i < 100; ++i) {
    mails.clear();
    for (const auto& m : read_mail_folder(outbox)) {
      const size_t to = m.find("\r\nTo: ");
      if (to != std::string::npos) ++mails[m.substr(to + 6, m.find("\r\n", to + 6) - to - 6)];
    }
    bool all = true;
    for (const std::string& email : invited) all = all && mails.count(email);
    if (all) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (const std::string& email : invited) CHECK_MESSAGE(mails[email] == 1, email);
}
