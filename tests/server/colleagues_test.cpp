// A customer's colleagues, team invitations, bulk resends and CSV export, through the real
// server, its SQLite database and its mail outbox.
#include <doctest/doctest.h>

#include <thread>

#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

// The mail to `to` once the queue has written it; empty after 10 s.
std::string wait_for_mail_to(ServerProcess& server, const std::string& to) {
  for (int i = 0; i < 100; ++i) {
    for (const auto& m : read_mail_folder(server.outbox_dir()))
      if (m.find("To: " + to + "\r\n") != std::string::npos) return m;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return {};
}

json new_subscription(const std::string& name, const std::string& contact_email = "") {
  json body{{"product", "m365"}, {"customer_name", name}, {"user_count", 5}};
  if (!contact_email.empty()) {
    body["customer_can_edit"] = true;
    body["contact_name"] = "Contact of " + name;
    body["contact_email"] = contact_email;
  }
  return body;
}

}  // namespace

TEST_CASE("colleagues: a customer invites a colleague in the customer's language; the reseller sees and revokes") {
  ServerProcess server;
  Browser reseller = reseller_browser(server, "Acme", "owner@acme.nl");
  json body = new_subscription("Bakkerij Zoë", "anna@bakkerij.nl");
  body["language"] = "nl";
  const int64_t id = reseller.post("/api/subscriptions", body).body["id"];
  const std::string contacts = "/api/subscriptions/" + std::to_string(id) + "/contacts";

  Browser anna(server.port());
  const std::string anna_token = invite_token(wait_for_mail_to(server, "anna@bakkerij.nl"));
  REQUIRE(anna.post("/api/invitations/" + anna_token + "/accept", {{"name", "Anna"}, {"password", kPassword}}).status == 201);
  CHECK(anna.get("/api/session").body["user"]["language"] == "nl");  // the subscription's language

  // Validation, then an invitation mailed in Dutch naming who invited.
  Reply bad = anna.post(contacts, {{"name", ""}, {"email", "not an address"}});
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"].contains("name"));
  CHECK(bad.body["error"]["fields"].contains("email"));
  // Someone who already edits this customer's signatures: said at the field. (An address with
  // an account elsewhere is invited like any other: invitation_limits_test.cpp.)
  CHECK(anna.post(contacts, {{"name", "Anna"}, {"email", "anna@bakkerij.nl"}}).body["error"]["fields"].contains("email"));
  REQUIRE(anna.post(contacts, {{"name", "Bram"}, {"email", "Bram@Bakkerij.nl"}}).status == 201);
  const std::string mail = wait_for_mail_to(server, "bram@bakkerij.nl");
  REQUIRE(!mail.empty());
  CHECK(plain_text_part(mail).find("Anna nodigt je uit om samen") != std::string::npos);

  json listed = anna.get(contacts).body;
  REQUIRE(listed["users"].size() == 1);
  CHECK(listed["users"][0]["is_primary"] == true);
  REQUIRE(listed["invitations"].size() == 1);
  CHECK(listed["invitations"][0]["email"] == "bram@bakkerij.nl");

  Browser bram(server.port());
  const std::string bram_token = invite_token(mail);
  const json info = bram.get("/api/invitations/" + bram_token).body;
  CHECK(info["kind"] == "colleague");
  CHECK(info["invited_by"] == "Anna");
  CHECK(info["language"] == "nl");
  Reply joined = bram.post("/api/invitations/" + bram_token + "/accept", {{"name", "Bram"}, {"password", kPassword}});
  REQUIRE(joined.status == 201);
  CHECK(joined.body["user"]["role"] == "customer");
  CHECK(joined.body["user"]["subscription_id"] == id);
  CHECK(bram.get("/api/subscriptions/" + std::to_string(id) + "/users").status == 200);  // the editor
  CHECK(bram.get("/api/billing/summary").status == 403);                                 // never billing

  // The reseller sees both; nobody removes themselves; the reseller revokes Bram.
  listed = reseller.get(contacts).body;
  REQUIRE(listed["users"].size() == 2);
  CHECK(listed["invitations"].empty());
  const int64_t anna_id = anna.get("/api/session").body["user"]["id"];
  const int64_t bram_id = joined.body["user"]["id"];
  CHECK(anna.del(contacts + "/" + std::to_string(anna_id)).status == 409);
  CHECK(reseller.del(contacts + "/" + std::to_string(bram_id)).status == 204);
  CHECK(bram.get("/api/session").status == 401);
  CHECK(reseller.del(contacts + "/" + std::to_string(bram_id)).status == 404);

  // A pending invitation can be revoked; its link is dead afterwards.
  REQUIRE(anna.post(contacts, {{"name", "Carla"}, {"email", "carla@bakkerij.nl"}}).status == 201);
  const std::string carla_token = invite_token(wait_for_mail_to(server, "carla@bakkerij.nl"));
  const int64_t carla_invitation = anna.get(contacts).body["invitations"][0]["id"];
  CHECK(anna.del("/api/subscriptions/" + std::to_string(id) + "/contact-invitations/" + std::to_string(carla_invitation)).status == 204);
  CHECK(Browser(server.port()).get("/api/invitations/" + carla_token).status == 410);

  // Another customer's contacts are out of reach.
  const int64_t other = reseller.post("/api/subscriptions", new_subscription("Other B.V.")).body["id"];
  CHECK(anna.get("/api/subscriptions/" + std::to_string(other) + "/contacts").status == 404);
  // No colleagues where customers may not edit.
  CHECK(reseller.post("/api/subscriptions/" + std::to_string(other) + "/contacts", {{"name", "X"}, {"email", "x@other.nl"}}).status == 409);
  // Resending the contact's invitation leaves colleagues' links alone (and is refused: accepted).
  CHECK(reseller.post("/api/subscriptions/" + std::to_string(id) + "/invitation", json::object()).status == 409);
}

