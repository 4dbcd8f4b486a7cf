// Every API route against every kind of caller, generated from the route table itself, so
// a new route is covered the moment it exists.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <thread>

#include "route_services.h"
#include "signet/dates.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

struct RouteInfo {
  std::string method, pattern;
  Access access;
  Csrf csrf;
};

// The route table as the server builds it (the services are not called).
std::vector<RouteInfo> route_table() {
  RouteServices s;
  std::vector<RouteInfo> out;
  for (const Route& r : api_routes(s.services)) out.push_back({r.method, r.pattern, r.access, r.csrf});
  return out;
}

// A concrete path: the first id is `subscription_id`, a second one the id of a fresh
// object of the named kind made for this cell (so a DELETE in one cell cannot spoil the
// next), tokens a well-formed unknown token.
std::string concrete(const std::string& pattern, int64_t subscription_id, int64_t invoice_id, Browser& owner,
                     ServerProcess& server) {
  static const std::string id = R"((\d+))";
  static int serial = 0;
  std::string p = pattern;
  const bool invoice = p.rfind("/api/billing/invoices/", 0) == 0;
  const bool team_invitation = p.rfind("/api/team/invitations/", 0) == 0;
  const bool team = !team_invitation && p.rfind("/api/team/", 0) == 0;
  int64_t first_id = invoice ? invoice_id : subscription_id;
  if (team_invitation) {  // a fresh pending invitation
    const std::string email = "invitee" + std::to_string(++serial) + "@alpha.nl";
    REQUIRE(owner.post("/api/team", {{"name", "Invitee"}, {"email", email}, {"role", "billing"}}).status == 201);
    first_id = owner.get("/api/team").body["invitations"].back()["id"];
  }
  if (team) {  // a fresh colleague for each cell, so a removal cannot spoil the next one
    Browser colleague = staff_member(server, owner, "staff" + std::to_string(++serial) + "@alpha.nl", "support");
    first_id = colleague.get("/api/session").body["user"]["id"];
  }
  if (auto first = p.find(id); first != std::string::npos)
    p.replace(first, id.size(), std::to_string(first_id));
  if (auto second = p.find(id); second != std::string::npos) {
    const std::string base = "/api/subscriptions/" + std::to_string(subscription_id);
    int64_t object = 0;
    const std::string colleague = "colleague" + std::to_string(++serial) + "@alpha-klant.nl";
    if (p.find("/users/") != std::string::npos) {
      object = owner.post(base + "/users", {{"email", "u" + std::to_string(++serial) + "@matrix.nl"}}).body["id"];
    } else if (p.find("/contacts/") != std::string::npos) {  // a colleague who accepted
      REQUIRE(owner.post(base + "/contacts", {{"name", "Colleague"}, {"email", colleague}}).status == 201);
      Browser b(server.port());
      const Reply joined = b.post("/api/invitations/" + mailed_token(server, colleague) + "/accept",
                                  {{"name", "Colleague"}, {"password", kPassword}});
      REQUIRE(joined.status == 201);
      object = joined.body["user"]["id"];
    } else if (p.find("/contact-invitations/") != std::string::npos) {
      REQUIRE(owner.post(base + "/contacts", {{"name", "Colleague"}, {"email", colleague}}).status == 201);
      object = owner.get(base + "/contacts").body["invitations"].back()["id"];
    } else
      object = owner.post(base + "/templates",
                          {{"name", "T" + std::to_string(++serial)}, {"blocks", {{{"type", "text"}, {"text", "{{email}}"}}}}})
                   .body["id"];
    p.replace(second, id.size(), std::to_string(object));
  }
  return std::regex_replace(p, std::regex(R"(\(\[A-Za-z0-9_-\]\{1,128\}\))"), "unknownTokenValue");
}

std::string accept_invitation(ServerProcess& server, Browser& reseller, const std::string& customer,
                              const std::string& email, int64_t& subscription_id) {
  subscription_id = reseller.post("/api/subscriptions",
                                  {{"product", "m365"}, {"customer_name", customer}, {"user_count", 1000},
                                   {"customer_can_edit", true}, {"contact_name", "C"}, {"contact_email", email}})
                        .body["id"];
  const std::string token = mailed_token(server, email);
  return token;
}

// Two resellers, each with a subscription whose customer contact has signed in.
struct TwoTenants {
  ServerProcess server;
  Browser reseller_a = reseller_browser(server, "Alpha", "a@alpha.nl");
  Browser reseller_b = reseller_browser(server, "Beta", "b@beta.nl");
  int64_t sub_a = 0, sub_b = 0;
  Browser customer_a{server.port()}, customer_b{server.port()};

