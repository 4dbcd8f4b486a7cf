// Who may call what. Every API route names one Access level in the route table
// (http/routes.cpp); this file is the only place that decides what each level allows.
#pragma once
#include <optional>

#include "services/actor.h"
#include "services/service_error.h"

namespace signet {

enum class Access {
  Public,    // anyone, signed in or not
  SignedIn,  // any signed-in user
  Reseller,         // any reseller staff (read subscriptions); customers get 403
  ResellerManage,   // owner and support: change seats, resend invitations
  ResellerBilling,  // owner and billing: the billing screens
  ResellerOwner,    // owner: create subscriptions, team, audit log
  // Routes under /api/subscriptions/{id}/ that hold a customer's own data (signatures):
  // the subscription's reseller (owner and support staff), and the customer users of that
  // one subscription.
  SubscriptionMember,
};

// The subscription a route under /api/subscriptions/{id} is about.
struct AccessTarget {
  int64_t subscription_id = 0;
  std::optional<int64_t> reseller_id;  // nullopt: no such subscription
};

// nullopt when allowed; otherwise the error to answer with: 401 when not signed in, 403
// for a route the role may never use, 404 for another tenant's subscription (its existence
// is not confirmed).
std::optional<ServiceError> authorize(Access access, const std::optional<Actor>& actor,
                                      const std::optional<AccessTarget>& target = std::nullopt);

// Setting a subscription active or inactive is for owners only (support may change seats).
std::optional<ServiceError> authorize_status_change(const Actor& actor);

// Amounts of money (a seat quote's price) are for the roles with billing: owners and billing
// staff. Support staff may change seats and learn what the change does, not what it costs.
bool may_see_amounts(const Actor& actor);

}  // namespace signet
