// Billing through the real server, moving through a year with `admin run-billing --date`.
#include <doctest/doctest.h>

#include <fstream>

#include "clock.h"
#include "signet/billing.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {
std::string run_billing(ServerProcess& server, const Date& day) {
  auto [code, text] = run_admin({"run-billing", "--db", server.db(), "--date", format_iso(day)}, "");
  REQUIRE_MESSAGE(code == 0, text);
  return text;
}
}  // namespace

TEST_CASE("a year of billing: invoices in arrears, numbering without gaps, idempotent runs, seat changes") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  const Date today = date_from_unix(system_clock()());
  const json monthly = b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Maand B.V."}, {"user_count", 10}}).body;
  const json annual = b.post("/api/subscriptions", {{"product", "google_workspace"}, {"customer_name", "Jaar B.V."},
                                                    {"user_count", 5}, {"billing_cycle", "annual"}}).body;
  CHECK(monthly["billing_cycle"] == "monthly");
  CHECK(annual["billing_cycle"] == "annual");
  const Date first = next_payment(today, BillingCycle::Monthly, today.day);
  CHECK(monthly["next_payment_date"] == format_iso(first));
  CHECK(annual["next_payment_date"] == format_iso(next_payment(today, BillingCycle::Annual, today.day)));
  const std::string path = "/api/subscriptions/" + std::to_string(monthly["id"].get<int64_t>());

  json summary = b.get("/api/billing/summary").body;
  CHECK(summary["currency"] == "EUR");
  CHECK(summary["monthly_recurring_cents"] == 10 * 200 + 5 * 200);
  REQUIRE(summary["upcoming"].size() == 1);  // within 90 days: the monthly one only
  CHECK(summary["upcoming"][0]["amount_cents"] == 2000);

  CHECK(run_billing(server, today).find("0 invoice(s)") != std::string::npos);  // nothing due yet
  run_billing(server, first);
  CHECK(run_billing(server, first).find("0 invoice(s)") != std::string::npos);  // same date again: nothing
  json invoices = b.get("/api/billing/invoices").body;
  REQUIRE(invoices["items"].size() == 1);
  json inv1 = b.get("/api/billing/invoices/" + std::to_string(invoices["items"][0]["id"].get<int64_t>())).body;
  CHECK(inv1["number"] == 1);
  CHECK(inv1["issued_on"] == format_iso(first));
  REQUIRE(inv1["lines"].size() == 1);
  CHECK(inv1["lines"][0]["period_start"] == format_iso(today));
  CHECK(inv1["lines"][0]["period_end"] == format_iso(first));
  CHECK(inv1["subtotal_cents"] == 2000);
  CHECK(inv1["vat_cents"] == 420);
  CHECK(inv1["total_cents"] == 2420);

  // Seat increase: now, prorated (the period is [first, second) and it has not started yet,
  // so the two users cost the whole period). Decrease: from the next renewal.
  const Date second = next_payment(first, BillingCycle::Monthly, today.day);
  json quote = b.get(path + "/seat-quote?user_count=12").body;
  CHECK(quote["immediate"] == true);
  CHECK(quote["amount_cents"] == 400);
  CHECK(b.patch(path, {{"user_count", 12}}).body["user_count"] == 12);
  json down = b.get(path + "/seat-quote?user_count=4").body;
  CHECK(down["immediate"] == false);
  CHECK(down["effective_from"] == format_iso(second));
  json decreased = b.patch(path, {{"user_count", 4}}).body;
  CHECK(decreased["user_count"] == 12);
  CHECK(decreased["pending_user_count"] == 4);
  CHECK(decreased["pending_from"] == format_iso(second));

  run_billing(server, second);
  invoices = b.get("/api/billing/invoices").body;
  REQUIRE(invoices["items"].size() == 2);
  json inv2 = b.get("/api/billing/invoices/" + std::to_string(invoices["items"][0]["id"].get<int64_t>())).body;
  CHECK(inv2["number"] == 2);
  // The period [first, second) started with 10 users; the 2 added ones are the charge.
  CHECK(inv2["subtotal_cents"] == 10 * 200 + 400);
  CHECK(b.get(path).body["user_count"] == 4);
  CHECK(b.get(path).body["pending_user_count"].is_null());

  // A server that was off for months: every missed period is billed, on one invoice.
  const Date year_later = next_payment(today, BillingCycle::Annual, today.day);
  run_billing(server, year_later);
  invoices = b.get("/api/billing/invoices").body;
  REQUIRE(invoices["items"].size() == 3);
  json inv3 = b.get("/api/billing/invoices/" + std::to_string(invoices["items"][0]["id"].get<int64_t>())).body;
  CHECK(inv3["number"] == 3);
  int monthly_lines = 0, annual_lines = 0;
  for (const auto& l : inv3["lines"]) {
    if (l["customer_name"] == "Maand B.V.") {
      ++monthly_lines;
      CHECK(l["amount_cents"] == 4 * 200);
    } else {
      ++annual_lines;
      CHECK(l["amount_cents"] == 5 * 200 * 12);
    }
  }
  CHECK(monthly_lines == 10);  // months 3..12
  CHECK(annual_lines == 1);
  CHECK(inv3["total_cents"] == inv3["subtotal_cents"].get<int64_t>() + inv3["vat_cents"].get<int64_t>());

  Reply csv = b.get("/api/billing/invoices/" + std::to_string(inv3["id"].get<int64_t>()) + "/csv");
  CHECK(csv.header("Content-Type").find("text/csv") == 0);
  CHECK(csv.raw.rfind("invoice_number,issued_on,", 0) == 0);
  CHECK(csv.raw.find("\r\n") != std::string::npos);
  Reply html = b.get("/api/billing/invoices/" + std::to_string(inv3["id"].get<int64_t>()) + "/html");
  CHECK(html.raw.find("<h1>Invoice 3</h1>") != std::string::npos);
}

