// Two real signet-server processes on one PostgreSQL database, as behind a load balancer:
// what one server writes, the other sees at once, and work that must happen once (a mail, a
// billing run) happens once whichever server does it. PostgreSQL only (the "postgres" suite):
// an SQLite file belongs to one server.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "signet/dates.h"
#include "sql_probe.h"
#include "storage/connection_pool.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

// Two servers of one new database (sharing its secret key, see ServerProcess).
struct TwoServers {
  explicit TwoServers(const std::vector<std::string>& args = {}) : a((require_postgres(), args)), b(args, a.db()) {}
  ServerProcess a, b;
};

// A browser on `port` that carries `from`'s session: the same cookie, the same CSRF token.
Browser same_session(int port, const Browser& from) {
  Browser b(port);
  b.cookie = from.cookie;
  b.csrf_token = from.csrf_token;
  return b;
}

json subscription(const std::string& customer) {
  return {{"product", "m365"}, {"customer_name", customer}, {"user_count", 5}};
}

}  // namespace

TEST_SUITE("postgres") {

TEST_CASE("two servers: a session from one works on the other, and signing out on either ends it") {
  TwoServers s;
  Browser on_a = reseller_browser(s.a, "Acme", "owner@acme.nl");
  Browser on_b = same_session(s.b.port(), on_a);
  REQUIRE(on_b.get("/api/session").status == 200);

  // Written on B with A's CSRF token; found by a search on A within the next request, though
  // A's customer-name index was built before the row existed.
  CHECK(on_a.get("/api/subscriptions?q=zonnebloem").body["items"].empty());
  REQUIRE(on_b.post("/api/subscriptions", subscription("De Zonnebloem B.V.")).status == 201);
  const json found = on_a.get("/api/subscriptions?q=zonnebloem").body["items"];
  REQUIRE(found.size() == 1);
  CHECK(found[0]["customer_name"] == "De Zonnebloem B.V.");

  CHECK(on_b.del("/api/session").status == 204);
  CHECK(on_a.get("/api/session").status == 401);
  CHECK(on_b.get("/api/session").status == 401);
}

TEST_CASE("two servers: a password change on one ends the other sessions on both") {
  TwoServers s;
  Browser here = reseller_browser(s.a, "Acme", "owner@acme.nl");
  Browser elsewhere_a = Browser(s.a.port());
  REQUIRE(elsewhere_a.sign_in("owner@acme.nl", kPassword).status == 200);
  Browser elsewhere_b = same_session(s.b.port(), elsewhere_a);
  Browser here_on_b = same_session(s.b.port(), here);
  REQUIRE(elsewhere_b.get("/api/session").status == 200);
  REQUIRE(here_on_b.post("/api/session/password", {{"current_password", kPassword}, {"new_password", "a brand new passphrase"}})
              .status == 204);
  CHECK(here.get("/api/session").status == 200);
  CHECK(elsewhere_a.get("/api/session").status == 401);
  CHECK(elsewhere_b.get("/api/session").status == 401);
  CHECK(Browser(s.a.port()).sign_in("owner@acme.nl", "a brand new passphrase").status == 200);
}

TEST_CASE("two servers: failed sign-ins count together; the lockout holds on both") {
  TwoServers s;
  reseller_browser(s.a, "Acme", "owner@acme.nl");
  // Five wrong passwords are allowed per account, and the sixth starts the lockout: three on A
  // and three on B add up to that.
  for (int i = 0; i < 6; ++i) {
    Browser guess(i % 2 == 0 ? s.a.port() : s.b.port());
    CHECK(guess.sign_in("owner@acme.nl", "wrong password " + std::to_string(i)).status == 401);
  }
  Browser next_a(s.a.port()), next_b(s.b.port());
  const Reply on_b = next_b.sign_in("owner@acme.nl", "wrong password 7");
  CHECK(on_b.status == 429);
  CHECK_FALSE(on_b.header("Retry-After").empty());
  // Locked on A too, even with the right password.
  CHECK(next_a.sign_in("owner@acme.nl", kPassword).status == 429);
}

TEST_CASE("two servers: 200 invitations created across both reach the SMTP server once each") {
  const int smtp_port = free_port();
  SmtpSink smtp(smtp_port);
  TwoServers s({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port)});
  Browser on_a = reseller_browser(s.a, "Acme", "owner@acme.nl");
  Browser on_b = same_session(s.b.port(), on_a);
  std::vector<std::thread> creators;
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t)
    creators.emplace_back([&, t] {
      Browser b = same_session(t % 2 == 0 ? s.a.port() : s.b.port(), on_a);
      for (int i = t; i < 200; i += 4) {
        json body = subscription("Klant " + std::to_string(i));
        body["customer_can_edit"] = true;
        body["contact_name"] = "Contact " + std::to_string(i);
        body["contact_email"] = "contact" + std::to_string(i) + "@klant.nl";
        if (b.post("/api/subscriptions", body).status == 201) ++created;
      }
    });
  for (auto& t : creators) t.join();
  REQUIRE(created == 200);

  std::vector<std::string> mail = smtp.wait_for(200, 60);
  // Both servers' queues had a chance to send anything twice.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  mail = smtp.wait_for(200, 1);
  std::map<std::string, int> per_recipient;
  for (const std::string& m : mail) {
    const size_t at = m.find("X-Envelope-To: ");
    REQUIRE(at != std::string::npos);
    ++per_recipient[m.substr(at + 15, m.find("\r\n", at) - at - 15)];
  }
  CHECK(mail.size() == 200);
  CHECK(per_recipient.size() == 200);
  for (const auto& [to, n] : per_recipient) CHECK_MESSAGE(n == 1, to << " got " << n << " mails");
  CHECK(on_b.get("/api/subscriptions?q=klant%20199").body["items"][0]["invitation_delivery"] == "sent");
}

