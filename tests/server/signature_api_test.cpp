// The signature editor's API against the real server: directory users, CSV import,
// templates with version conflicts, previews, assignment rules and deployment artefacts.
#include <doctest/doctest.h>

#include <thread>

#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

struct Editor {
  ServerProcess server;
  Browser reseller = reseller_browser(server, "Café Brûlé IT", "owner@cafe-it.nl");
  int64_t sub = 0;
  std::string base;

  explicit Editor(const std::string& product = "m365", int seats = 3) {
    sub = reseller.post("/api/subscriptions", {{"product", product}, {"customer_name", "Łódź Sp. z o.o."},
                                               {"user_count", seats}})
              .body["id"];
    base = "/api/subscriptions/" + std::to_string(sub);
  }
  Reply import(const std::string& csv) {
    return reseller.send("POST", base + "/users/import", csv, "text/csv; charset=utf-8",
                         {{"X-CSRF-Token", reseller.csrf_token}});
  }
  json template_body(const std::string& name) {
    return {{"name", name},
            {"style", {{"font_family", "Verdana"}, {"font_size", 13}, {"text_color", "#111827"}, {"link_color", "#1d4ed8"}}},
            {"blocks",
             {{{"type", "text"}, {"text", "{{display_name}}"}, {"bold", true}},
              {{"type", "text"}, {"text", "{{job_title}} · {{company}}"}},
              {{"type", "image"}, {"image_url", "https://cdn.example.com/logo.png"}, {"alt", "Logo"}, {"width", 120}}}}};
  }
};

}  // namespace

TEST_CASE("directory users: add, edit, remove, unique e-mail, the seat limit") {
  Editor e("m365", 2);
  Reply a = e.reseller.post(e.base + "/users", {{"email", "Anna@Lodz.pl"}, {"display_name", "Anna"}});
  REQUIRE(a.status == 201);
  CHECK(a.body["email"] == "anna@lodz.pl");
  CHECK(e.reseller.post(e.base + "/users", {{"email", "anna@lodz.pl"}}).status == 400);
  CHECK(e.reseller.post(e.base + "/users", {{"email", "not-an-address"}}).body["error"]["fields"].contains("email"));
  REQUIRE(e.reseller.post(e.base + "/users", {{"email", "jan@lodz.pl"}}).status == 201);
  Reply full = e.reseller.post(e.base + "/users", {{"email", "third@lodz.pl"}});
  CHECK(full.status == 409);
  CHECK(full.body["error"]["code"] == "seat_limit");
  CHECK(full.body["error"]["message"].get<std::string>().find("has 2 users") != std::string::npos);

  const std::string anna = e.base + "/users/" + std::to_string(a.body["id"].get<int64_t>());
  Reply put = e.reseller.send("PUT", anna, json{{"email", "anna@lodz.pl"}, {"job_title", "<b>Boss</b>"}}.dump(),
                              "application/json", {{"X-CSRF-Token", e.reseller.csrf_token}});
  CHECK(put.status == 200);
  CHECK(put.body["job_title"] == "<b>Boss</b>");  // stored literally, escaped when rendered
  CHECK(e.reseller.get(e.base + "/users?q=BOSS").body["total"] == 1);
  CHECK(e.reseller.del(anna).status == 204);
  CHECK(e.reseller.del(anna).status == 404);
  CHECK(e.reseller.get(e.base + "/users").body["total"] == 1);
}

