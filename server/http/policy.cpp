#include "http/policy.h"

namespace signet {

namespace {
bool has_role(const Actor& a, std::initializer_list<ResellerRole> roles) {
  const auto role = parse_reseller_role(a.user.reseller_role);
  for (ResellerRole r : roles)
    if (role == r) return true;
  return false;
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
      const bool allowed =
          access == Access::Reseller ||
          (access == Access::ResellerManage && has_role(*actor, {ResellerRole::Owner, ResellerRole::Support})) ||
          (access == Access::ResellerBilling && has_role(*actor, {ResellerRole::Owner, ResellerRole::Billing})) ||
          (access == Access::ResellerOwner && has_role(*actor, {ResellerRole::Owner}));
      if (!allowed) return role_refusal();
      return std::nullopt;
    }
    case Access::SubscriptionMember: {
      const bool member =
          target && target->reseller_id &&
          (actor->is_reseller() ? *target->reseller_id == actor->reseller_id
                                : actor->subscription_id == target->subscription_id);
      if (!member) return ServiceError(ErrorKind::NotFound, phrase("There is no such subscription."));
      if (actor->is_reseller() && !has_role(*actor, {ResellerRole::Owner, ResellerRole::Support}))
        return role_refusal();  // billing staff do not edit signatures
      return std::nullopt;
    }
  }
  return ServiceError(ErrorKind::Forbidden, "Not allowed.");
}

std::optional<ServiceError> authorize_status_change(const Actor& actor) {
  if (!has_role(actor, {ResellerRole::Owner})) return role_refusal();
  return std::nullopt;
}

bool may_see_amounts(const Actor& actor) { return has_role(actor, {ResellerRole::Owner, ResellerRole::Billing}); }

}  // namespace signet
