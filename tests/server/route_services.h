// Every service on a throw-away database, wired as the server wires them, for tests that read
// the route table itself (the role matrix, the start-up checks). The services are not called.
#pragma once
#include "http/routes.h"
#include "test_support.h"

namespace signet::test {

struct RouteServices {
  TempDir dir;
  ConnectionPool pool{dir.database("routes.db")};
  PasswordHasher hasher{1};
  AuthService auth{pool, hasher, system_clock()};
  InvitationService invitations{pool, auth, system_clock(), {}, [] {}};
  BillingService billing{pool, system_clock(), PriceList{}};
  SubscriptionService subscriptions{pool, system_clock(), invitations, billing};
  SignatureService signatures{pool, system_clock()};
  AuditLog audit{pool, system_clock()};
  AccountService accounts{pool, hasher, system_clock(), {}, [] {}};
  TeamService team{pool, system_clock(), {}, [] {}};
  ListReplies list_replies;
  SecretBox secrets{std::string(32, 's')};
  DeployService deploy{pool, signatures, secrets, GoogleApi({}), system_clock(), &audit};
  MailflowService mailflow{pool, signatures, system_clock(), {"mail.signet.test", false}};
  Services services{auth, subscriptions, invitations, signatures, billing, audit, accounts, team, list_replies, deploy, mailflow};
};

}  // namespace signet::test
