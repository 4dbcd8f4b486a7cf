// Changing and resetting passwords through the real server and its mail outbox.
#include <doctest/doctest.h>

#include <thread>

#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {
std::string wait_for_reset_token(ServerProcess& server) {
  for (int i = 0; i < 100; ++i) {
    for (const auto& m : read_mail_folder(server.outbox_dir()))
      if (auto t = link_token(m, "/reset/"); !t.empty()) return t;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return {};
}
}  // namespace

TEST_CASE("change password: needs the current one, follows the policy, ends the other sessions") {
  ServerProcess server;
  Browser here = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser elsewhere(server.port());
  REQUIRE(elsewhere.sign_in("owner@acme.nl", kPassword).status == 200);

  Reply wrong = here.post("/api/session/password", {{"current_password", "not it at all"}, {"new_password", "a brand new passphrase"}});
  CHECK(wrong.status == 400);
  CHECK(wrong.body["error"]["fields"].contains("current_password"));
  Reply weak = here.post("/api/session/password", {{"current_password", kPassword}, {"new_password", "short"}});
  CHECK(weak.body["error"]["fields"].contains("new_password"));
  CHECK(here.post("/api/session/password", {{"current_password", kPassword}, {"new_password", "a brand new passphrase"}}).status == 204);

  CHECK(here.get("/api/session").status == 200);       // this device stays signed in
  CHECK(elsewhere.get("/api/session").status == 401);  // the other one is out
  CHECK(Browser(server.port()).sign_in("owner@acme.nl", kPassword).status == 401);
  CHECK(Browser(server.port()).sign_in("owner@acme.nl", "a brand new passphrase").status == 200);
}

TEST_CASE("password reset: no hint whether the address exists, a single-use link, all sessions end") {
  ServerProcess server;
  Browser signed_in = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser anon(server.port());
  CHECK(anon.post("/api/password-reset", {{"email", "nobody@acme.nl"}}).status == 202);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(read_mail_folder(server.outbox_dir()).empty());  // nothing sent, nothing told

  CHECK(anon.post("/api/password-reset", {{"email", "Owner@Acme.nl"}}).status == 202);
  const std::string token = wait_for_reset_token(server);
  REQUIRE(!token.empty());
  // The link names its account (the reset screen shows it; password managers save under it).
  const auto shown = anon.get("/api/password-reset/" + token);
  CHECK(shown.status == 200);
  CHECK(shown.body.value("email", "") == "owner@acme.nl");
  CHECK(anon.post("/api/password-reset/" + token, {{"password", "short"}}).status == 400);
  CHECK(anon.post("/api/password-reset/" + token, {{"password", "my reset passphrase 2026"}}).status == 204);
  CHECK(anon.get("/api/password-reset/" + token).status == 410);
  CHECK(anon.get("/api/password-reset/unknownTokenValue").status == 410);
  CHECK(anon.post("/api/password-reset/" + token, {{"password", "another passphrase 2026"}}).status == 410);
  CHECK(anon.post("/api/password-reset/unknownTokenValue", {{"password", "another passphrase 2026"}}).status == 410);
  CHECK(signed_in.get("/api/session").status == 401);
  CHECK(Browser(server.port()).sign_in("owner@acme.nl", "my reset passphrase 2026").status == 200);
}

TEST_CASE("teams: the owner invites a support colleague who cannot open billing; removal ends their sessions") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  CHECK(owner.post("/api/team", {{"name", "Sam"}, {"email", "sam@acme.nl"}, {"role", "wizard"}}).status == 400);
  REQUIRE(owner.post("/api/team", {{"name", "Sam Support"}, {"email", "Sam@Acme.nl"}, {"role", "support"}}).status == 201);
  std::string token;
  for (int i = 0; i < 100 && token.empty(); ++i) {
    for (const auto& m : read_mail_folder(server.outbox_dir())) token = invite_token(m);
    if (token.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(!token.empty());
  Browser sam(server.port());
  const json info = sam.get("/api/invitations/" + token).body;
  CHECK(info["kind"] == "team");
  CHECK(info["reseller_role"] == "support");
  CHECK(info["reseller_name"] == "Acme");
  Reply joined = sam.post("/api/invitations/" + token + "/accept", {{"name", "Sam Support"}, {"password", kPassword}});
  REQUIRE(joined.status == 201);
  CHECK(joined.body["user"]["role"] == "reseller");
  CHECK(joined.body["user"]["reseller_role"] == "support");

  const int64_t id = owner.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Team B.V."}, {"user_count", 3}}).body["id"];
  CHECK(sam.get("/api/subscriptions").body["total"] == 1);
  CHECK(sam.patch("/api/subscriptions/" + std::to_string(id), {{"user_count", 5}}).status == 200);
  CHECK(sam.patch("/api/subscriptions/" + std::to_string(id), {{"status", "inactive"}}).status == 403);
  CHECK(sam.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "No"}, {"user_count", 1}}).status == 403);
  CHECK(sam.get("/api/billing/summary").status == 403);
  CHECK(sam.get("/api/team").status == 403);

  const json members = owner.get("/api/team").body["items"];
  REQUIRE(members.size() == 2);
  const int64_t sam_id = joined.body["user"]["id"];
  CHECK(owner.del("/api/team/" + std::to_string(owner.get("/api/session").body["user"]["id"].get<int64_t>())).status == 409);
  CHECK(owner.del("/api/team/" + std::to_string(sam_id)).status == 204);
  CHECK(sam.get("/api/session").status == 401);
  CHECK(Browser(server.port()).sign_in("sam@acme.nl", kPassword).status == 401);
}

TEST_CASE("language: a profile setting, the default for new customers, and the invitation's language") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  CHECK(owner.get("/api/session").body["user"]["language"] == "en");
  CHECK(owner.patch("/api/me", {{"language", "de"}}).status == 400);
  Reply me = owner.patch("/api/me", {{"language", "nl"}, {"name", "Olga de Vries"}, {"phone", "+31 20 123 4567"}});
  CHECK(me.status == 200);
  CHECK(me.body["language"] == "nl");
  CHECK(me.body["phone"] == "+31 20 123 4567");
  CHECK(owner.get("/api/session").body["user"]["phone"] == "+31 20 123 4567");
  CHECK(owner.get("/api/session").body["user"]["name"] == "Olga de Vries");

  // Default: the reseller's language (now Dutch); explicit English wins.
  const json nl = owner.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Bakkerij"}, {"user_count", 2},
                                                    {"customer_can_edit", true}, {"contact_name", "Jan"}, {"contact_email", "jan@bakkerij.nl"}}).body;
  CHECK(nl["language"] == "nl");
  const json en = owner.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Bakery"}, {"user_count", 2},
                                                    {"customer_can_edit", true}, {"contact_name", "John"}, {"contact_email", "john@bakery.co.uk"},
                                                    {"language", "en"}}).body;
  CHECK(en["language"] == "en");
  std::vector<std::string> mail;
  for (int i = 0; i < 100 && mail.size() < 2; ++i) {
    mail = read_mail_folder(server.outbox_dir());
    if (mail.size() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(mail.size() == 2);
  for (const auto& m : mail) {
    if (m.find("To: jan@bakkerij.nl") != std::string::npos)
      CHECK(plain_text_part(m).find("nodigt je uit") != std::string::npos);
    else
      CHECK(plain_text_part(m).find("has invited you") != std::string::npos);
  }
}