  TwoTenants() {
    const std::string token_a = accept_invitation(server, reseller_a, "Alpha Klant", "klant@alpha-klant.nl", sub_a);
    const std::string token_b = accept_invitation(server, reseller_b, "Beta Klant", "klant@beta-klant.nl", sub_b);
    REQUIRE(customer_a.post("/api/invitations/" + token_a + "/accept", {{"name", "Ca"}, {"password", kPassword}}).status == 201);
    REQUIRE(customer_b.post("/api/invitations/" + token_b + "/accept", {{"name", "Cb"}, {"password", kPassword}}).status == 201);
  }
};

}  // namespace

TEST_CASE_FIXTURE(TwoTenants, "role matrix: anonymous, reseller A and B, customer of A and of B, on every route") {
  Browser anonymous(server.port());
  Browser billing_a = staff_member(server, reseller_a, "billing@alpha.nl", "billing");
  Browser support_a = staff_member(server, reseller_a, "support@alpha.nl", "support");
  // Bill A's subscription once (40 days from now) so that A has an invoice to ask for.
  const Date later = from_days(to_days(date_from_unix(system_clock()())) + 40);
  REQUIRE(run_admin({"run-billing", "--db", server.db(), "--date", format_iso(later)}, "").first == 0);
  const json invoices = reseller_a.get("/api/billing/invoices").body;
  REQUIRE(invoices["items"].size() == 1);
  const int64_t invoice_a = invoices["items"][0]["id"];

  struct Caller {
    const char* name;
    Browser* browser;
    enum { Anonymous, OwnerReseller, BillingStaff, SupportStaff, OtherReseller, OwnCustomer, OtherCustomer } kind;
  };
  const std::vector<Caller> callers = {{"anonymous", &anonymous, Caller::Anonymous},
                                       {"reseller A (owner)", &reseller_a, Caller::OwnerReseller},
                                       {"billing staff of A", &billing_a, Caller::BillingStaff},
                                       {"support staff of A", &support_a, Caller::SupportStaff},
                                       {"reseller B", &reseller_b, Caller::OtherReseller},
                                       {"customer of A", &customer_a, Caller::OwnCustomer},
                                       {"customer of B", &customer_b, Caller::OtherCustomer}};

  auto routes = route_table();
  REQUIRE(routes.size() >= 10);
  // Signing out last, so every other cell runs with a live session.
  std::stable_partition(routes.begin(), routes.end(),
                        [](const RouteInfo& r) { return !(r.method == "DELETE" && r.pattern == "/api/session"); });

  for (const RouteInfo& route : routes) {
    for (const Caller& caller : callers) {
      const std::string path = concrete(route.pattern, sub_a, invoice_a, reseller_a, server);  // ids are A's
      Browser& b = *caller.browser;
      const Reply r = route.method == "GET"      ? b.get(path)
                      : route.method == "DELETE" ? b.del(path)
                                                 : b.send(route.method, path, "{}", "application/json",
                                                          {{"X-CSRF-Token", b.csrf_token}});
      const int got = r.status;
      const std::string cell = route.method + " " + path + " as " + caller.name + " -> " + std::to_string(got);
      CHECK_MESSAGE(got < 500, cell);
      const bool has_id = route.pattern.find(R"((\d+))") != std::string::npos;
      const bool allowed_cell = got != 401 && got != 403 && got != 404;
      const bool customer = caller.kind == Caller::OwnCustomer || caller.kind == Caller::OtherCustomer;
      // Which staff roles each reseller level admits (the owner always).
      const bool role_ok =
          caller.kind == Caller::OwnerReseller || caller.kind == Caller::OtherReseller ||
          route.access == Access::Reseller ||
          (route.access == Access::ResellerManage && caller.kind == Caller::SupportStaff) ||
          (route.access == Access::ResellerBilling && caller.kind == Caller::BillingStaff) ||
          (route.access == Access::SubscriptionMember && caller.kind == Caller::SupportStaff);
      switch (route.access) {
        case Access::Public:
          CHECK_MESSAGE((got != 401 && got != 403), cell);
          break;
        case Access::SignedIn:
          if (caller.kind == Caller::Anonymous) CHECK_MESSAGE(got == 401, cell);
          else CHECK_MESSAGE((got != 401 && got != 403), cell);
          break;
        case Access::Reseller:
        case Access::ResellerManage:
        case Access::ResellerBilling:
        case Access::ResellerOwner:
          if (caller.kind == Caller::Anonymous) CHECK_MESSAGE(got == 401, cell);
          else if (customer) CHECK_MESSAGE(got == 403, cell);
          else if (caller.kind == Caller::OtherReseller && has_id) CHECK_MESSAGE(got == 404, cell);
          else if (!role_ok) CHECK_MESSAGE(got == 403, cell);
          else CHECK_MESSAGE(allowed_cell, cell);
          break;
        case Access::SubscriptionMember:
          if (caller.kind == Caller::Anonymous) CHECK_MESSAGE(got == 401, cell);
          else if (caller.kind == Caller::OtherReseller || caller.kind == Caller::OtherCustomer)
            CHECK_MESSAGE(got == 404, cell);
          else if (caller.kind == Caller::BillingStaff) CHECK_MESSAGE(got == 403, cell);
          else CHECK_MESSAGE(allowed_cell, cell);
          break;
      }
    }
  }
}

