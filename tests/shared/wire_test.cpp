// The wire structs (shared/signet/api/): what the server writes, the apps read back exactly,
// and a body with a field too many, a field missing or a field of the wrong type is refused.
// Runs natively and as WASM, so both sides of the wire read the same way.
#include <doctest/doctest.h>

#include "signet/api/accounts.h"
#include "signet/api/billing.h"
#include "signet/api/deploy.h"
#include "signet/api/signatures.h"
#include "signet/api/subscriptions.h"
#include "signet/api/wire.h"

using namespace signet;
using nlohmann::json;

namespace {
// Every way of spoiling `good` one field at a time: each must be refused by `read`.
template <typename Read>
void refuses_spoilt(const json& good, Read read) {
  REQUIRE(read(good).has_value());
  json extra = good;
  extra["surprise"] = 1;
  CHECK_FALSE(read(extra).has_value());
  for (auto it = good.begin(); it != good.end(); ++it) {
    json missing = good;
    missing.erase(it.key());
    json wrong = good;
    wrong[it.key()] = json::array({"wrong"});
    CAPTURE(it.key());
    CHECK_FALSE(read(wrong).has_value());
    CHECK_FALSE(read(missing).has_value());
  }
  CHECK_FALSE(read(json::array()).has_value());
}
}  // namespace

TEST_CASE("wire: an invoice with its lines, and the billing summary") {
  Invoice inv;
  inv.id = 7;
  inv.number = 2026001;
  inv.issued_on = {2026, 12, 1};
  inv.period_start = {2026, 11, 1};
  inv.period_end = {2026, 12, 1};
  inv.currency = "EUR";
  inv.subtotal_cents = 2000;
  inv.vat_basis_points = 2100;
  inv.vat_cents = 420;
  inv.total_cents = 2420;
  inv.lines.push_back({3, "Café Brûlé", Product::GoogleWorkspace, 10, {2026, 11, 1}, {2026, 12, 1}, "Monthly, 10 users", 2000});
  const json j = to_json(inv);
  const auto back = invoice_from_json(j);
  REQUIRE(back);
  CHECK(to_json(*back) == j);
  CHECK(back->line_count == 1);
  CHECK(back->lines[0].product == Product::GoogleWorkspace);
  json listed = j;  // the list leaves the lines out
  listed.erase("lines");
  CHECK(invoice_from_json(listed));
  refuses_spoilt(j["lines"][0], invoice_line_from_json);
  json listed_page = api::items_of(std::vector<Invoice>{*invoice_from_json(listed)});
  REQUIRE(invoice_list_from_json(listed_page));
  CHECK(invoice_list_from_json(listed_page)->at(0).lines.empty());
  refuses_spoilt(listed_page, invoice_list_from_json);
  json bad_date = j;
  bad_date["issued_on"] = "2026-13-01";
  CHECK_FALSE(invoice_from_json(bad_date));

  BillingSummary s{"EUR", 4200, 2100, 30, {{3, "Café Brûlé", {2026, 12, 26}, 2000}}};
  const json sj = to_json(s);
  REQUIRE(billing_summary_from_json(sj));
  CHECK(to_json(*billing_summary_from_json(sj)) == sj);
  refuses_spoilt(sj, billing_summary_from_json);
  refuses_spoilt(sj["upcoming"][0], upcoming_payment_from_json);
}

TEST_CASE("wire: team, colleagues and the audit log") {
  User owner;
  owner.id = 1;
  owner.email = "anna@cafe.nl";
  owner.name = "Anna";
  owner.role = Role::Reseller;
  owner.reseller_role = "owner";
  TeamList t{{owner}, {{4, "Bob", "bob@cafe.nl", "support", "2026-12-09T10:00:00Z"}}};
  const json tj = to_json(t);
  const auto tb = team_list_from_json(tj);
  REQUIRE(tb);
  CHECK(to_json(*tb) == tj);
  refuses_spoilt(tj["invitations"][0], [](const json& i) {
    return team_list_from_json(json{{"items", json::array()}, {"invitations", json::array({i})}});
  });

  ContactList c{{{9, "Eva", "eva@hoop.nl", true}}, {{5, "Jan", "jan@hoop.nl", "", "2026-12-09T10:00:00Z"}}};
  const json cj = to_json(c);
  CHECK(cj["invitations"][0].count("role") == 0);
  REQUIRE(contact_list_from_json(cj));
  CHECK(to_json(*contact_list_from_json(cj)) == cj);
  refuses_spoilt(cj, contact_list_from_json);

  AuditEntry e{11, "2026-12-02T14:00:00Z", "anna@cafe.nl", "session.create", "", 200, "", "203.0.113.9"};
  const json ej = to_json(e);
  REQUIRE(audit_entry_from_json(ej));
  CHECK(to_json(*audit_entry_from_json(ej)) == ej);
  refuses_spoilt(ej, audit_entry_from_json);

  // The list bodies: {"items":[...]} and nothing else.
  const json page = api::items_of(std::vector<AuditEntry>{e, e});
  REQUIRE(audit_page_from_json(page));
  CHECK(audit_page_from_json(page)->size() == 2);
  refuses_spoilt(page, audit_page_from_json);
  json bad_item = page;
  bad_item["items"][1].erase("outcome");
  CHECK_FALSE(audit_page_from_json(bad_item));
}

