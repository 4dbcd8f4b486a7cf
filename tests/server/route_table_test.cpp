// The route table's declarations are checked before the server listens: a route whose flags
// disagree with its pattern, or with its method, stops the start-up instead of being served
// without the check it needed.
#include <doctest/doctest.h>

#include "route_services.h"

using namespace signet;
using namespace signet::test;

namespace {

Route valid_post() {
  Route r;
  r.method = "POST";
  r.pattern = R"(/api/subscriptions/(\d+)/contacts)";
  r.access = Access::SubscriptionMember;
  r.csrf = Csrf::Required;
  r.body = Body::Json;
  r.scope = Scope::Subscription;
  r.handler = [](ApiRequest&) { return reply(201, nlohmann::json::object()); };
  return r;
}

// The problem route_problem names for `r`, or "" when it finds none.
std::string problem(const Route& r) { return route_problem(r).value_or(""); }

}  // namespace

TEST_CASE("route table: every route the server serves is declared consistently") {
  RouteServices s;
  const std::vector<Route> routes = api_routes(s.services);
  CHECK(routes.size() >= 48);
  int scoped = 0, tokens = 0, exempt = 0;
  for (const Route& r : routes) {
    CAPTURE(r.method + " " + r.pattern);
    CHECK(problem(r) == "");
    scoped += r.scope == Scope::Subscription;
    tokens += r.secret == Secret::PathToken;
    exempt += r.csrf == Csrf::Exempt;
  }
  CHECK(scoped >= 20);  // most of the API is about one subscription
  CHECK(tokens == 6);  // password reset (2), setup (2), invitation links (2)
  CHECK(exempt == 5);  // sign-in, reset request, reset, setup, accepting an invitation

  // The router refuses a wrong line outright.
  httplib::Server http;
  ApiRouter router(http, s.auth, s.audit, [](int64_t) { return std::nullopt; }, CookieConfig{}, TrustedProxies{});
  Route wrong = valid_post();
  wrong.method = "FETCH";
  CHECK_THROWS_WITH_AS(router.add(wrong), doctest::Contains("unknown method"), std::invalid_argument);
  CHECK_NOTHROW(router.add(valid_post()));
}

TEST_CASE("route table: each kind of wrong declaration is named") {
  REQUIRE(problem(valid_post()) == "");
  Route r = valid_post();
  r.method = "post";  // methods are upper case, as on the wire
  CHECK(problem(r).find("unknown method") != std::string::npos);

  r = valid_post();
  r.csrf = Csrf::None;
  CHECK(problem(r).find("must require the CSRF token or be exempt") != std::string::npos);

  r = valid_post();
  r.method = "GET";
  r.body = Body::None;
  CHECK(problem(r).find("a GET changes nothing") != std::string::npos);
  r.csrf = Csrf::None;
  CHECK(problem(r) == "");
  r.body = Body::Json;
  CHECK(problem(r).find("a GET takes no body") != std::string::npos);

  r = valid_post();
  r.scope = Scope::None;  // the owner check would be skipped
  CHECK(problem(r).find("needs Scope::Subscription") != std::string::npos);
  r = valid_post();
  r.pattern = "/api/team";
  CHECK(problem(r).find("Scope::Subscription needs a path") != std::string::npos);

  r = valid_post();
  r.pattern = R"(/api/subscriptions/(\d+)/share/([A-Za-z0-9_-]{1,128}))";  // the token would reach the log
  CHECK(problem(r).find("needs Secret::PathToken") != std::string::npos);
  r.secret = Secret::PathToken;
  CHECK(problem(r) == "");
  r = valid_post();
  r.secret = Secret::PathToken;
  CHECK(problem(r).find("Secret::PathToken needs a") != std::string::npos);

  r = valid_post();
  r.handler = nullptr;
  CHECK(problem(r).find("no handler") != std::string::npos);
}
