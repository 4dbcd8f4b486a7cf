// What the signed-in reseller may do: the shared rules of shared/signet/permissions.h, which the
// server enforces too (403); this only keeps the UI from offering what would fail. Views ask
// can(a, Permission::…) before drawing a control; route_guard() asks can_open() before showing
// a screen.
#pragma once
#include "portal/app.h"
#include "signet/permissions.h"

namespace portal {

using signet::Permission;

bool can(const App& a, Permission p);
// Whether the header offers the screen and a direct URL opens it (else: the no-access state).
bool can_open(const App& a, Screen s);

}  // namespace portal
