// Live deployment to Google Workspace through the real server, against a local fake of Google's
// token endpoint and Gmail API (google_fake.h) that verifies every assertion with the service
// account's public key: the key is kept sealed and never shown again; a run sets each user's
// rendered signature exactly; 429 with Retry-After and 5xx bursts are retried; a revoked key
// fails its users with Google's message; a run cut short by kill -9 resumes after a restart.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <iterator>
#include <thread>

#include "google_fake.h"
#include "rsa_keys.h"
#include "storage/postgres_engine.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

constexpr const char* kClientEmail = "signet-deployer@acme-workspace.iam.gserviceaccount.com";

json key_file(EVP_PKEY* key) {
  return {{"type", "service_account"},
          {"project_id", "acme-workspace"},
          {"private_key_id", "0f1e2d3c4b5a"},
          {"private_key", private_key_pem(key)},
          {"client_email", kClientEmail},
          {"client_id", "1234567890"},
          {"token_uri", "https://oauth2.googleapis.com/token"}};
}

std::vector<std::string> server_flags(GoogleFake& google) {
  return {"--google-token-url", google.token_url(), "--gmail-api-url", google.url()};
}

// A Google Workspace customer with `people` directory users and a default template.
struct Domain {
  Domain(ServerProcess& server, int people) : reseller(reseller_browser(server, "Acme IT", "owner@acme-it.nl")) {
    sub = reseller.post("/api/subscriptions", {{"product", "google_workspace"}, {"customer_name", "Zoë & Söhne GmbH"},
                                               {"user_count", people}})
              .body["id"];
    base = "/api/subscriptions/" + std::to_string(sub);
    std::string csv = "email,display_name,job_title\n";
    for (int i = 0; i < people; ++i) csv += "user" + std::to_string(i) + "@soehne.example,Person " + std::to_string(i) + ",Müllerin\n";
    REQUIRE(reseller.send("POST", base + "/users/import", csv, "text/csv", {{"X-CSRF-Token", reseller.csrf_token}}).status == 200);
    REQUIRE(reseller.post(base + "/templates", {{"name", "Standard"},
                                               {"blocks", {{{"type", "text"}, {"text", "{{display_name}} · {{job_title}}"}}}}})
                .status == 201);
  }
  Reply put_key(const json& key) {
    return reseller.send("PUT", base + "/google", key.dump(), "application/json", {{"X-CSRF-Token", reseller.csrf_token}});
  }
  // Polls the status until the latest run is finished; returns it.
  json wait_for_run(int seconds = 30) {
    json s;
    for (int i = 0; i < seconds * 10; ++i) {
      s = reseller.get(base + "/google").body;
      if (s["run"].is_object() && !s["run"]["finished_at"].is_null()) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("the deployment run did not finish: " << s.dump());
    return s;
  }
  // What the editor's deployment artefacts say each address must get.
  std::map<std::string, std::string> expected() {
    std::map<std::string, std::string> out;
    const json artefacts = reseller.get(base + "/deployment").body;
    for (const json& r : artefacts["gmail"]["requests"])
      out[r["sendAsEmail"]] = r["body"]["signature"];
    return out;
  }
  Browser reseller;
  int64_t sub = 0;
  std::string base;
};

// A server with a Google Workspace customer, its key and the fake of its Google; connect()
// connects the key, which starts the first run.
struct Connected {
  explicit Connected(int people) : domain(server, people) {}
  json connect() {
    const Reply r = domain.put_key(key_file(key.get()));
    REQUIRE(r.status == 200);
    return r.body;
  }
  Pkey key = new_rsa_key();
  GoogleFake google{key.get(), kClientEmail};
  ServerProcess server{server_flags(google)};
  Domain domain;
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("a connected domain gets every user's rendered signature, and the key never comes back") {
  Pkey key = new_rsa_key();
  GoogleFake google(key.get(), kClientEmail);
  ServerProcess server(server_flags(google));
  Domain d(server, 5);

  CHECK(d.reseller.get(d.base + "/google").body["connected"] == false);
  CHECK(d.reseller.post(d.base + "/google/deploy", json::object()).status == 409);  // not connected yet
  Reply bad = d.put_key({{"type", "authorized_user"}});
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"]["key"] == "This is not a service account key: its \"type\" is not \"service_account\".");

