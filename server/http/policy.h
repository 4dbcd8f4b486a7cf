// Who may call what. Every API route names one Access level in the route table
// (http/routes.cpp); this file is the only place that decides what each level allows.
#pragma once
#include <optional>

#include "services/actor.h"
#include "services/service_error.h"

namespace signet {

enum class Access {
  Public,    // anyone, signed in or not
  SignedIn,  // any signed-in user
  Reseller,  // reseller staff only; customers get 403
};

// nullopt when allowed; otherwise the error to answer with (401 or 403).
std::optional<ServiceError> authorize(Access access, const std::optional<Actor>& actor);

}  // namespace signet