TEST_CASE("two servers: creates on both while both search; afterwards each finds every one") {
  TwoServers s;
  Browser on_a = reseller_browser(s.a, "Acme", "owner@acme.nl");
  // Each search brings that server's name index up to the highest id committed so far: a row
  // committed later under a lower id would be missed by it for good.
  std::atomic<bool> creating{true};
  std::thread searcher([&] {
    Browser a = same_session(s.a.port(), on_a), b = same_session(s.b.port(), on_a);
    while (creating) {
      a.get("/api/subscriptions?q=bakkerij");
      b.get("/api/subscriptions?q=bakkerij");
    }
  });
  std::atomic<int> created{0};
  std::vector<std::thread> creators;
  for (int t = 0; t < 6; ++t)
    creators.emplace_back([&, t] {
      Browser b = same_session(t % 2 == 0 ? s.a.port() : s.b.port(), on_a);
      for (int i = t; i < 150; i += 6)
        if (b.post("/api/subscriptions", subscription("Bakkerij " + std::to_string(i))).status == 201) ++created;
    });
  for (auto& t : creators) t.join();
  creating = false;
  searcher.join();
  REQUIRE(created == 150);
  CHECK(on_a.get("/api/subscriptions?q=bakkerij").body["total"] == 150);
  CHECK(same_session(s.b.port(), on_a).get("/api/subscriptions?q=bakkerij").body["total"] == 150);
}

TEST_CASE("two servers: directory users added on both at once stop at the subscription's seats") {
  TwoServers s;
  Browser on_a = reseller_browser(s.a, "Acme", "owner@acme.nl");
  const Reply sub = on_a.post("/api/subscriptions", subscription("De Zonnebloem B.V."));  // 5 seats
  REQUIRE(sub.status == 201);
  const std::string users = "/api/subscriptions/" + std::to_string(sub.body["id"].get<int64_t>()) + "/users";
  std::atomic<int> added{0}, refused{0};
  std::vector<std::thread> adders;
  for (int t = 0; t < 4; ++t)
    adders.emplace_back([&, t] {
      Browser b = same_session(t % 2 == 0 ? s.a.port() : s.b.port(), on_a);
      for (int i = 0; i < 4; ++i) {
        const std::string who = "user" + std::to_string(t) + "-" + std::to_string(i);
        const Reply r = b.post(users, {{"email", who + "@zonnebloem.nl"}, {"display_name", who}});
        if (r.status == 201) ++added;
        if (r.status == 409 && r.body["error"]["code"] == "seat_limit") ++refused;
      }
    });
  for (auto& t : adders) t.join();
  CHECK(added == 5);
  CHECK(refused == 11);
  CHECK(on_a.get(users).body["total"] == 5);
}

