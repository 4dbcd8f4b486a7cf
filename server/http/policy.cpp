#include "http/policy.h"

namespace signet {

std::optional<ServiceError> authorize(Access access, const std::optional<Actor>& actor) {
  if (access == Access::Public) return std::nullopt;
  if (!actor) return ServiceError(ErrorKind::Unauthenticated, "Sign in to continue.");
  if (access == Access::Reseller && !actor->is_reseller())
    return ServiceError(ErrorKind::Forbidden, "This is only available to the reseller.");
  return std::nullopt;
}

}  // namespace signet