namespace {

bool changes_state(const std::string& method) { return method != "GET"; }

// A body each state-changing route accepts (for a caller allowed to use it), so that a cell
// gets past parsing to the checks inside the handler. Routes without a body get none.
std::string valid_body(const RouteInfo& route) {
  static int serial = 0;
  const std::string& p = route.pattern;
  const std::string n = std::to_string(++serial);
  const auto ends = [&p](const std::string& tail) { return p.size() >= tail.size() && p.compare(p.size() - tail.size(), tail.size(), tail) == 0; };
  if (route.method == "DELETE") return "";
  if (ends("/users/(\\d+)")) return json{{"email", "renamed" + n + "@matrix.nl"}}.dump();
  if (ends("/templates/(\\d+)"))
    return json{{"name", "Renamed " + n}, {"version", 1}, {"blocks", {{{"type", "text"}, {"text", "{{email}}"}}}}}.dump();
  return "{}";
}

}  // namespace

TEST_CASE("CSRF: every state-changing route refuses a request without the token, except the few that open a session") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Alpha", "a@alpha.nl");
  int64_t sub = 0;
  const std::string token = accept_invitation(server, owner, "Alpha Klant", "klant@alpha-klant.nl", sub);
  // The routes that need no token: they have no session to protect yet (sign-in, links).
  const std::set<std::string> exempt = {"POST /api/session", "POST /api/password-reset",
                                        "POST /api/password-reset/([A-Za-z0-9_-]{1,128})",
                                        "POST /api/setup/([A-Za-z0-9_-]{1,128})",
                                        "POST /api/invitations/([A-Za-z0-9_-]{1,128})/accept"};
  std::set<std::string> seen_exempt;
  int walked = 0;
  for (const RouteInfo& route : route_table()) {
    if (!changes_state(route.method)) continue;
    const std::string name = route.method + " " + route.pattern;
    if (route.csrf == Csrf::Exempt) {
      seen_exempt.insert(name);
      continue;
    }
    const std::string path = concrete(route.pattern, sub, 0, owner, server);
    for (const std::string& sent : {std::string(), std::string("not-the-token")}) {
      httplib::Headers headers;
      if (!sent.empty()) headers.emplace("X-CSRF-Token", sent);
      const Reply r = owner.send(route.method, path, valid_body(route), "application/json", headers);
      CHECK_MESSAGE(r.status == 403, name << " with token '" << sent << "' -> " << r.status);
      CHECK_MESSAGE(r.body["error"]["code"] == "csrf_failed", name);
    }
    ++walked;
  }
  CHECK(walked >= 15);
  CHECK(seen_exempt == exempt);  // a new route is not exempt by accident
  CHECK(owner.get("/api/session").status == 200);  // DELETE /api/session without a token ended nothing
}

