#include "http/policy.h"

namespace signet {

std::optional<ServiceError> authorize(Access access, const std::optional<Actor>& actor,
                                      const std::optional<AccessTarget>& target) {
  if (access == Access::Public) return std::nullopt;
  if (!actor) return ServiceError(ErrorKind::Unauthenticated, "Sign in to continue.");
  switch (access) {
    case Access::Public:
    case Access::SignedIn:
      return std::nullopt;
    case Access::Reseller:
      if (!actor->is_reseller())
        return ServiceError(ErrorKind::Forbidden, "This is only available to the reseller.");
      if (target && target->reseller_id != actor->reseller_id)
        return ServiceError(ErrorKind::NotFound, "There is no such subscription.");
      return std::nullopt;
    case Access::SubscriptionMember: {
      const bool member =
          target && target->reseller_id &&
          (actor->is_reseller() ? *target->reseller_id == actor->reseller_id
                                : actor->subscription_id == target->subscription_id);
      if (!member) return ServiceError(ErrorKind::NotFound, "There is no such subscription.");
      return std::nullopt;
    }
  }
  return ServiceError(ErrorKind::Forbidden, "Not allowed.");
}

}  // namespace signet
