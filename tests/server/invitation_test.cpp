// Invitations end to end through a real SMTP server (aiosmtpd) and the real signet-server.
#include <doctest/doctest.h>

#include <thread>

#include "services/invitation_service.h"
#include "services/service_error.h"
#include "services/subscription_service.h"
#include "test_support.h"
#include "sql_probe.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {
json editable(const std::string& customer, const std::string& contact_email,
              const std::string& product = "m365") {
  return {{"product", product}, {"customer_name", customer}, {"user_count", 10},
          {"customer_can_edit", true}, {"contact_name", "Jan Kowalski"}, {"contact_email", contact_email}};
}

std::string header(const std::string& message, const std::string& name) {
  const std::string m = "\r\n" + message;
  const size_t p = m.find("\r\n" + name + ": ");
  if (p == std::string::npos) return {};
  const size_t start = p + name.size() + 4;
  return m.substr(start, m.find("\r\n", start) - start);
}

// Polls the subscription until its invitation e-mail reaches `state`.
json wait_for_delivery(Browser& b, int64_t id, const std::string& state, int seconds = 15) {
  json s;
  for (int i = 0; i < seconds * 10; ++i) {
    s = b.get("/api/subscriptions/" + std::to_string(id)).body;
    if (s["invitation_delivery"] == state) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return s;
}
}  // namespace

TEST_CASE("the invitation e-mail arrives by SMTP, its link signs the customer up, and the wall holds") {
  const int smtp_port = free_port();
  SmtpSink smtp(smtp_port);
  ServerProcess server({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port), "--base-url",
                        "http://portal.example.test", "--mail-from", "Signet <noreply@signet.example>"});
  Browser reseller = reseller_browser(server, "Café Brûlé IT", "owner@cafe-it.nl");
  const json created = reseller.post("/api/subscriptions", editable("Łódź Sp. z o.o.", "Jan@Lodz.pl")).body;
  const int64_t id = created["id"];
  CHECK(created["invitation_status"] == "pending");

  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  const std::string& m = mail[0];
  CHECK(header(m, "X-Envelope-To") == "jan@lodz.pl");
  CHECK(header(m, "X-Envelope-From") == "noreply@signet.example");
  CHECK(header(m, "Subject") == "You're invited to Signatures for Microsoft 365");
  CHECK(header(m, "From") == "Signet <noreply@signet.example>");
  CHECK(m.find("Content-Type: text/html; charset=UTF-8") != std::string::npos);
  const std::string text = plain_text_part(m);
  CHECK(text.find("Café Brûlé IT") != std::string::npos);
  CHECK(text.find("http://portal.example.test/invite/") != std::string::npos);
  const std::string token = invite_token(m);
  REQUIRE(token.size() >= 22);  // >= 128 bits
  CHECK(wait_for_delivery(reseller, id, "sent")["invitation_delivery"] == "sent");

  Browser customer(server.port());
  Reply info = customer.get("/api/invitations/" + token);
  CHECK(info.status == 200);
  CHECK(info.body["customer_name"] == "Łódź Sp. z o.o.");
  CHECK(info.body["product"] == "m365");
  CHECK(info.body["contact_email"] == "jan@lodz.pl");
  CHECK(info.body["reseller_name"] == "Café Brûlé IT");

  Reply weak = customer.post("/api/invitations/" + token + "/accept", {{"name", "Jan"}, {"password", "short"}});
  CHECK(weak.status == 400);
  CHECK(weak.body["error"]["fields"].contains("password"));
  Reply accepted = customer.send("POST", "/api/invitations/" + token + "/accept",
                                 json{{"name", "Jan Kowalski"}, {"phone", "+48 42 123 45 67"}, {"password", kPassword}}.dump(),
                                 "application/json");
  REQUIRE(accepted.status == 201);
  CHECK(accepted.body["user"]["role"] == "customer");
  CHECK(accepted.body["user"]["email"] == "jan@lodz.pl");
  CHECK(accepted.body["user"]["subscription_id"] == id);

  // Single use.
  CHECK(Browser(server.port()).get("/api/invitations/" + token).status == 410);
  CHECK(Browser(server.port()).post("/api/invitations/" + token + "/accept",
                                    {{"name", "Mallory"}, {"password", kPassword}}).status == 410);
  CHECK(reseller.get("/api/subscriptions/" + std::to_string(id)).body["invitation_status"] == "accepted");

  // Later visits: sign in with the e-mail address as user name.
  Browser again(server.port());
  REQUIRE(again.sign_in("jan@lodz.pl", kPassword).status == 200);
  CHECK(again.get("/api/session").body["user"]["subscription_id"] == id);
  Reply own = again.get("/api/subscriptions/" + std::to_string(id) + "/editor-info");
  CHECK(own.status == 200);
  CHECK(own.body["customer_name"] == "Łódź Sp. z o.o.");
  CHECK_FALSE(own.body.contains("next_payment_date"));
  // Never billing, never the reseller's list, never another customer.
  CHECK(again.get("/api/subscriptions").status == 403);
  CHECK(again.get("/api/subscriptions/" + std::to_string(id)).status == 403);
  CHECK(again.post("/api/subscriptions", editable("Evil", "e@evil.nl")).status == 403);
  const int64_t other = reseller.post("/api/subscriptions", editable("Other B.V.", "x@other.nl")).body["id"];
  CHECK(again.get("/api/subscriptions/" + std::to_string(other) + "/editor-info").status == 404);
}

