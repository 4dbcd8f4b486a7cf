// What the signed-in reseller's role may do, in one place. Views ask can(a, Permission::…)
// before drawing a control; route_guard() asks can_open() before showing a screen. The server
// enforces the same rules (403); this only keeps the UI from offering what would fail.
//   owner   everything
//   billing billing screens; no signature editing, no creating, no status or seat changes, no team/audit
//   support subscriptions and signature editing; no billing, no creating, no status change, no team/audit
#pragma once
#include "portal/app.h"

namespace portal {

enum class Permission {
  ViewSubscriptions,
  CreateSubscription,
  ChangeUserCount,
  ChangeStatus,
  ResendInvitation,
  EditSignatures,
  ViewBilling,
  ViewAudit,
  ManageTeam,
};

bool can(const App& a, Permission p);
// Whether the header offers the screen and a direct URL opens it (else: the no-access state).
bool can_open(const App& a, Screen s);

}  // namespace portal