TEST_CASE("team invitations: listed until accepted, and the owner can revoke one") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  REQUIRE(owner.post("/api/team", {{"name", "Bea Billing"}, {"email", "bea@acme.nl"}, {"role", "billing"}}).status == 201);
  const std::string token = invite_token(wait_for_mail_to(server, "bea@acme.nl"));
  REQUIRE(!token.empty());
  const json pending = owner.get("/api/team").body["invitations"];
  REQUIRE(pending.size() == 1);
  CHECK(pending[0]["role"] == "billing");
  CHECK(pending[0]["email"] == "bea@acme.nl");
  const std::string revoke = "/api/team/invitations/" + std::to_string(pending[0]["id"].get<int64_t>());
  CHECK(owner.del(revoke).status == 204);
  CHECK(owner.del(revoke).status == 404);
  CHECK(owner.get("/api/team").body["invitations"].empty());
  CHECK(Browser(server.port()).get("/api/invitations/" + token).status == 410);
}

TEST_CASE("bulk resend and CSV export of the whole table or a selection") {
  ServerProcess server;
  Browser reseller = reseller_browser(server, "Acme", "owner@acme.nl");
  const int64_t a = reseller.post("/api/subscriptions", new_subscription("Café Zoë", "zoe@cafe.nl")).body["id"];
  const int64_t b = reseller.post("/api/subscriptions", new_subscription("=HYPERLINK(\"http://evil\")")).body["id"];
  const int64_t c = reseller.post("/api/subscriptions", new_subscription("Cafetaria Noord", "noord@cafetaria.nl")).body["id"];

  Reply bulk = reseller.post("/api/subscriptions/invitations", {{"ids", {a, b, c, 999999}}});
  REQUIRE(bulk.status == 200);
  CHECK(bulk.body["resent"] == json::array({a, c}));
  REQUIRE(bulk.body["skipped"].size() == 2);
  CHECK(bulk.body["skipped"][0]["id"] == b);
  CHECK(bulk.body["skipped"][1]["message"] == "There is no such subscription.");
  CHECK(reseller.post("/api/subscriptions/invitations", {{"ids", json::array()}}).status == 400);
  CHECK(reseller.post("/api/subscriptions/invitations", {{"ids", {"1"}}}).status == 400);

  Reply all = reseller.get("/api/subscriptions?format=csv&sort=customer_name");
  REQUIRE(all.status == 200);
  CHECK(all.header("Content-Type").find("text/csv") != std::string::npos);
  CHECK(all.raw.rfind("id,customer_name,product,user_count,status,next_payment_date", 0) == 0);
  CHECK(all.raw.find("\"'=HYPERLINK(\"\"http://evil\"\")\"") != std::string::npos);  // no formula
  CHECK(all.raw.find("Café Zoë,m365,5,active") != std::string::npos);

  Reply search = reseller.get("/api/subscriptions?format=csv&q=cafe");
  CHECK(search.raw.find("Café Zoë") != std::string::npos);
  CHECK(search.raw.find("Cafetaria Noord") != std::string::npos);
  CHECK(search.raw.find("HYPERLINK") == std::string::npos);

  Reply selected = reseller.get("/api/subscriptions?format=csv&ids=" + std::to_string(c));
  CHECK(selected.raw.find("Cafetaria Noord") != std::string::npos);
  CHECK(selected.raw.find("Café Zoë") == std::string::npos);
  CHECK(reseller.get("/api/subscriptions?format=csv&ids=1,,2").status == 400);
  CHECK(reseller.get("/api/subscriptions?format=xml").status == 400);
  CHECK(reseller.get("/api/subscriptions?ids=1").status == 400);

  Browser other = reseller_browser(server, "Other", "owner@other.nl");
  CHECK(other.get("/api/subscriptions?format=csv&ids=" + std::to_string(a)).raw.find("Café") == std::string::npos);
}

TEST_CASE("password reset e-mails are written in the user's language") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  REQUIRE(owner.patch("/api/me", {{"language", "nl"}}).status == 200);
  CHECK(Browser(server.port()).post("/api/password-reset", {{"email", "owner@acme.nl"}}).status == 202);
  const std::string mail = wait_for_mail_to(server, "owner@acme.nl");
  REQUIRE(!mail.empty());
  CHECK(plain_text_part(mail).find("Iemand (hopelijk jij)") != std::string::npos);
  CHECK(plain_text_part(mail).find("/reset/") != std::string::npos);
}