TEST_CASE("wire: the seat quote, with and without amounts; the bulk resend") {
  SeatQuote owner{25, true, 677, std::nullopt, std::string("EUR")};
  const json oj = to_json(owner);
  REQUIRE(seat_quote_from_json(oj));
  CHECK(seat_quote_from_json(oj)->amount_cents == 677);
  SeatQuote support{20, false, std::nullopt, Date{2026, 12, 26}, std::nullopt};
  const json sj = to_json(support);
  CHECK(sj["amount_cents"].is_null());
  const auto sb = seat_quote_from_json(sj);
  REQUIRE(sb);
  CHECK_FALSE(sb->amount_cents);
  CHECK(sb->effective_from == Date{2026, 12, 26});
  refuses_spoilt(oj, seat_quote_from_json);

  BulkResendResult b{{3, 5}, {{8, "The customer has already accepted."}}};
  const json bj = to_json(b);
  REQUIRE(bulk_resend_from_json(bj));
  CHECK(to_json(*bulk_resend_from_json(bj)) == bj);
  refuses_spoilt(bj, bulk_resend_from_json);
}

TEST_CASE("wire: assignment rules and the import result") {
  const std::vector<TemplateRule> rules{{1, "Sales", std::nullopt}, {2, "", 42}};
  const json rj = to_json(rules);
  const auto parsed = parse_template_rules(rj);
  REQUIRE(parsed.ok());
  CHECK(to_json(parsed.value) == rj);
  const auto bad = parse_template_rules(json{{"rules", json::array({json{{"department", "Sales"}}, json{{"template_id", 3}}})}});
  CHECK(bad.errors.count("rules.0.template_id") == 1);
  CHECK(bad.errors.count("rules.1") == 1);
  CHECK(parse_template_rules(json::object()).errors.count("rules") == 1);

  ImportResult r{2, 1, {{4, "email", "Enter a valid e-mail address."}}, 0};
  const json ij = to_json(r);
  REQUIRE(import_result_from_json(ij));
  CHECK(to_json(*import_result_from_json(ij)) == ij);
  refuses_spoilt(ij, import_result_from_json);
}

TEST_CASE("wire: the Google Workspace deployment status, as DeployService::status writes it") {
  const json user = {{"email", "ann@soehne.example"}, {"state", "failed"}, {"attempts", 1},
                     {"error", "Delegation denied for ann@soehne.example"}, {"template_id", 4},
                     {"template_version", 2}, {"done_at", "2026-12-04T10:00:02Z"}};
  const json run = {{"id", 9}, {"reason", "connect"}, {"created_at", "2026-12-04T10:00:00Z"}, {"finished_at", nullptr},
                    {"counts", {{"pending", 1}, {"deployed", 0}, {"failed", 1}}}, {"users", {user}}};
  const json status = {{"connected", true}, {"client_email", "deployer@acme.iam.gserviceaccount.com"},
                       {"connected_at", "2026-12-04T10:00:00Z"}, {"run", run}};
  const auto g = google_deployment_from_json(status);
  REQUIRE(g);
  CHECK(g->connected);
  CHECK(g->running());
  REQUIRE(g->run);
  CHECK(g->run->counts.total() == 2);
  REQUIRE(g->run->users.size() == 1);
  CHECK(g->run->users[0].error == std::optional<std::string>("Delegation denied for ann@soehne.example"));
  CHECK(g->run->users[0].template_version == 2);
  refuses_spoilt(status, google_deployment_from_json);
  json spoilt_user = status;
  spoilt_user["run"]["users"][0].erase("state");
  CHECK_FALSE(google_deployment_from_json(spoilt_user));
  json spoilt_counts = status;
  spoilt_counts["run"]["counts"]["surprise"] = 1;
  CHECK_FALSE(google_deployment_from_json(spoilt_counts));

  const json never = {{"connected", false}, {"client_email", nullptr}, {"connected_at", nullptr}, {"run", nullptr}};
  const auto n = google_deployment_from_json(never);
  REQUIRE(n);
  CHECK_FALSE(n->connected);
  CHECK_FALSE(n->run);
  CHECK_FALSE(n->running());
}

TEST_CASE("wire: the Microsoft 365 mail-flow status, strictly") {
  const json user = {{"email", "anna@cafe.test"}, {"template_version", 3}, {"signed_version", 2},
                     {"signed_at", "2026-12-04T10:00:00Z"}, {"messages", 7}};
  const json never = {{"email", "bob@cafe.test"}, {"template_version", 3}, {"signed_version", nullptr},
                      {"signed_at", nullptr}, {"messages", 0}};
  const json status = {{"smart_host", "mail.signet.example"}, {"port", 25}, {"route_header", "X-Signet-Route"},
                       {"route_token", "tok"}, {"milter_listening", true}, {"powershell", "New-TransportRule ..."},
                       {"users", {user, never}}};
  const auto m = mailflow_deployment_from_json(status);
  REQUIRE(m);
  CHECK(m->smart_host == "mail.signet.example");
  CHECK(m->milter_listening);
  REQUIRE(m->users.size() == 2);
  CHECK(m->users[0].signed_version == std::optional<int64_t>(2));
  CHECK(m->users[0].messages == 7);
  CHECK_FALSE(m->users[1].signed_at);
  refuses_spoilt(status, mailflow_deployment_from_json);
  json spoilt_user = status;
  spoilt_user["users"][0]["messages"] = "many";
  CHECK_FALSE(mailflow_deployment_from_json(spoilt_user));
}