  Reply connected = d.put_key(key_file(key.get()));
  REQUIRE(connected.status == 200);
  CHECK(connected.body["connected"] == true);
  CHECK(connected.body["run"]["reason"] == "connect");  // connecting deploys at once
  CHECK(connected.body["run"]["users"].size() == 5);
  CHECK(connected.body["client_email"] == kClientEmail);
  CHECK(connected.raw.find("PRIVATE KEY") == std::string::npos);
  CHECK(d.reseller.get(d.base + "/google").raw.find("PRIVATE KEY") == std::string::npos);
  // Sealed at rest: the database holds no part of the PEM text (on SQLite, in none of its
  // files' bytes; on PostgreSQL, in no stored key).
  const std::string pem = private_key_pem(key.get());
  const std::string pem_line = pem.substr(pem.find('\n') + 1, 40);
  if (is_postgres_url(server.db())) {
    ConnectionPool reader(server.db(), 1);
    auto c = reader.acquire();
    auto q = c->prepare("SELECT sealed_key FROM google_connections");
    int keys = 0;
    for (; q->executeStep(); ++keys) CHECK(q->getColumn(0).getBlob().find(pem_line) == std::string::npos);
    CHECK(keys == 1);
  } else {
    CHECK(file_bytes(server.db()).find(pem_line) == std::string::npos);
    CHECK(file_bytes(server.db() + "-wal").find(pem_line) == std::string::npos);
  }

  const json done = d.wait_for_run();
  CHECK(done["run"]["counts"] == json{{"pending", 0}, {"deployed", 5}, {"failed", 0}});
  CHECK(google.signatures() == d.expected());
  CHECK(d.expected().size() == 5);
  for (const auto& [address, n] : google.updates()) CHECK(n == 1);
  CHECK(google.refused_assertions() == 0);

  // "Deploy now" sets them again, with the tokens already held.
  Reply started = d.reseller.post(d.base + "/google/deploy", json::object());
  REQUIRE(started.status == 202);
  CHECK(started.body["run"]["reason"] == "manual");
  d.wait_for_run();
  for (const auto& [address, n] : google.updates()) CHECK(n == 2);

  const json audit = d.reseller.get("/api/audit?per_page=100").body;
  std::set<std::string> actions;
  for (const json& e : audit["items"]) actions.insert(e["action"].get<std::string>());
  CHECK(actions.count("deploy.connect") == 1);
  CHECK(actions.count("deploy.run") == 1);  // the manual one; the connect run is deploy.connect's

