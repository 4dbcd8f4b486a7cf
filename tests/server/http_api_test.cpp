// Talks to a real signet-server process over loopback, as the browser and integrators do.
#include <doctest/doctest.h>

#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {
json new_subscription(const std::string& name, int users = 10) {
  return {{"product", "m365"}, {"customer_name", name}, {"user_count", users}, {"customer_can_edit", false}};
}
}  // namespace

TEST_CASE("first start prints a setup link; setting up signs the first reseller in") {
  ServerProcess server;
  REQUIRE(!server.setup_link().empty());
  Browser b(server.port());
  CHECK(b.get("/api/setup/" + server.setup_link()).status == 200);
  CHECK(b.get("/api/setup/wrongtoken").status == 404);

  Reply bad = b.send("POST", "/api/setup/" + server.setup_link(),
                     json{{"company_name", ""}, {"name", "Olga"}, {"email", "x"}, {"password", "short"}}.dump(),
                     "application/json");
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["code"] == "validation_failed");
  CHECK(bad.body["error"]["fields"].contains("company_name"));
  CHECK(bad.body["error"]["fields"].contains("email"));
  CHECK(bad.body["error"]["fields"].contains("password"));

  Reply ok = b.send("POST", "/api/setup/" + server.setup_link(),
                    json{{"company_name", "Café Brûlé IT"}, {"name", "Olga"}, {"email", "Olga@Cafe.nl"},
                         {"password", kPassword}}.dump(),
                    "application/json");
  CHECK(ok.status == 201);
  CHECK(ok.body["user"]["email"] == "olga@cafe.nl");
  CHECK(ok.body["user"]["role"] == "reseller");
  CHECK(b.get("/api/session").status == 200);
  CHECK(b.get("/api/setup/" + server.setup_link()).status == 410);
}

TEST_CASE("sessions: cookie flags, one message for bad credentials, sign-out ends the session server-side") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser fresh(server.port());
  Reply in = fresh.sign_in("OWNER@acme.nl", kPassword);
  CHECK(in.status == 200);
  const std::string set_cookie = in.header("Set-Cookie");
  CHECK(set_cookie.find("session=") == 0);
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(set_cookie.find("Path=/") != std::string::npos);
  CHECK(in.body["csrf_token"].is_string());
  CHECK(in.body["user"]["role"] == "reseller");

  Reply wrong = Browser(server.port()).sign_in("owner@acme.nl", "wrong password!!");
  Reply unknown = Browser(server.port()).sign_in("nobody@acme.nl", "wrong password!!");
  CHECK(wrong.status == 401);
  CHECK(wrong.body["error"]["code"] == "invalid_credentials");
  CHECK(wrong.body == unknown.body);

  const std::string old_cookie = fresh.cookie;
  CHECK(fresh.del("/api/session").status == 204);
  Browser replay(server.port());
  replay.cookie = old_cookie;  // the server must have forgotten it, not just the browser
  CHECK(replay.get("/api/session").status == 401);
  CHECK(replay.get("/api/session").body["error"]["code"] == "unauthenticated");
}

TEST_CASE("https base URL: __Host- cookie with Secure, and HSTS") {
  ServerProcess server({"--base-url", "https://portal.example.com"});
  run_admin({"create-reseller", "--db", server.db(), "--company", "A", "--name", "A", "--email", "a@a.nl"},
            std::string(kPassword) + "\n");
  Browser b(server.port());
  b.cookie = "";
  Reply in = b.send("POST", "/api/session", json{{"email", "a@a.nl"}, {"password", kPassword}}.dump(),
                    "application/json");
  CHECK(in.header("Set-Cookie").find("__Host-session=") == 0);
  CHECK(in.header("Set-Cookie").find("; Secure") != std::string::npos);
  CHECK(in.header("Strict-Transport-Security").find("max-age=") == 0);
}

TEST_CASE("state-changing requests need the CSRF token; cross-site requests are refused") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  Reply no_token = b.send("POST", "/api/subscriptions", new_subscription("Acme").dump(), "application/json");
  CHECK(no_token.status == 403);
  CHECK(no_token.body["error"]["code"] == "csrf_failed");
  Reply wrong_token = b.send("POST", "/api/subscriptions", new_subscription("Acme").dump(),
                             "application/json", {{"X-CSRF-Token", "guess"}});
  CHECK(wrong_token.status == 403);
  Reply cross = b.send("POST", "/api/subscriptions", new_subscription("Acme").dump(), "application/json",
                       {{"X-CSRF-Token", b.csrf_token}, {"Sec-Fetch-Site", "cross-site"}});
  CHECK(cross.status == 403);
  CHECK(b.get("/api/subscriptions").body["total"] == 0);
  CHECK(b.post("/api/subscriptions", new_subscription("Acme")).status == 201);
}

TEST_CASE("anonymous callers get 401 from every reseller endpoint") {
  ServerProcess server;
  Browser anon(server.port());
  CHECK(anon.get("/api/subscriptions").status == 401);
  CHECK(anon.get("/api/subscriptions/1").status == 401);
  CHECK(anon.post("/api/subscriptions", new_subscription("X")).status == 401);
  CHECK(anon.patch("/api/subscriptions/1", {{"user_count", 3}}).status == 401);
  CHECK(anon.del("/api/session").status == 401);
}

