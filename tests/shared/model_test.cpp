#include <doctest/doctest.h>

#include <vector>

#include "signet/model.h"
#include "signet/permissions.h"

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

TEST_CASE("roles: one table of what each may do, for the server's policy and the portal") {
  using P = Permission;
  const P all[] = {P::ViewSubscriptions, P::CreateSubscription, P::ChangeUserCount, P::ChangeStatus,
                   P::ResendInvitation,  P::EditSignatures,     P::ViewBilling,     P::SeeAmounts,
                   P::ViewAudit,         P::ManageTeam};
  for (P p : all) CHECK(allowed(ResellerRole::Owner, p));
  auto granted = [&](ResellerRole r) {
    std::vector<P> out;
    for (P p : all)
      if (allowed(r, p)) out.push_back(p);
    return out;
  };
  CHECK(granted(ResellerRole::Billing) == std::vector<P>{P::ViewSubscriptions, P::ViewBilling, P::SeeAmounts});
  CHECK(granted(ResellerRole::Support) ==
        std::vector<P>{P::ViewSubscriptions, P::ChangeUserCount, P::ResendInvitation, P::EditSignatures});
}
