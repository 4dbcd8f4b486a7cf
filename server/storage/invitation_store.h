// All SQL about invitation links. Tokens are stored only as hashes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "signet/model.h"
#include "storage/connection_pool.h"

namespace signet {

struct StoredInvitation {
  int64_t id = 0;
  int64_t subscription_id = 0;
  int64_t reseller_id = 0;
  std::string email;
  std::string name;
  int64_t expires_at = 0;
  bool used = false;
  bool revoked = false;
  InvitationInfo info;  // what the accept screen shows
};

class InvitationStore {
 public:
  explicit InvitationStore(Connection& c) : c_(c) {}

  int64_t insert(int64_t subscription_id, const std::string& token_hash, const std::string& email,
                 const std::string& name, int64_t now, int64_t expires_at);
  // Kills every live link of the subscription (before a resend issues a new one).
  void revoke_all(int64_t subscription_id, int64_t now);
  std::optional<StoredInvitation> find_by_token_hash(const std::string& token_hash);
  void mark_used(int64_t id, int64_t now);

 private:
  Connection& c_;
};

}  // namespace signet