TEST_CASE_FIXTURE(TwoTenants, "role matrix, mixed ownership: one's own subscription with another tenant's object ids") {
  Browser& a = reseller_a;
  Browser& b = reseller_b;
  const std::string base_a = "/api/subscriptions/" + std::to_string(sub_a);
  const std::string base_b = "/api/subscriptions/" + std::to_string(sub_b);
  const int64_t user_a = a.post(base_a + "/users", {{"email", "someone@alpha-klant.nl"}}).body["id"];
  const int64_t template_b = b.post(base_b + "/templates", {{"name", "B"}, {"blocks", {{{"type", "text"}, {"text", "{{email}}"}}}}}).body["id"];
  const int64_t user_b = b.post(base_b + "/users", {{"email", "someone@beta-klant.nl"}}).body["id"];

  int mixed_routes = 0;
  for (const RouteInfo& route : route_table()) {
    if (route.pattern.rfind(R"(/api/subscriptions/(\d+)/)", 0) != 0) continue;
    const size_t first = route.pattern.find(R"((\d+))");
    if (route.pattern.find(R"((\d+))", first + 1) == std::string::npos) continue;  // one id only
    // A's subscription and a fresh object of A; then the same object under B's subscription.
    const std::string own = concrete(route.pattern, sub_a, 0, a, server);
    std::string mixed = own;
    mixed.replace(0, base_a.size(), base_b);
    const std::string query = route.pattern.find("/render") != std::string::npos ? "?user=" + std::to_string(user_a) : "";
    const std::string body = valid_body(route);
    for (Browser* caller : {&b, &customer_b}) {
      const Reply r = caller->send(route.method, mixed + query, body, "application/json", {{"X-CSRF-Token", caller->csrf_token}});
      CHECK_MESSAGE(r.status == 404, route.method << " " << mixed << query << " -> " << r.status << " " << r.raw);
    }
    // The object was there and the body was good: its own reseller gets the route done.
    const Reply done = a.send(route.method, own + query, body, "application/json", {{"X-CSRF-Token", a.csrf_token}});
    CHECK_MESSAGE(done.status < 300, route.method << " " << own << query << " -> " << done.status << " " << done.raw);
    ++mixed_routes;
  }
  CHECK(mixed_routes >= 7);

  // Ids inside queries and bodies: A's user in B's preview, A's objects in B's rules.
  CHECK(b.get(base_b + "/templates/" + std::to_string(template_b) + "/render?user=" + std::to_string(user_a)).status == 404);
  CHECK(b.get(base_b + "/templates/" + std::to_string(template_b) + "/render?user=" + std::to_string(user_b)).status == 200);
  const int64_t template_a = a.post(base_a + "/templates", {{"name", "A"}, {"blocks", {{{"type", "text"}, {"text", "x"}}}}}).body["id"];
  auto rules = [&](const json& r) {
    return b.send("PUT", base_b + "/template-rules", json{{"rules", r}}.dump(), "application/json", {{"X-CSRF-Token", b.csrf_token}});
  };
  CHECK(rules(json::array({{{"template_id", template_a}, {"department", "Sales"}}})).status == 400);
  CHECK(rules(json::array({{{"template_id", template_b}, {"user_id", user_a}}})).status == 400);
  CHECK(rules(json::array({{{"template_id", template_b}, {"user_id", user_b}}})).status == 200);

  // Bulk resend and export with another tenant's ids: skipped, not touched, not shown.
  int64_t pending_a = 0;
  const std::string link_a = accept_invitation(server, a, "Alpha Wacht", "wacht@alpha-klant.nl", pending_a);
  const Reply bulk = b.post("/api/subscriptions/invitations", {{"ids", {pending_a, sub_b}}});
  REQUIRE(bulk.status == 200);
  CHECK(bulk.body["resent"].empty());  // B's own was accepted: skipped for that reason
  REQUIRE(bulk.body["skipped"].size() == 2);
  CHECK(bulk.body["skipped"][0]["id"] == pending_a);
  CHECK(bulk.body["skipped"][0]["message"] == "There is no such subscription.");
  CHECK(Browser(server.port()).get("/api/invitations/" + link_a).status == 200);  // not replaced by a resend
  const Reply csv = b.get("/api/subscriptions?format=csv&ids=" + std::to_string(pending_a) + "," + std::to_string(sub_a));
  CHECK(csv.status == 200);
  CHECK(csv.raw.find("Alpha") == std::string::npos);
}

TEST_CASE("role matrix, checks inside handlers: support staff may change seats, not the status") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Alpha", "a@alpha.nl");
  Browser support = staff_member(server, owner, "support@alpha.nl", "support");
  const int64_t id = owner.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Klant"}, {"user_count", 3}}).body["id"];
  const std::string path = "/api/subscriptions/" + std::to_string(id);
  CHECK(support.patch(path, {{"user_count", 4}}).status == 200);
  CHECK(support.patch(path, {{"status", "inactive"}}).status == 403);
  CHECK(owner.get(path).body["status"] == "active");
  CHECK(owner.patch(path, {{"status", "inactive"}}).status == 200);
}
