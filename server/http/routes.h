// The API route table: every endpoint, its Access level and its handler. Tests walk this
// same table (e.g. the role matrix), so a new route cannot escape them.
#pragma once
#include <vector>

#include "http/api_router.h"
#include "http/list_replies.h"
#include "services/account_service.h"
#include "services/audit_log.h"
#include "services/auth_service.h"
#include "services/billing_service.h"
#include "services/deploy_service.h"
#include "services/invitation_service.h"
#include "services/mailflow_service.h"
#include "services/signature_service.h"
#include "services/subscription_service.h"
#include "services/team_service.h"

namespace signet {

struct Services {
  AuthService& auth;
  SubscriptionService& subscriptions;
  InvitationService& invitations;
  SignatureService& signatures;
  BillingService& billing;
  AuditLog& audit;
  AccountService& accounts;
  TeamService& team;
  ListReplies& list_replies;  // pages of the subscription list recently sent
  DeployService& deploy;
  MailflowService& mailflow;  // Microsoft 365: signatures added in the mail flow
};

std::vector<Route> api_routes(Services& services);

}  // namespace signet