TEST_CASE("SMTP down when the subscription is created: created at once, mail delivered once it is up") {
  const int smtp_port = free_port();  // nothing listens here yet
  ServerProcess server({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port), "--mail-retry-seconds", "1"});
  Browser reseller = reseller_browser(server, "Acme", "owner@acme.nl");
  const auto started = std::chrono::steady_clock::now();
  Reply created = reseller.post("/api/subscriptions", editable("Down B.V.", "jan@down.nl", "google_workspace"));
  CHECK(created.status == 201);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  const int64_t id = created.body["id"];
  CHECK(wait_for_delivery(reseller, id, "retrying")["invitation_delivery"] == "retrying");

  SmtpSink smtp(smtp_port);
  const auto mail = smtp.wait_for(1, 30);
  REQUIRE(mail.size() == 1);
  CHECK(header(mail[0], "Subject") == "You're invited to Signatures for Google Workspace");
  CHECK(wait_for_delivery(reseller, id, "sent")["invitation_delivery"] == "sent");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  CHECK(smtp.wait_for(2, 0).size() == 1);  // delivered once, not again
}

TEST_CASE("a refusing or slow SMTP server never slows or fails creating subscriptions") {
  const int refusing_port = free_port();
  SmtpSink refusing(refusing_port, "refuse");
  ServerProcess server({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(refusing_port), "--mail-retry-seconds", "1"});
  Browser reseller = reseller_browser(server, "Acme", "owner@acme.nl");
  Reply created = reseller.post("/api/subscriptions", editable("Refused B.V.", "jan@refused.nl"));
  REQUIRE(created.status == 201);
  CHECK(wait_for_delivery(reseller, created.body["id"], "retrying")["invitation_delivery"] == "retrying");
  CHECK(refusing.wait_for(1, 0).empty());

  const int slow_port = free_port();
  SmtpSink slow(slow_port, "slow");
  ServerProcess patient({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(slow_port)});
  Browser r2 = reseller_browser(patient, "Beta", "b@beta.nl");
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    CHECK(r2.post("/api/subscriptions", editable("Slow " + std::to_string(i), "s" + std::to_string(i) + "@slow.nl")).status == 201);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  }
}