TEST_CASE("create, get, patch and list subscriptions with the contract's shapes") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  Reply created = b.post("/api/subscriptions",
                         {{"product", "google_workspace"}, {"customer_name", " Łódź Sp. z o.o. "},
                          {"user_count", 25}, {"customer_can_edit", true},
                          {"contact_name", "Jan Kowalski"}, {"contact_email", "Jan@Lodz.PL"}});
  REQUIRE(created.status == 201);
  const json& s = created.body;
  for (const char* field : {"id", "customer_name", "product", "user_count", "status", "next_payment_date",
                            "customer_can_edit", "contact_name", "contact_email", "invitation_status",
                            "created_at"})
    CHECK_MESSAGE(s.contains(field), field);
  CHECK(s["customer_name"] == "Łódź Sp. z o.o.");
  CHECK(s["contact_email"] == "jan@lodz.pl");
  CHECK(s["status"] == "active");
  CHECK(s["invitation_status"] == "pending");
  CHECK(s["next_payment_date"].get<std::string>().size() == 10);

  const std::string path = "/api/subscriptions/" + std::to_string(s["id"].get<int64_t>());
  json fetched = b.get(path).body;
  fetched.erase("invitation_delivery");  // the mail queue may have sent it meanwhile
  json expected = s;
  expected.erase("invitation_delivery");
  CHECK(fetched == expected);
  Reply patched = b.patch(path, {{"user_count", 30}, {"status", "inactive"}});
  CHECK(patched.status == 200);
  CHECK(patched.body["user_count"] == 30);
  CHECK(patched.body["status"] == "inactive");
  CHECK(patched.body["next_payment_date"].is_null());
  CHECK(b.patch(path, {{"user_count", 0}}).body["error"]["fields"].contains("user_count"));
  CHECK(b.get("/api/subscriptions/999999").status == 404);
  CHECK(b.get("/api/subscriptions/99999999999999999999").status == 404);
}

TEST_CASE("invalid subscriptions come back as field errors, and nothing is stored") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  Reply r = b.post("/api/subscriptions", {{"product", "outlook"}, {"customer_name", ""}, {"user_count", 0},
                                          {"customer_can_edit", true}, {"contact_email", "nope"}});
  CHECK(r.status == 400);
  CHECK(r.body["error"]["code"] == "validation_failed");
  for (const char* f : {"product", "customer_name", "user_count", "contact_name", "contact_email"})
    CHECK_MESSAGE(r.body["error"]["fields"].contains(f), f);
  CHECK(b.get("/api/subscriptions").body["total"] == 0);
}

TEST_CASE("list: search, status filter, sort and paging") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  for (int i = 1; i <= 12; ++i)
    REQUIRE(b.post("/api/subscriptions", new_subscription("Klant " + std::to_string(100 + i), i)).status == 201);
  REQUIRE(b.post("/api/subscriptions", new_subscription("Café Brûlé B.V.", 50)).status == 201);

  Reply page = b.get("/api/subscriptions?sort=-user_count&per_page=5&page=1");
  CHECK(page.body["total"] == 13);
  REQUIRE(page.body["items"].size() == 5);
  CHECK(page.body["items"][0]["customer_name"] == "Café Brûlé B.V.");
  CHECK(page.body["items"][1]["user_count"] == 12);
  Reply last = b.get("/api/subscriptions?sort=-user_count&per_page=5&page=3");
  CHECK(last.body["items"].size() == 3);
  CHECK(last.body["items"][2]["user_count"] == 1);

  CHECK(b.get("/api/subscriptions?q=cafe%20brule").body["total"] == 1);
  CHECK(b.get("/api/subscriptions?q=KLANT%2010").body["total"] == 9);
  CHECK(b.get("/api/subscriptions?status=inactive").body["total"] == 0);
  CHECK(b.get("/api/subscriptions?sort=password").status == 400);
  CHECK(b.get("/api/subscriptions?per_page=501").status == 400);
}

TEST_CASE("reseller B cannot see or change reseller A's subscriptions") {
  ServerProcess server;
  Browser a = reseller_browser(server, "Alpha", "a@alpha.nl");
  Browser b = reseller_browser(server, "Beta", "b@beta.nl");
  const int64_t id = a.post("/api/subscriptions", new_subscription("Alpha's customer")).body["id"];
  const std::string path = "/api/subscriptions/" + std::to_string(id);
  CHECK(b.get("/api/subscriptions").body["total"] == 0);
  CHECK(b.get(path).status == 404);
  CHECK(b.patch(path, {{"user_count", 1}}).status == 404);
  CHECK(a.get(path).body["user_count"] == 10);
}

