// The hand-written list JSON must be byte-for-byte what nlohmann::json writes.
#include <doctest/doctest.h>

#include "http/list_json.h"
#include "signet/json_mapping.h"

using namespace signet;
using nlohmann::json;

TEST_CASE("the list's JSON writer gives exactly the bytes of to_json + dump") {
  SubscriptionPage page;
  page.total = 12345;
  Subscription plain;
  plain.id = 7;
  plain.customer_name = "Café \"Brûlé\" \\ Łódź\t\x01\x1f\x7f Ærø";
  plain.created_at = "2026-11-26T19:05:00Z";
  plain.next_payment_date = "2026-12-26";
  page.items.push_back(plain);
  Subscription full = plain;
  full.id = 900000000001;
  full.customer_name = "Zoë's Bakery\n";
  full.product = Product::GoogleWorkspace;
  full.status = SubscriptionStatus::Inactive;
  full.next_payment_date.reset();
  full.customer_can_edit = true;
  full.contact_name = "Søren \u00e9";
  full.contact_email = "soren@example.com";
  full.invitation_status = InvitationStatus::Expired;
  full.invitation_delivery = "retrying";
  full.billing_cycle = "annual";
  full.pending_user_count = 3;
  full.pending_from = "2027-01-01";
  full.language = "nl";
  page.items.push_back(full);
  Subscription broken = plain;
  broken.customer_name = "bad \xC3( utf-8";  // never stored, but written the same way
  page.items.push_back(broken);

  auto reference = [](const SubscriptionPage& p) {
    json items = json::array();
    for (const auto& s : p.items) items.push_back(to_json(s));
    return json{{"items", std::move(items)}, {"total", p.total}}.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  CHECK(subscription_page_json(page) == reference(page));
  CHECK(subscription_page_json(SubscriptionPage{}) == reference(SubscriptionPage{}));
}