  REQUIRE(d.reseller.del(d.base + "/google").status == 204);
  CHECK(d.reseller.get(d.base + "/google").body["connected"] == false);
  CHECK(d.reseller.post(d.base + "/google/deploy", json::object()).status == 409);
}

TEST_CASE("throttling and server errors are retried; a replaced key is used from the next request on") {
  Connected c(3);
  Domain& d = c.domain;
  c.google.throttle("user1@soehne.example", 2, 1);
  c.google.fail_next(2);
  c.connect();
  const json done = d.wait_for_run(60);
  CHECK(done["run"]["counts"]["deployed"] == 3);
  CHECK(c.google.signatures() == d.expected());
  for (const json& u : done["run"]["users"])
    if (u["email"] == "user1@soehne.example") CHECK(u["attempts"].get<int>() >= 3);

  // Another key replaces this one: the tokens got with the old key are dropped, so every user
  // asks again with the new key, which this domain (the fake) does not know.
  Pkey other = new_rsa_key();
  REQUIRE(d.put_key(key_file(other.get())).status == 200);
  const json refused = d.wait_for_run();
  CHECK(refused["run"]["counts"]["failed"] == 3);
  for (const json& u : refused["run"]["users"]) CHECK(u["error"] == "Invalid JWT Signature.");
}

TEST_CASE("a user Google refuses fails with Google's words and the others are deployed; a revoked key fails all") {
  Connected c(3);
  Domain& d = c.domain;
  c.google.deny("user1@soehne.example");
  c.connect();
  json done = d.wait_for_run();
  CHECK(done["run"]["counts"] == json{{"pending", 0}, {"deployed", 2}, {"failed", 1}});
  for (const json& u : done["run"]["users"]) {
    const bool denied = u["email"] == "user1@soehne.example";
    CHECK(u["state"] == (denied ? "failed" : "deployed"));
    if (denied) CHECK(u["error"] == "Delegation denied for user1@soehne.example");
    if (denied) CHECK(u["attempts"] == 1);  // a refusal is not retried
  }

  c.google.revoke();
  c.connect();  // the same key again: its tokens go, and a run starts
  done = d.wait_for_run();
  CHECK(done["run"]["counts"]["failed"] == 3);
  for (const json& u : done["run"]["users"])
    CHECK(u["error"].get<std::string>().find("Client is unauthorized to retrieve access tokens") == 0);
}

TEST_CASE("retrying a run's failed users deploys them once Google accepts them; the others are left alone") {
  Connected c(3);
  Domain& d = c.domain;
  CHECK(d.reseller.post(d.base + "/google/retry", json::object()).status == 409);  // not connected
  c.google.deny("user1@soehne.example");
  c.connect();
  const int64_t run = d.wait_for_run()["run"]["id"];
  CHECK(c.google.updates().count("user1@soehne.example") == 0);

  c.google.allow("user1@soehne.example");  // the administrator fixed the delegation
  const Reply retried = d.reseller.post(d.base + "/google/retry", json::object());
  REQUIRE(retried.status == 202);
  CHECK(retried.body["run"]["id"] == run);  // the same run, open again
  CHECK(retried.body["run"]["finished_at"].is_null());
  CHECK(retried.body["run"]["counts"] == json{{"pending", 1}, {"deployed", 2}, {"failed", 0}});
  const json done = d.wait_for_run();
  CHECK(done["run"]["counts"] == json{{"pending", 0}, {"deployed", 3}, {"failed", 0}});
  for (const json& u : done["run"]["users"]) {
    CHECK(u["error"].is_null());
    if (u["email"] == "user1@soehne.example") CHECK(u["attempts"] == 1);  // counted from the retry
  }
  CHECK(c.google.signatures() == d.expected());
  for (const auto& [address, n] : c.google.updates()) CHECK(n == 1);  // the deployed ones were not sent again

  CHECK(d.reseller.post(d.base + "/google/retry", json::object()).status == 409);  // nothing failed now
  const json audit = d.reseller.get("/api/audit?per_page=100").body;
  int retries = 0;
  for (const json& e : audit["items"]) retries += e["action"] == "deploy.retry" && e["outcome"] == 202;
  CHECK(retries == 1);
}

TEST_CASE("a run cut short by kill -9 resumes after a restart and finishes") {
  Pkey key = new_rsa_key();
  GoogleFake google(key.get(), kClientEmail);
  // The first server stays as an object after its kill: its folder holds the database and the
  // key file that the second one starts from. Its claims on the users it was sending stand 2 s.
  std::vector<std::string> flags = server_flags(google);
  flags.insert(flags.end(), {"--deploy-claim-seconds", "2"});
  ServerProcess first(flags);
  {
    Domain d(first, 6);
    // Every user's first update is put off for 3 s, so the run is pending when the server dies.
    for (int i = 0; i < 6; ++i) google.throttle("user" + std::to_string(i) + "@soehne.example", 1, 3);
    REQUIRE(d.put_key(key_file(key.get())).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(d.reseller.get(d.base + "/google").body["run"]["finished_at"].is_null());
  }
  first.kill_hard();
  CHECK(google.updates().empty());
  ServerProcess again(flags, first.db());
  Browser reseller(again.port());
  REQUIRE(reseller.sign_in("owner@acme-it.nl", kPassword).status == 200);
  const std::string base = "/api/subscriptions/" +
                           std::to_string(reseller.get("/api/subscriptions").body["items"][0]["id"].get<int64_t>());
  json s;
  for (int i = 0; i < 300; ++i) {
    s = reseller.get(base + "/google").body;
    if (!s["run"]["finished_at"].is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(s["run"]["counts"]["deployed"] == 6);
  CHECK(google.updates().size() == 6);
}

TEST_CASE("saving a template or adding a user deploys by itself once the changes settle") {
  Pkey key = new_rsa_key();
  GoogleFake google(key.get(), kClientEmail);
  std::vector<std::string> flags = server_flags(google);
  flags.insert(flags.end(), {"--deploy-settle-seconds", "1"});
  ServerProcess server(flags);
  Domain d(server, 3);  // 3 users, 3 seats
  REQUIRE(d.put_key(key_file(key.get())).status == 200);
  d.wait_for_run();
  CHECK(google.signatures().at("user0@soehne.example").find("Person 0 · Müllerin") != std::string::npos);

  const json t = d.reseller.get(d.base + "/templates").body["items"][0];
  json edited = t;
  edited["blocks"] = {{{"type", "text"}, {"text", "{{display_name}}, Zoë & Söhne"}}};
  REQUIRE(d.reseller.send("PUT", d.base + "/templates/" + std::to_string(t["id"].get<int64_t>()), edited.dump(),
                          "application/json", {{"X-CSRF-Token", d.reseller.csrf_token}})
              .status == 200);
  json s;
  for (int i = 0; i < 150; ++i) {  // settle 1 s, then the run
    s = d.reseller.get(d.base + "/google").body;
    if (s["run"]["reason"] == "change" && !s["run"]["finished_at"].is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(s["run"]["reason"] == "change");
  CHECK(s["run"]["counts"]["deployed"] == 3);
  CHECK(google.signatures() == d.expected());
  CHECK(google.signatures().at("user2@soehne.example").find("Person 2, Zoë &amp; Söhne") != std::string::npos);
}