TEST_CASE("malformed requests get 4xx with the error shape, never a 500") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  const httplib::Headers csrf = {{"X-CSRF-Token", b.csrf_token}};
  auto code = [](const Reply& r) { return r.body["error"]["code"].get<std::string>(); };

  Reply broken = b.send("POST", "/api/subscriptions", "{\"product\":", "application/json", csrf);
  CHECK(broken.status == 400);
  CHECK(code(broken) == "bad_request");
  CHECK(b.send("POST", "/api/subscriptions", "product=m365", "application/x-www-form-urlencoded", csrf).status == 400);
  CHECK(b.send("POST", "/api/subscriptions", "\"\xff\xfe\"", "application/json", csrf).status == 400);
  CHECK(b.send("POST", "/api/subscriptions", std::string(100000, '[') + std::string(100000, ']'),
               "application/json", csrf).status == 400);
  CHECK(b.send("POST", "/api/subscriptions", "[1,2,3]", "application/json", csrf).status == 400);
  Reply huge = b.send("POST", "/api/subscriptions", "{\"x\":\"" + std::string(2 << 20, 'a') + "\"}",
                      "application/json", csrf);
  CHECK(huge.status == 413);

  Reply injected = b.post("/api/subscriptions", new_subscription("'); DROP TABLE subscriptions;--<b>"));
  CHECK(injected.status == 201);
  CHECK(b.get("/api/subscriptions?q=drop%20table").body["items"][0]["customer_name"] ==
        "'); DROP TABLE subscriptions;--<b>");
  CHECK(b.post("/api/subscriptions", new_subscription(std::string("nul\0byte", 8))).status == 400);
  CHECK(b.get("/api/nothing-here").status == 404);
  CHECK(code(b.get("/api/nothing-here")) == "not_found");
}

TEST_CASE("chunked request bodies cannot bypass the size limit") {
  ServerProcess server;
  httplib::Client raw("127.0.0.1", server.port());
  auto r = raw.Post("/api/session", [](size_t, httplib::DataSink& sink) {
    std::string part(64 * 1024, ' ');
    for (int i = 0; i < 4; ++i) sink.write(part.data(), part.size());
    sink.done();
    return true;
  }, "application/json");
  REQUIRE(r);
  CHECK(r->status == 411);
}

TEST_CASE("static files, deep links and security headers") {
  ServerProcess server;
  Browser b(server.port());
  Reply root = b.get("/");
  CHECK(root.status == 200);
  CHECK(root.raw.find("portal shell") != std::string::npos);
  Reply deep = b.get("/setup/abc123");
  CHECK(deep.raw.find("portal shell") != std::string::npos);
  CHECK(deep.header("Cache-Control") == "no-cache");
  CHECK(b.get("/invite/xyz").raw.find("customer shell") != std::string::npos);
  CHECK(b.get("/editor/").raw.find("customer shell") != std::string::npos);
  Reply wasm = b.get("/app.wasm");
  CHECK(wasm.header("Content-Type") == "application/wasm");
  CHECK(b.get("/missing.js").status == 404);
  CHECK(b.get("/../../etc/passwd").status != 200);
  for (const Reply& r : {root, wasm, b.get("/api/session")}) {
    const std::string csp = r.header("Content-Security-Policy");
    CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("object-src 'none'") != std::string::npos);
    CHECK(csp.find("base-uri 'none'") != std::string::npos);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    CHECK(r.header("Referrer-Policy") == "no-referrer");
  }
}

TEST_CASE("SIGTERM stops the server cleanly and the data is kept") {
  TempDir dir;
  const std::string db = dir.database("keep.db");
  {
    ServerProcess server({}, db);
    Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
    REQUIRE(b.post("/api/subscriptions", new_subscription("Kept B.V.")).status == 201);
    CHECK(server.terminate() == 0);
  }
  ServerProcess again({}, db);
  CHECK(again.setup_link().empty());  // a reseller exists: no setup link
  Browser b(again.port());
  REQUIRE(b.sign_in("owner@acme.nl", kPassword).status == 200);
  CHECK(b.get("/api/subscriptions").body["items"][0]["customer_name"] == "Kept B.V.");
}

TEST_CASE("admin create-reseller: reads the password from stdin, explains refusals") {
  TempDir dir;
  const std::string db = dir.database("admin.db");
  auto [ok, ok_text] = run_admin({"create-reseller", "--db", db, "--company", "Café Brûlé IT", "--name",
                                  "Olga", "--email", "olga@cafe.nl"}, std::string(kPassword) + "\n");
  CHECK(ok == 0);
  auto [dup, dup_text] = run_admin({"create-reseller", "--db", db, "--company", "X", "--name", "Y",
                                    "--email", "OLGA@cafe.nl"}, std::string(kPassword) + "\n");
  CHECK(dup == 1);
  CHECK(dup_text.find("already has an account") != std::string::npos);
  auto [weak, weak_text] = run_admin({"create-reseller", "--db", db, "--company", "X", "--name", "Y",
                                      "--email", "y@x.nl"}, "short\n");
  CHECK(weak == 1);
  CHECK(weak_text.find("password") != std::string::npos);
  auto [missing, missing_text] = run_admin({"create-reseller", "--db", db}, "");
  CHECK(missing == 1);
  CHECK(run_admin({"setup-link", "--db", db}, "").first == 1);  // a reseller exists
}