TEST_CASE("CSV import: BOM and ';' as Dutch Excel writes, bad rows reported, the rest imported") {
  Editor e("m365", 10);
  Reply r = e.import("\xEF\xBB\xBF" "E-mail;Display name;Job title;Department\r\n"
                     "anna@lodz.pl;Anna Kowalska;\"Sales; Export\";Sales\r\n"
                     "broken-address;Nobody;;\r\n"
                     "jan@lodz.pl;Jan;CTO;IT\r\n"
                     "piet@lodz.pl;Piet;;\r\n");
  REQUIRE(r.status == 200);
  CHECK(r.body["created"] == 3);
  CHECK(r.body["updated"] == 0);
  REQUIRE(r.body["errors"].size() == 1);
  CHECK(r.body["errors"][0]["line"] == 3);
  CHECK(r.body["errors"][0]["field"] == "email");
  json users = e.reseller.get(e.base + "/users?sort=email").body;
  CHECK(users["total"] == 3);
  CHECK(users["items"][0]["job_title"] == "Sales; Export");

  Reply again = e.import("email,job_title\nanna@lodz.pl,Head of Sales\n");
  CHECK(again.body["updated"] == 1);
  CHECK(e.reseller.get(e.base + "/users?q=kowalska").body["items"][0]["job_title"] == "Head of Sales");
  CHECK(e.import("name,colour\nx,y\n").status == 400);
  CHECK(e.import("email\n\"never closed\n").status == 400);
  CHECK(e.reseller.send("POST", e.base + "/users/import", "email\na@b.nl\n", "application/json",
                        {{"X-CSRF-Token", e.reseller.csrf_token}}).status == 400);
}

TEST_CASE("CSV import past the seat limit is refused whole, naming the limit") {
  Editor e("m365", 2);
  Reply r = e.import("email\na@lodz.pl\nb@lodz.pl\nc@lodz.pl\n");
  CHECK(r.status == 409);
  CHECK(r.body["error"]["code"] == "seat_limit");
  CHECK(r.body["error"]["message"].get<std::string>().find("2 users") != std::string::npos);
  CHECK(e.reseller.get(e.base + "/users").body["total"] == 0);
}

namespace {
std::string rows_of(int from, int to, const std::string& domain = "lodz.pl") {
  std::string csv;
  for (int i = from; i < to; ++i) csv += "u" + std::to_string(i) + "@" + domain + "\n";
  return csv;
}
}  // namespace

TEST_CASE("CSV import: refused up front when the new rows exceed the free seats, saying how many are free") {
  Editor e("m365", 5);
  REQUIRE(e.import("email\n" + rows_of(0, 3)).status == 200);
  // 2 of the 3 rows below are in the directory already: 4 new ones for 2 free seats.
  const Reply r = e.import("email\n" + rows_of(1, 7));
  CHECK(r.status == 409);
  CHECK(r.body["error"]["code"] == "seat_limit");
  const std::string message = r.body["error"]["message"];
  CHECK(message.find("has 5 users") != std::string::npos);
  CHECK(message.find("2 free") != std::string::npos);
  CHECK(message.find("adds 4") != std::string::npos);
  CHECK(e.reseller.get(e.base + "/users").body["total"] == 3);
  // A file that repeats an address counts it once.
  CHECK(e.import("email,job_title\nu3@lodz.pl,A\nu3@lodz.pl,B\nu4@lodz.pl,C\n").status == 200);
  CHECK(e.reseller.get(e.base + "/users?q=u3@").body["items"][0]["job_title"] == "B");
}

TEST_CASE("CSV import caps: 10,000 rows per file, 100 errors listed, 2 MiB per body") {
  Editor e("m365", 100000);
  const Reply too_many = e.import("email\n" + rows_of(0, 10001));
  CHECK(too_many.status == 400);
  CHECK(too_many.body["error"]["code"] == "validation_failed");
  CHECK(too_many.body["error"]["fields"]["file"].get<std::string>().find("10000") != std::string::npos);
  CHECK(e.reseller.get(e.base + "/users").body["total"] == 0);

  std::string bad = "email\n";
  for (int i = 0; i < 500; ++i) bad += "not-an-address-" + std::to_string(i) + "\n";
  const Reply errors = e.import(bad + "good@lodz.pl\n");
  REQUIRE(errors.status == 200);
  CHECK(errors.body["created"] == 1);
  CHECK(errors.body["errors"].size() == 100);
  CHECK(errors.body["errors_omitted"] == 400);
  CHECK(errors.body["errors"][99]["line"] == 101);

  const std::string big = "email,address\n" + std::string(2 * 1024 * 1024, 'x');
  const Reply large = e.import(big);
  CHECK(large.status == 413);
  CHECK(large.body["error"]["code"] == "payload_too_large");
}

