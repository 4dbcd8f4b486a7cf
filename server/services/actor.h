// Who is making a request, as established from their session.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "signet/model.h"

namespace signet {

struct Actor {
  User user;
  int64_t reseller_id = 0;                 // the reseller the user works for or buys from
  std::optional<int64_t> subscription_id;  // customers: the one subscription they belong to
  std::string csrf_token;
  std::string session_hash;

  bool is_reseller() const { return user.role == Role::Reseller; }
};

}  // namespace signet
