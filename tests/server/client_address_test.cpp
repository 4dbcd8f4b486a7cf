// Who the client is behind a TLS-terminating proxy: --trusted-proxy CIDR and X-Forwarded-For.
#include <doctest/doctest.h>

#include "http/client_address.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

TEST_CASE("trusted proxies: ranges in CIDR notation, IPv4 and IPv6") {
  TrustedProxies proxies;
  CHECK(proxies.add("10.0.0.0/8"));
  CHECK(proxies.add("fd00::/8"));
  CHECK(proxies.add("192.0.2.1"));  // one address
  CHECK_FALSE(proxies.add("10.0.0.0/33"));
  CHECK_FALSE(proxies.add("fd00::/129"));
  CHECK_FALSE(proxies.add("not an address"));
  CHECK_FALSE(proxies.add("10.0.0.0/"));
  CHECK_FALSE(proxies.add("10.0.0.0/8x"));
  CHECK(proxies.trusts("10.255.1.2"));
  CHECK(proxies.trusts("::ffff:10.1.2.3"));  // IPv4 on an IPv6 socket
  CHECK(proxies.trusts("fd12:3456::1"));
  CHECK(proxies.trusts("192.0.2.1"));
  CHECK_FALSE(proxies.trusts("192.0.2.2"));
  CHECK_FALSE(proxies.trusts("11.0.0.1"));
  CHECK_FALSE(proxies.trusts("fe80::1"));
  CHECK_FALSE(proxies.trusts("garbage"));
}

TEST_CASE("the client is the right-most X-Forwarded-For entry that is not a trusted proxy") {
  TrustedProxies proxies;
  REQUIRE(proxies.add("10.0.0.0/8"));
  REQUIRE(proxies.add("2001:db8:1::/48"));
  // Peer not trusted: the header is the client's own say and is ignored.
  CHECK(proxies.client_of("203.0.113.9", {"198.51.100.1"}) == "203.0.113.9");
  // Peer trusted: the address it saw, or further left through more trusted proxies.
  CHECK(proxies.client_of("10.0.0.1", {"198.51.100.1"}) == "198.51.100.1");
  CHECK(proxies.client_of("10.0.0.1", {"198.51.100.1, 10.9.9.9"}) == "198.51.100.1");
  // What the client wrote itself stands left of what the proxy appended: never believed.
  CHECK(proxies.client_of("10.0.0.1", {"6.6.6.6, 198.51.100.1"}) == "198.51.100.1");
  CHECK(proxies.client_of("10.0.0.1", {"6.6.6.6", "198.51.100.1"}) == "198.51.100.1");  // two header lines
  CHECK(proxies.client_of("10.0.0.1", {"garbage, 198.51.100.1"}) == "198.51.100.1");
  CHECK(proxies.client_of("10.0.0.1", {" 2001:DB8:2::7 , 2001:db8:1::5"}) == "2001:db8:2::7");  // canonical form
  CHECK(proxies.client_of("::ffff:10.0.0.1", {"198.51.100.1"}) == "198.51.100.1");
  // A trusted proxy that sent no usable entry: the left-most trusted hop it came through.
  CHECK(proxies.client_of("10.0.0.1", {}) == "10.0.0.1");
  CHECK(proxies.client_of("10.0.0.1", {"garbage"}) == "10.0.0.1");
  CHECK(proxies.client_of("10.0.0.1", {"10.2.2.2"}) == "10.2.2.2");
  CHECK(proxies.client_of("10.0.0.1", {std::string(5000, '1')}) == "10.0.0.1");
  // Without trusted proxies nothing changes.
  CHECK(TrustedProxies().client_of("127.0.0.1", {"198.51.100.1"}) == "127.0.0.1");
}

namespace {
Reply sign_in_from(Browser& b, const std::string& forwarded_for, const std::string& email) {
  return b.send("POST", "/api/session", json{{"email", email}, {"password", "not the password"}}.dump(),
                "application/json", {{"X-Forwarded-For", forwarded_for}});
}
}  // namespace

TEST_CASE("behind a trusted proxy, clients are limited one by one and audited by their own address") {
  ServerProcess server({"--trusted-proxy", "127.0.0.1/32", "--trusted-proxy", "::1/128"});
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser proxy(server.port());  // every request arrives from the proxy, 127.0.0.1
  // 20 failures (on 20 accounts, below each account's own limit) lock out that client only.
  for (int i = 0; i < 20; ++i)
    REQUIRE(sign_in_from(proxy, "198.51.100.7", "nobody" + std::to_string(i) + "@acme.nl").status == 401);
  CHECK(sign_in_from(proxy, "198.51.100.7", "nobody21@acme.nl").status == 401);  // the 21st is answered, then the lock
  const Reply locked = sign_in_from(proxy, "198.51.100.7", "nobody22@acme.nl");
  CHECK(locked.status == 429);
  CHECK(!locked.header("Retry-After").empty());
  // Everyone else behind the same proxy still signs in.
  CHECK(sign_in_from(proxy, "198.51.100.8", "nobody23@acme.nl").status == 401);
  const Reply other = proxy.send("POST", "/api/session", json{{"email", "owner@acme.nl"}, {"password", kPassword}}.dump(),
                                 "application/json", {{"X-Forwarded-For", "203.0.113.20"}});
  CHECK(other.status == 200);
  // A client cannot pick its own address: what it writes stands left of the proxy's entry.
  CHECK(sign_in_from(proxy, "203.0.113.99, 198.51.100.7", "nobody24@acme.nl").status == 429);

  // The audit log names the client, not the proxy.
  REQUIRE(sign_in_from(proxy, "198.51.100.50", "owner@acme.nl").status == 401);
  bool seen = false;
  const Reply log = owner.get("/api/audit?action=session.create");
  for (const auto& e : log.body["items"])
    if (e["outcome"] == 401 && e["actor_email"] == "owner@acme.nl") seen = e["client_address"] == "198.51.100.50";
  CHECK_MESSAGE(seen, log.raw);
}

TEST_CASE("without --trusted-proxy, X-Forwarded-For is ignored: it cannot dodge the per-address limit") {
  ServerProcess server;
  Browser client(server.port());
  for (int i = 0; i < 21; ++i)
    REQUIRE(sign_in_from(client, "198.51.100." + std::to_string(i), "nobody" + std::to_string(i) + "@acme.nl").status == 401);
  CHECK(sign_in_from(client, "198.51.100.200", "nobody99@acme.nl").status == 429);
}

TEST_CASE("--trusted-proxy refuses what is not an address range") {
  const auto [code, text] = run_server({"--port", "0", "--trusted-proxy", "10.0.0.0/99"});
  CHECK(code == 2);
  CHECK(text.find("--trusted-proxy") != std::string::npos);
  const auto [help_code, help] = run_server({"--help"});
  CHECK(help_code == 0);
  CHECK(help.find("--trusted-proxy CIDR") != std::string::npos);
}