TEST_CASE("templates: create, edit with versions, a stale save is a 409, render for a user") {
  Editor e;
  const int64_t uid = e.reseller.post(e.base + "/users", {{"email", "o'brien@lodz.pl"}, {"display_name", "Seán O'Brien"},
                                                         {"job_title", "<script>x</script>"}}).body["id"];
  Reply created = e.reseller.post(e.base + "/templates", e.template_body("Standard"));
  REQUIRE(created.status == 201);
  CHECK(created.body["version"] == 1);
  CHECK(created.body["is_default"] == true);  // the first template is the default
  const std::string path = e.base + "/templates/" + std::to_string(created.body["id"].get<int64_t>());

  json edit = created.body;
  edit.erase("id");
  edit["name"] = "Standard 2026";
  auto put = [&](const json& body) {
    return e.reseller.send("PUT", path, body.dump(), "application/json", {{"X-CSRF-Token", e.reseller.csrf_token}});
  };
  Reply saved = put(edit);
  CHECK(saved.status == 200);
  CHECK(saved.body["version"] == 2);
  Reply stale = put(edit);  // still says version 1: someone else's save came in between
  CHECK(stale.status == 409);
  CHECK(stale.body["error"]["code"] == "conflict");
  CHECK(e.reseller.get(path).body["name"] == "Standard 2026");

  Reply bad = e.reseller.post(e.base + "/templates", {{"name", "X"}, {"blocks", {{{"type", "text"}, {"text", "{{salary}}"}}}}});
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"]["blocks.0.text"] == "Unknown placeholder {{salary}}.");

  Reply render = e.reseller.get(path + "/render?user=" + std::to_string(uid));
  REQUIRE(render.status == 200);
  const std::string html = render.body["html"];
  CHECK(html.find("Seán O&#39;Brien") != std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(render.body["text"].get<std::string>().find("Łódź Sp. z o.o.") != std::string::npos);
  CHECK(e.reseller.get(path + "/render").status == 400);
}

TEST_CASE("assignment rules are capped: 200 rules, departments of at most 200 characters") {
  Editor e("m365", 10);
  const int64_t t = e.reseller.post(e.base + "/templates", e.template_body("Standard")).body["id"];
  auto put = [&](const json& rules) {
    return e.reseller.send("PUT", e.base + "/template-rules", json{{"rules", rules}}.dump(), "application/json",
                           {{"X-CSRF-Token", e.reseller.csrf_token}});
  };
  json many = json::array();
  for (int i = 0; i < 200; ++i) many.push_back({{"template_id", t}, {"department", "Dept " + std::to_string(i)}});
  CHECK(put(many).status == 200);
  many.push_back({{"template_id", t}, {"department", "One too many"}});
  const Reply too_many = put(many);
  CHECK(too_many.status == 400);
  CHECK(too_many.body["error"]["fields"].contains("rules"));
  const Reply long_name = put(json::array({{{"template_id", t}, {"department", std::string(201, 'd')}}}));
  CHECK(long_name.status == 400);
  CHECK(long_name.body["error"]["fields"].contains("rules.0"));
  CHECK(e.reseller.get(e.base + "/template-rules").body["rules"].size() == 200);  // unchanged
}

TEST_CASE("assignment rules: first match wins, then the default; deployment per product") {
  Editor e("m365", 10);
  REQUIRE(e.import("email,display_name,department\nanna@lodz.pl,Anna,Sales\njan@lodz.pl,Jan,IT\nolga@lodz.pl,Olga O'Neil,Sales\n")
              .status == 200);
  const int64_t standard = e.reseller.post(e.base + "/templates", e.template_body("Standard")).body["id"];
  json sales_body = e.template_body("Sales");
  sales_body["blocks"].push_back({{"type", "disclaimer"}, {"text", "Sales terms apply."}});
  const int64_t sales = e.reseller.post(e.base + "/templates", sales_body).body["id"];
  const int64_t olga = e.reseller.get(e.base + "/users?q=olga").body["items"][0]["id"];
  Reply rules = e.reseller.send("PUT", e.base + "/template-rules",
                                json{{"rules", {{{"template_id", standard}, {"user_id", olga}},
                                                {{"template_id", sales}, {"department", "sales"}}}}}.dump(),
                                "application/json", {{"X-CSRF-Token", e.reseller.csrf_token}});
  REQUIRE(rules.status == 200);

  json d = e.reseller.get(e.base + "/deployment").body;
  CHECK(d["product"] == "m365");
  std::map<std::string, std::string> chosen;
  for (const auto& u : d["users"]) chosen[u["email"]] = u["template"];
  CHECK(chosen["olga@lodz.pl"] == "Standard");  // the user rule comes first
  CHECK(chosen["anna@lodz.pl"] == "Sales");     // department, any case
  CHECK(chosen["jan@lodz.pl"] == "Standard");   // the default
  const std::string ps = d["powershell"];
  CHECK(ps.find("-Identity 'olga@lodz.pl' -SignatureHtml '") != std::string::npos);
  CHECK(ps.find("Olga O''Neil") != std::string::npos);
  CHECK(d["transport_rule"]["html"].get<std::string>().find("%%DisplayName%%") != std::string::npos);

  Reply file = e.reseller.get(e.base + "/deployment?download=1");
  CHECK(file.header("Content-Disposition").find("-exchange.ps1") != std::string::npos);
  CHECK(file.raw == ps);

  Editor g("google_workspace", 5);
  REQUIRE(g.import("email,display_name\nanna@lodz.pl,Anna\n").status == 200);
  REQUIRE(g.reseller.post(g.base + "/templates", g.template_body("Standard")).status == 201);
  json gd = g.reseller.get(g.base + "/deployment").body;
  REQUIRE(gd["gmail"]["requests"].size() == 1);
  CHECK(gd["gmail"]["requests"][0]["sendAsEmail"] == "anna@lodz.pl");
  CHECK(gd["gmail"]["requests"][0]["body"]["signature"].get<std::string>().find("<table") == 0);
}

TEST_CASE("an inactive subscription's editor is read-only for its customers") {
  Editor e;
  REQUIRE(e.reseller.patch(e.base, {{"status", "inactive"}}).status == 200);
  // The reseller still may; the customer (made below through an invitation) may not.
  CHECK(e.reseller.post(e.base + "/users", {{"email", "anna@lodz.pl"}}).status == 201);
  const int64_t sub = e.reseller.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", "Klant"},
                                                             {"user_count", 5}, {"customer_can_edit", true},
                                                             {"contact_name", "K"}, {"contact_email", "k@klant.nl"}}).body["id"];
  std::string token;
  for (int i = 0; i < 100 && token.empty(); ++i) {
    for (const auto& m : read_mail_folder(e.server.outbox_dir())) token = invite_token(m);
    if (token.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Browser customer(e.server.port());
  REQUIRE(customer.post("/api/invitations/" + token + "/accept", {{"name", "K"}, {"password", kPassword}}).status == 201);
  const std::string base = "/api/subscriptions/" + std::to_string(sub);
  CHECK(customer.post(base + "/users", {{"email", "a@klant.nl"}}).status == 201);
  REQUIRE(e.reseller.patch(base, {{"status", "inactive"}}).status == 200);
  Reply refused = customer.post(base + "/users", {{"email", "b@klant.nl"}});
  CHECK(refused.status == 403);
  CHECK(refused.body["error"]["message"].get<std::string>().find("read-only") != std::string::npos);
  CHECK(customer.get(base + "/users").body["total"] == 1);  // reading still works
}
