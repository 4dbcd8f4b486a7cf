#include <doctest/doctest.h>

#include "signet/json_mapping.h"

using namespace signet;
using nlohmann::json;

TEST_CASE("a valid new subscription parses and is normalized") {
  auto p = parse_new_subscription(json::parse(R"({
    "product":"google_workspace","customer_name":"  Café Brûlé B.V. ","user_count":25,
    "customer_can_edit":true,"contact_name":"Anna","contact_email":"Anna@Cafe.NL"})"));
  REQUIRE(p.ok());
  CHECK(p.value.product == Product::GoogleWorkspace);
  CHECK(p.value.customer_name == "Café Brûlé B.V.");
  CHECK(p.value.contact_email == "anna@cafe.nl");
}

TEST_CASE("strict mapping: wrong types, unknown values and missing fields are field errors") {
  auto p = parse_new_subscription(json::parse(R"({
    "product":"outlook","customer_name":42,"user_count":"25","customer_can_edit":"yes"})"));
  CHECK(p.errors.at("product").find("Microsoft 365") != std::string::npos);
  CHECK(p.errors.at("customer_name") == "Must be text.");
  CHECK(p.errors.count("user_count") == 1);
  CHECK(p.errors.at("customer_can_edit") == "Must be true or false.");

  CHECK(parse_new_subscription(json::parse("{}")).errors.size() == 3);
  CHECK(parse_new_subscription(json::parse("[1,2]")).errors.count("body") == 1);
  CHECK(parse_new_subscription(json::parse("null")).errors.count("body") == 1);
}

TEST_CASE("user_count must be a whole number in range, never a float or huge value") {
  for (const char* v : {"2.5", "3.0", "1e300", "18446744073709551615", "-1", "0", "100001"}) {
    auto p = parse_new_subscription(json::parse(
        std::string(R"({"product":"m365","customer_name":"Acme","user_count":)") + v + "}"));
    CHECK_MESSAGE(p.errors.count("user_count") == 1, v);
  }
}

TEST_CASE("contact fields without customer_can_edit are refused, unknown fields too") {
  auto p = parse_new_subscription(json::parse(
      R"({"product":"m365","customer_name":"Acme","user_count":3,"contact_email":"a@b.nl","colour":"red"})"));
  CHECK(p.errors.count("contact_email") == 1);
  CHECK(p.errors.at("colour") == "Unknown field.");
}

TEST_CASE("subscription patch") {
  CHECK(parse_subscription_patch(json::parse(R"({"user_count":10})")).ok());
  CHECK(parse_subscription_patch(json::parse(R"({"status":"inactive"})")).value.status ==
        SubscriptionStatus::Inactive);
  CHECK(parse_subscription_patch(json::parse(R"({"status":"paused"})")).errors.count("status"));
  CHECK(parse_subscription_patch(json::parse(R"({})")).errors.count("body"));
}

TEST_CASE("list query parameters") {
  auto q = parse_list_query({{"q", " café "}, {"sort", "-next_payment_date"}, {"page", "2"},
                             {"per_page", "500"}, {"status", "active"}});
  REQUIRE(q.ok());
  CHECK(q.value.q == "café");
  CHECK(q.value.sort == SortKey::NextPaymentDate);
  CHECK(q.value.descending);
  CHECK(q.value.page == 2);
  CHECK(q.value.per_page == 500);
  CHECK(parse_list_query({{"per_page", "501"}}).errors.count("per_page"));
  CHECK(parse_list_query({{"page", "0"}}).errors.count("page"));
  CHECK(parse_list_query({{"page", "1x"}}).errors.count("page"));
  CHECK(parse_list_query({{"sort", "password"}}).errors.count("sort"));
}

TEST_CASE("subscriptions round-trip through JSON") {
  Subscription s;
  s.id = 7;
  s.customer_name = "Łódź Sp. z o.o.";
  s.product = Product::GoogleWorkspace;
  s.user_count = 12;
  s.next_payment_date = "2026-12-26";
  s.customer_can_edit = true;
  s.contact_name = "Jan";
  s.contact_email = "jan@lodz.pl";
  s.invitation_status = InvitationStatus::Pending;
  s.created_at = "2026-11-26T10:00:00Z";
  const json j = to_json(s);
  CHECK(j["product"] == "google_workspace");
  auto back = subscription_from_json(j);
  REQUIRE(back);
  CHECK(back->customer_name == s.customer_name);
  CHECK(back->next_payment_date == s.next_payment_date);
  CHECK(back->invitation_status == InvitationStatus::Pending);
  s.customer_can_edit = false;
  CHECK(to_json(s)["contact_email"].is_null());
}

TEST_CASE("error bodies have the contract's shape") {
  const json e = error_body("validation_failed", "Check the fields.", {{"user_count", "Too many."}});
  CHECK(e["error"]["code"] == "validation_failed");
  CHECK(e["error"]["fields"]["user_count"] == "Too many.");
  CHECK_FALSE(error_body("not_found", "No such thing.")["error"].contains("fields"));
}

TEST_CASE("accepting an invitation: name required, phone optional, password by the policy") {
  auto ok = parse_accept_invitation(json::parse(R"({"name":" Jan ","password":"a long enough secret"})"));
  CHECK(ok.ok());
  CHECK(ok.value.name == "Jan");
  auto bad = parse_accept_invitation(json::parse(R"({"name":"","phone":"call me","password":"short"})"));
  CHECK(bad.errors.count("name"));
  CHECK(bad.errors.count("phone"));
  CHECK(bad.errors.count("password"));
  CHECK(validate(ok.value, "a long enough secret").count("password"));  // equal to the user name
}

TEST_CASE("customer users carry their subscription id in JSON") {
  User u;
  u.id = 3;
  u.email = "jan@lodz.pl";
  u.name = "Jan";
  u.role = Role::Customer;
  u.subscription_id = 42;
  auto back = user_from_json(to_json(u));
  REQUIRE(back);
  CHECK(back->subscription_id == 42);
  CHECK_FALSE(to_json(User{})["subscription_id"].is_number());
}
