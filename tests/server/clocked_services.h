// The subscription services wired as the server wires them, on a database file of their own,
// with a clock the test moves by hand. Fixtures add what else they need.
#pragma once
#include <string>

#include "services/auth_service.h"
#include "services/billing_service.h"
#include "services/invitation_service.h"
#include "services/subscription_service.h"
#include "test_support.h"

namespace signet::test {

struct ClockedServices {
  TempDir dir;
  ManualClock time;
  ConnectionPool pool{dir.database("services.db")};
  PasswordHasher hasher{1};
  AuthService auth{pool, hasher, time.clock()};
  InvitationService invitations{pool, auth, time.clock(), {"http://portal.test", "Signet <no-reply@portal.test>"}, [] {}};
  BillingService billing{pool, time.clock(), PriceList{}};
  SubscriptionService subs{pool, time.clock(), invitations, billing};

  // A reseller account (company "Acme B.V.") with this owner, signed in.
  Actor signed_in_owner(const std::string& email) {
    auth.create_reseller({"Acme B.V.", "Olga Owner", email, kPassword});
    return auth.sign_in({email, kPassword}).actor;
  }
};

}  // namespace signet::test
