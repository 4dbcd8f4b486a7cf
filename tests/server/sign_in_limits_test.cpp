// Sign-in limits under concurrency: an attempt is counted before its password is hashed, so
// requests that arrive together cannot all pass the check first.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

// Sends `n` sign-ins at once (one connection each, released together) and returns their statuses.
std::vector<int> sign_in_together(ServerProcess& server, int n, const std::function<json(int)>& body) {
  std::vector<std::unique_ptr<Browser>> browsers;
  for (int i = 0; i < n; ++i) browsers.push_back(std::make_unique<Browser>(server.port()));
  std::vector<int> statuses(static_cast<size_t>(n));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      const std::string text = body(i).dump();
      ++ready;
      while (!go) std::this_thread::yield();
      statuses[static_cast<size_t>(i)] = browsers[static_cast<size_t>(i)]->send("POST", "/api/session", text, "application/json").status;
    });
  while (ready < n) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  return statuses;
}

int count(const std::vector<int>& v, int status) { return static_cast<int>(std::count(v.begin(), v.end(), status)); }

}  // namespace

TEST_CASE("64 sign-ins at once on one account: no more are checked than the limit allows") {
  ServerProcess server;
  reseller_browser(server, "Acme", "owner@acme.nl");
  const std::vector<int> got = sign_in_together(server, 64, [](int i) {
    return json{{"email", "owner@acme.nl"}, {"password", "wrong password " + std::to_string(i)}};
  });
  // The account's rule: 5 failures, and the one that starts the lockout.
  CHECK(count(got, 401) <= 6);
  CHECK(count(got, 401) + count(got, 429) == 64);
  // Locked now, for the right password too.
  CHECK(Browser(server.port()).sign_in("owner@acme.nl", kPassword).status == 429);
}

TEST_CASE("64 sign-ins at once from one address on 64 accounts: the address limit holds") {
  ServerProcess server;
  const std::vector<int> got = sign_in_together(server, 64, [](int i) {
    return json{{"email", "nobody" + std::to_string(i) + "@acme.nl"}, {"password", "wrong password"}};
  });
  // The address rule: 20 failures, and the one that starts the lockout.
  CHECK(count(got, 401) <= 21);
  CHECK(count(got, 401) + count(got, 429) == 64);
  CHECK(Browser(server.port()).sign_in("nobody99@acme.nl", "wrong password").status == 429);
}

TEST_CASE("a successful sign-in does not count against the client's address") {
  ServerProcess server;
  reseller_browser(server, "Acme", "owner@acme.nl");
  for (int i = 0; i < 30; ++i) REQUIRE(Browser(server.port()).sign_in("owner@acme.nl", kPassword).status == 200);
  for (int i = 0; i < 20; ++i) CHECK(Browser(server.port()).sign_in("x" + std::to_string(i) + "@acme.nl", "wrong").status == 401);
}

TEST_CASE("changing the password is limited per user, so no one can keep the password hashers busy") {
  ServerProcess server;
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  const json wrong{{"current_password", "not my password"}, {"new_password", "a new long password 1"}};
  for (int i = 0; i < 6; ++i) CHECK(b.post("/api/session/password", wrong).status == 400);
  const Reply limited = b.post("/api/session/password", wrong);
  CHECK(limited.status == 429);
  CHECK(!limited.header("Retry-After").empty());
  // Sign-in is not affected.
  CHECK(Browser(server.port()).sign_in("owner@acme.nl", kPassword).status == 200);
}
