// What each reseller role may do: the one list that the server's policy (server/http/policy.cpp)
// enforces and the portal asks before it offers a control or a screen.
//   owner   everything
//   billing billing screens and prices; no signature editing, no creating, no seat or status
//           changes, no team or audit log
//   support subscriptions (seats, invitations) and signature editing; no billing or prices, no
//           creating, no status change, no team or audit log
#pragma once
#include "signet/model.h"

namespace signet {

enum class Permission {
  ViewSubscriptions,
  CreateSubscription,
  ChangeUserCount,
  ChangeStatus,
  ResendInvitation,
  EditSignatures,
  ViewBilling,
  SeeAmounts,  // what a seat change costs
  ViewAudit,
  ManageTeam,
};

bool allowed(ResellerRole role, Permission p);

}  // namespace signet
