// Invitations sent by people: they end when their sender is removed, they do not reveal who
// has an account elsewhere, and there are only so many.
#include <doctest/doctest.h>

#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

// A subscription whose customer may edit, and its contact signed in by the mailed link.
struct Customer {
  int64_t id = 0;
  std::string contacts;
  Browser browser;
};
Customer customer_of(ServerProcess& server, Browser& reseller, const std::string& name, const std::string& email) {
  Customer c{0, "", Browser(server.port())};
  c.id = reseller.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", name}, {"user_count", 100},
                                               {"customer_can_edit", true}, {"contact_name", "Contact"},
                                               {"contact_email", email}})
             .body["id"];
  c.contacts = "/api/subscriptions/" + std::to_string(c.id) + "/contacts";
  REQUIRE(c.browser.post("/api/invitations/" + mailed_token(server, email) + "/accept",
                         {{"name", "Contact"}, {"password", kPassword}}).status == 201);
  return c;
}

int link_status(ServerProcess& server, const std::string& email) {
  return Browser(server.port()).get("/api/invitations/" + mailed_token(server, email)).status;
}

}  // namespace

TEST_CASE("removing a person revokes the team and colleague invitations they sent") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  // A second owner invites someone to the team, then is removed: that link dies with them.
  Browser olga = staff_member(server, owner, "olga@acme.nl", "owner");
  REQUIRE(olga.post("/api/team", {{"name", "Tim"}, {"email", "tim@acme.nl"}, {"role", "billing"}}).status == 201);
  CHECK(link_status(server, "tim@acme.nl") == 200);
  Customer klant = customer_of(server, owner, "Klant B.V.", "karin@klant.nl");
  REQUIRE(olga.post(klant.contacts, {{"name", "Kees"}, {"email", "kees@klant.nl"}}).status == 201);
  CHECK(link_status(server, "kees@klant.nl") == 200);
  const int64_t olga_id = olga.get("/api/session").body["user"]["id"];
  REQUIRE(owner.del("/api/team/" + std::to_string(olga_id)).status == 204);
  CHECK(link_status(server, "tim@acme.nl") == 410);
  CHECK(link_status(server, "kees@klant.nl") == 410);
  CHECK(owner.get("/api/team").body["invitations"].empty());

  // A customer's colleague invites another, then is removed by the contact: the same.
  REQUIRE(klant.browser.post(klant.contacts, {{"name", "Bram"}, {"email", "bram@klant.nl"}}).status == 201);
  Browser bram(server.port());
  REQUIRE(bram.post("/api/invitations/" + mailed_token(server, "bram@klant.nl") + "/accept",
                    {{"name", "Bram"}, {"password", kPassword}}).status == 201);
  REQUIRE(bram.post(klant.contacts, {{"name", "Cor"}, {"email", "cor@klant.nl"}}).status == 201);
  REQUIRE(klant.browser.post(klant.contacts, {{"name", "Dirk"}, {"email", "dirk@klant.nl"}}).status == 201);
  const int64_t bram_id = bram.get("/api/session").body["user"]["id"];
  REQUIRE(klant.browser.del(klant.contacts + "/" + std::to_string(bram_id)).status == 204);
  CHECK(link_status(server, "cor@klant.nl") == 410);
  CHECK(link_status(server, "dirk@klant.nl") == 200);  // the contact's own invitation stays
  const json pending = klant.browser.get(klant.contacts).body["invitations"];
  REQUIRE(pending.size() == 1);
  CHECK(pending[0]["email"] == "dirk@klant.nl");
}

TEST_CASE("inviting an address that has an account elsewhere answers as for any new address") {
  ServerProcess server;
  Browser alpha = reseller_browser(server, "Alpha", "owner@alpha.nl");
  reseller_browser(server, "Beta", "owner@beta.nl");
  Customer klant = customer_of(server, alpha, "Klant B.V.", "karin@klant.nl");

  const Reply known = alpha.post("/api/team", {{"name", "Someone"}, {"email", "owner@beta.nl"}, {"role", "support"}});
  const Reply fresh = alpha.post("/api/team", {{"name", "Someone"}, {"email", "nobody@beta.nl"}, {"role", "support"}});
  CHECK(known.status == 201);
  CHECK(known.raw == fresh.raw);
  const Reply known_colleague = klant.browser.post(klant.contacts, {{"name", "Someone"}, {"email", "owner@beta.nl"}});
  const Reply fresh_colleague = klant.browser.post(klant.contacts, {{"name", "Someone"}, {"email", "nobody2@beta.nl"}});
  CHECK(known_colleague.status == 201);
  CHECK(known_colleague.raw == fresh_colleague.raw);
  // The address's owner learns it at the link; the inviter learns nothing.
  Browser beta_owner(server.port());
  const Reply accepted = beta_owner.post("/api/invitations/" + mailed_token(server, "owner@beta.nl") + "/accept",
                                         {{"name", "Someone"}, {"password", kPassword}});
  CHECK(accepted.status == 409);
  // Within one's own team or customer the list shows them anyway: that is said plainly.
  const Reply member = alpha.post("/api/team", {{"name", "Me"}, {"email", "owner@alpha.nl"}, {"role", "support"}});
  CHECK(member.status == 400);
  CHECK(member.body["error"]["fields"].contains("email"));
  const Reply colleague = klant.browser.post(klant.contacts, {{"name", "Karin"}, {"email", "karin@klant.nl"}});
  CHECK(colleague.status == 400);
  CHECK(colleague.body["error"]["fields"].contains("email"));
}

TEST_CASE("invitations are capped per sender and per subscription") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser support = staff_member(server, owner, "support@acme.nl", "support");
  Browser support2 = staff_member(server, owner, "support2@acme.nl", "support");
  // Per sender: 20 an hour (the two above included).
  for (int i = 2; i < 20; ++i)
    REQUIRE(owner.post("/api/team", {{"name", "P"}, {"email", "p" + std::to_string(i) + "@acme.nl"}, {"role", "support"}}).status == 201);
  const Reply team_limited = owner.post("/api/team", {{"name", "P"}, {"email", "p20@acme.nl"}, {"role", "support"}});
  CHECK(team_limited.status == 429);
  CHECK(!team_limited.header("Retry-After").empty());

  // Per subscription: at most 50 waiting at once, whoever sends them.
  Customer klant = customer_of(server, owner, "Klant B.V.", "karin@klant.nl");
  int sent = 0;
  for (Browser* b : {&support, &support2, &klant.browser})
    for (int i = 0; i < 20 && sent < 50; ++i, ++sent)
      REQUIRE(b->post(klant.contacts, {{"name", "C"}, {"email", "c" + std::to_string(sent) + "@klant.nl"}}).status == 201);
  const Reply full = klant.browser.post(klant.contacts, {{"name", "C"}, {"email", "c50@klant.nl"}});
  CHECK(full.status == 409);
  CHECK(full.body["error"]["code"] == "conflict");
  // Revoking one makes room.
  const int64_t one = klant.browser.get(klant.contacts).body["invitations"][0]["id"];
  REQUIRE(klant.browser.del("/api/subscriptions/" + std::to_string(klant.id) + "/contact-invitations/" + std::to_string(one)).status == 204);
  CHECK(klant.browser.post(klant.contacts, {{"name", "C"}, {"email", "c50@klant.nl"}}).status == 201);
}
