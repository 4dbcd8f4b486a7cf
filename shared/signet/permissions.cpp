#include "signet/permissions.h"

namespace signet {

bool allowed(ResellerRole role, Permission p) {
  const bool owner = role == ResellerRole::Owner;
  const bool billing = role == ResellerRole::Billing;
  const bool support = role == ResellerRole::Support;
  switch (p) {
    case Permission::ViewSubscriptions: return true;
    case Permission::CreateSubscription: return owner;
    case Permission::ChangeUserCount: return owner || support;
    case Permission::ChangeStatus: return owner;
    case Permission::ResendInvitation: return owner || support;
    case Permission::EditSignatures: return owner || support;
    case Permission::ViewBilling: return owner || billing;
    case Permission::SeeAmounts: return owner || billing;
    case Permission::ViewAudit: return owner;
    case Permission::ManageTeam: return owner;
  }
  return false;
}

}  // namespace signet
