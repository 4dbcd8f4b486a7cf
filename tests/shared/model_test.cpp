#include <doctest/doctest.h>

#include "signet/model.h"

using namespace signet;

TEST_CASE("products have wire names and display names") {
  CHECK(to_string(Product::M365) == "m365");
  CHECK(display_name(Product::GoogleWorkspace) == "Signatures for Google Workspace");
  for (Product p : kAllProducts) CHECK(parse_product(to_string(p)) == p);
  CHECK_FALSE(parse_product("M365"));
}

TEST_CASE("enums round-trip through their wire names") {
  for (auto s : {InvitationStatus::None, InvitationStatus::Pending, InvitationStatus::Accepted,
                 InvitationStatus::Expired})
    CHECK(parse_invitation_status(to_string(s)) == s);
  CHECK(parse_role("customer") == Role::Customer);
  CHECK(parse_sort_key("user_count") == SortKey::UserCount);
}