TEST_CASE("inactive subscriptions are not charged; reactivating starts a new cycle today") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  const Date today = date_from_unix(system_clock()());
  const json s = b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Pauze B.V."}, {"user_count", 3}}).body;
  const std::string path = "/api/subscriptions/" + std::to_string(s["id"].get<int64_t>());
  json off = b.patch(path, {{"status", "inactive"}}).body;
  CHECK(off["next_payment_date"].is_null());
  CHECK(b.get("/api/billing/summary").body["monthly_recurring_cents"] == 0);
  run_billing(server, next_payment(today, BillingCycle::Annual, today.day));
  CHECK(b.get("/api/billing/invoices").body["items"].empty());
  json on = b.patch(path, {{"status", "active"}}).body;
  CHECK(on["next_payment_date"] == format_iso(next_payment(today, BillingCycle::Monthly, today.day)));
  CHECK(b.get("/api/billing/summary?days=30").body["days"] == 30);
  CHECK(b.get("/api/billing/summary?days=7").status == 400);
}

TEST_CASE("the operator's price list and VAT rate replace the built-in ones") {
  TempDir dir;
  {
    std::ofstream(dir.file("prices.json")) << R"({"m365_cents": 350, "google_workspace_cents": 300, "vat_percent": 9})";
  }
  ServerProcess server({"--prices", dir.file("prices.json")});
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Duur B.V."}, {"user_count", 2}});
  CHECK(b.get("/api/billing/summary").body["monthly_recurring_cents"] == 700);
  CHECK(b.get("/api/billing/summary").body["vat_basis_points"] == 900);
}

TEST_CASE("invoice CSV: a customer name that a spreadsheet would run as a formula is written as text") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  const Date today = date_from_unix(system_clock()());
  REQUIRE(b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "=HYPERLINK(\"https://evil.example\")"},
                                        {"user_count", 1}}).status == 201);
  REQUIRE(b.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "@SUM(A1)"}, {"user_count", 1}}).status == 201);
  run_billing(server, next_payment(today, BillingCycle::Monthly, today.day));
  const int64_t id = b.get("/api/billing/invoices").body["items"][0]["id"];
  const std::string csv = b.get("/api/billing/invoices/" + std::to_string(id) + "/csv").raw;
  CHECK(csv.find(",\"'=HYPERLINK(\"\"https://evil.example\"\")\",") != std::string::npos);
  CHECK(csv.find(",'@SUM(A1),") != std::string::npos);
  CHECK(csv.find(",=") == std::string::npos);
  CHECK(csv.find(",@") == std::string::npos);
}

TEST_CASE("seat quotes: support staff learn what a change does, not what it costs") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser support = staff_member(server, owner, "support@acme.nl", "support");
  Browser billing = staff_member(server, owner, "billing@acme.nl", "billing");
  const json s = owner.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Quote B.V."}, {"user_count", 2}}).body;
  const std::string quote = "/api/subscriptions/" + std::to_string(s["id"].get<int64_t>()) + "/seat-quote?user_count=5";
  // Today is the first day of the period: the 3 added users cost the whole period.
  const Reply for_owner = owner.get(quote);
  CHECK(for_owner.body["amount_cents"] == 3 * 200);
  CHECK(for_owner.body["currency"] == "EUR");
  const Reply for_support = support.get(quote);
  REQUIRE(for_support.status == 200);
  CHECK(for_support.body["immediate"] == true);
  CHECK(for_support.body["user_count"] == 5);
  CHECK(for_support.body["amount_cents"].is_null());
  CHECK(for_support.body["currency"].is_null());
  CHECK(billing.get(quote).status == 403);  // billing staff do not change seats
}
