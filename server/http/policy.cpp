#include "http/policy.h"

#include "signet/permissions.h"

namespace signet {

namespace {
bool may(const Actor& a, Permission p) {
  const auto role = parse_reseller_role(a.user.reseller_role);
  return role && allowed(*role, p);
}

ServiceError role_refusal() {
  return ServiceError(ErrorKind::Forbidden, phrase("Your role in this team does not allow this. Ask an owner."));
}
}  // namespace

std::optional<ServiceError> authorize(Access access, const std::optional<Actor>& actor,
                                      const std::optional<AccessTarget>& target) {
  if (access == Access::Public) return std::nullopt;
  if (!actor) return ServiceError(ErrorKind::Unauthenticated, phrase("Sign in to continue."));
  switch (access) {
    case Access::Public:
    case Access::SignedIn:
      return std::nullopt;
    case Access::Reseller:
    case Access::ResellerManage:
    case Access::ResellerBilling:
    case Access::ResellerOwner: {
      if (!actor->is_reseller())
        return ServiceError(ErrorKind::Forbidden, phrase("This is only available to the reseller."));
      if (target && target->reseller_id != actor->reseller_id)
        return ServiceError(ErrorKind::NotFound, phrase("There is no such subscription."));
      const Permission needed = access == Access::ResellerManage    ? Permission::ChangeUserCount
                                : access == Access::ResellerBilling ? Permission::ViewBilling
                                : access == Access::ResellerOwner   ? Permission::ManageTeam
                                                                    : Permission::ViewSubscriptions;
      if (!may(*actor, needed)) return role_refusal();
      return std::nullopt;
    }
    case Access::SubscriptionMember: {
      const bool member =
          target && target->reseller_id &&
          (actor->is_reseller() ? *target->reseller_id == actor->reseller_id
                                : actor->subscription_id == target->subscription_id);
      if (!member) return ServiceError(ErrorKind::NotFound, phrase("There is no such subscription."));
      if (actor->is_reseller() && !may(*actor, Permission::EditSignatures))
        return role_refusal();  // billing staff do not edit signatures
      return std::nullopt;
    }
  }
  return ServiceError(ErrorKind::Forbidden, phrase("Not allowed."));
}

std::optional<ServiceError> authorize_status_change(const Actor& actor) {
  if (!may(actor, Permission::ChangeStatus)) return role_refusal();
  return std::nullopt;
}

bool may_see_amounts(const Actor& actor) { return may(actor, Permission::SeeAmounts); }

}  // namespace signet