TEST_CASE("two servers: billing runs for one date started together give one invoice per reseller") {
  TwoServers s;
  Browser acme = reseller_browser(s.a, "Acme", "owner@acme.nl");
  Browser globex = reseller_browser(s.b, "Globex", "owner@globex.nl");
  for (int i = 0; i < 20; ++i) {
    REQUIRE(acme.post("/api/subscriptions", subscription("Acme klant " + std::to_string(i))).status == 201);
    REQUIRE(globex.post("/api/subscriptions", subscription("Globex klant " + std::to_string(i))).status == 201);
  }
  const std::string day = format_iso(from_days(to_days(date_from_unix(system_clock()())) + 40));
  std::vector<std::thread> runs;
  std::vector<std::pair<int, std::string>> results(4);
  for (int i = 0; i < 4; ++i)
    runs.emplace_back([&, i] { results[i] = run_admin({"run-billing", "--db", s.a.db(), "--date", day}, ""); });
  for (auto& t : runs) t.join();
  int invoices_reported = 0;
  for (const auto& [code, text] : results) {
    REQUIRE_MESSAGE(code == 0, text);
    invoices_reported += std::stoi(text.substr(text.find(": ") + 2));
  }
  CHECK(invoices_reported == 2);  // one run did the work; the others found it done

  for (Browser* b : {&acme, &globex}) {
    const json items = b->get("/api/billing/invoices").body["items"];
    REQUIRE(items.size() == 1);
    CHECK(items[0]["line_count"] == 20);
  }
  ConnectionPool pool(s.a.db(), 1);
  auto c = pool.acquire();
  CHECK(query_int(*c, "SELECT COUNT(*) FROM invoices") == 2);
  CHECK(query_int(*c, "SELECT COUNT(*) FROM invoice_lines") == 40);
}

TEST_CASE("two servers: kill -9 one of them twenty times under writes; nothing is lost, the other serves on") {
  const int smtp_port = free_port();
  SmtpSink smtp(smtp_port);
  // A dead server's claim on a mail runs out after 2 s; the survivor then sends it.
  const std::vector<std::string> flags = {"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port),
                                          "--mail-claim-seconds", "2"};
  require_postgres();
  ServerProcess survivor(flags);
  const Browser session = reseller_browser(survivor, "Crash", "owner@crash.nl");
  std::mutex mutex;
  std::set<std::string> acknowledged, invited;
  int serial = 0, survivor_refusals = 0;
  std::mt19937 random(4242);

  for (int round = 0; round < 20; ++round) {
    ServerProcess victim(flags, survivor.db());
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
      writers.emplace_back([&, w] {
        const bool to_survivor = w % 2 == 0;
        httplib::Client client("127.0.0.1", to_survivor ? survivor.port() : victim.port());
        client.set_connection_timeout(1, 0);
        while (!stop) {
          int n;
          {
            std::lock_guard<std::mutex> lock(mutex);
            n = ++serial;
          }
          json body = subscription("Klant " + std::to_string(n));
          const bool invite = n % 2 == 0;
          if (invite) {
            body["customer_can_edit"] = true;
            body["contact_name"] = "Contact " + std::to_string(n);
            body["contact_email"] = "contact" + std::to_string(n) + "@crash.nl";
          }
          auto r = client.Post("/api/subscriptions", {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf_token}},
                               body.dump(), "application/json");
          std::lock_guard<std::mutex> lock(mutex);
          if (r && r->status == 201) {
            acknowledged.insert(body["customer_name"]);
            if (invite) invited.insert(body["contact_email"]);
          } else if (to_survivor) {
            ++survivor_refusals;
          }
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + random() % 700));
    victim.kill_hard();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the survivor goes on meanwhile
    stop = true;
    for (auto& t : writers) t.join();
  }
  CHECK(survivor_refusals == 0);
  REQUIRE(acknowledged.size() > 100);
  {
    ConnectionPool pool(survivor.db(), 1);
    auto c = pool.acquire();
    auto q = c->prepare("SELECT customer_name FROM subscriptions");
    std::set<std::string> stored;
    while (q->executeStep()) stored.insert(q->getColumn(0).getString());
    for (const std::string& name : acknowledged) REQUIRE_MESSAGE(stored.count(name) == 1, name << " lost");
  }

  // Every invitation arrives. A mail can go out twice only if its server died after sending it
  // and before noting that: at most the one mail in flight per kill.
  std::map<std::string, int> per_recipient;
  for (int second = 0; second < 60; ++second) {
    per_recipient.clear();
    for (const std::string& m : smtp.wait_for(invited.size(), 1)) {
      const size_t at = m.find("X-Envelope-To: ");
      REQUIRE(at != std::string::npos);
      ++per_recipient[m.substr(at + 15, m.find("\r\n", at) - at - 15)];
    }
    bool all = true;
    for (const std::string& email : invited) all = all && per_recipient.count(email);
    if (all) break;
  }
  int twice = 0;
  for (const std::string& email : invited) {
    CHECK_MESSAGE(per_recipient[email] >= 1, email << " never got its invitation");
    twice += per_recipient[email] - 1;
  }
  CHECK(twice <= 20);
  MESSAGE(acknowledged.size() << " acknowledged writes, " << invited.size() << " invitations delivered, "
                              << twice << " sent twice after 20 kills");
}

}  // TEST_SUITE