TEST_CASE("resend issues a new link and kills the old one; outbox mode writes .eml files") {
  ServerProcess server;  // no --smtp-url: the outbox folder
  Browser reseller = reseller_browser(server, "Acme", "owner@acme.nl");
  const int64_t id = reseller.post("/api/subscriptions", editable("Resend B.V.", "jan@resend.nl")).body["id"];
  auto wait_outbox = [&](size_t n) {
    std::vector<std::string> mail;
    for (int i = 0; i < 100 && mail.size() < n; ++i) {
      mail = read_mail_folder(server.outbox_dir());
      if (mail.size() < n) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return mail;
  };
  auto first = wait_outbox(1);
  REQUIRE(first.size() == 1);
  const std::string old_token = invite_token(first[0]);
  CHECK(reseller.post("/api/subscriptions/" + std::to_string(id) + "/invitation", json::object()).status == 202);
  auto both = wait_outbox(2);
  REQUIRE(both.size() == 2);
  std::string new_token = invite_token(both[1]);
  if (new_token == old_token) new_token = invite_token(both[0]);
  CHECK(new_token != old_token);
  Browser anon(server.port());
  CHECK(anon.get("/api/invitations/" + old_token).status == 410);
  CHECK(anon.get("/api/invitations/" + new_token).status == 200);
  CHECK(anon.get("/api/invitations/unknown-token").status == 404);

  // Nothing to resend when customers may not edit.
  const int64_t plain = reseller.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Plain"},
                                                             {"user_count", 1}}).body["id"];
  CHECK(reseller.post("/api/subscriptions/" + std::to_string(plain) + "/invitation", json::object()).status == 409);
}

TEST_CASE("invitation links expire after seven days and the reseller sees 'expired'") {
  TempDir dir;
  ManualClock time;
  ConnectionPool pool(dir.database("inv.db"));
  PasswordHasher hasher(2);
  AuthService auth(pool, hasher, time.clock());
  std::vector<int> notified;
  InvitationService invitations(pool, auth, time.clock(), {"http://p.test", "Signet <n@p.test>"},
                                [&] { notified.push_back(1); });
  BillingService billing(pool, time.clock(), PriceList{});
  SubscriptionService subs(pool, time.clock(), invitations, billing);
  auth.create_reseller({"Acme", "Olga", "olga@acme.nl", kPassword});
  const Actor a = auth.sign_in({"olga@acme.nl", kPassword}).actor;
  NewSubscription r;
  r.customer_name = "Later B.V.";
  r.customer_can_edit = true;
  r.contact_name = "Jan";
  r.contact_email = "jan@later.nl";
  const Subscription s = subs.create(a, r);
  std::string token;
  {
    auto c = pool.acquire();
    token = invite_token(query_text(*c, "SELECT body FROM mail_queue"));
  }
  REQUIRE(!token.empty());
  time.now += 7 * 24 * 3600 - 1;
  CHECK(invitations.lookup(token).customer_name == "Later B.V.");
  time.now += 1;
  CHECK_THROWS_AS(invitations.lookup(token), ServiceError);
  CHECK_THROWS_AS(invitations.accept(token, {"Jan", "", kPassword}), ServiceError);
  CHECK(subs.get(a, s.id).invitation_status == InvitationStatus::Expired);
  invitations.resend(a, s.id);
  CHECK(subs.get(a, s.id).invitation_status == InvitationStatus::Pending);
}

TEST_CASE("a delivered mail no longer holds the link in the database") {
  ServerProcess server;
  Browser reseller = reseller_browser(server, "Acme", "owner@acme.nl");
  const int64_t id = reseller.post("/api/subscriptions", editable("Stored B.V.", "jan@stored.nl")).body["id"];
  CHECK(wait_for_delivery(reseller, id, "sent")["invitation_delivery"] == "sent");
  ConnectionPool reader(server.db(), 1);
  auto db = reader.acquire();
  CHECK(query_int(*db, "SELECT COUNT(*) FROM mail_queue WHERE body != '' OR note IS NOT NULL") == 0);
}
