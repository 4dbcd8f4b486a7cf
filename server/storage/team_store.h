// All SQL about a reseller's staff: members, their roles, and team invitation links.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/model.h"
#include "storage/connection_pool.h"
#include "storage/invitation_store.h"

namespace signet {

struct PendingTeamInvitation {
  int64_t id = 0;
  std::string name;
  std::string email;
  std::string role;
  int64_t expires_at = 0;
};

class TeamStore {
 public:
  TeamStore(Connection& c, int64_t reseller_id) : c_(c), reseller_(reseller_id) {}

  std::vector<User> members();
  int count_owners();
  // Removes a staff member (their sessions go with them: ON DELETE CASCADE).
  bool remove(int64_t user_id);

  int64_t insert_invitation(const std::string& token_hash, const std::string& email, const std::string& name,
                            const std::string& role, int64_t now, int64_t expires_at, int64_t inviter_id);
  std::vector<PendingTeamInvitation> pending_invitations(int64_t now);
  int count_pending(int64_t now);
  // Kills the live team links `user_id` sent (they are being removed).
  void revoke_sent_by(int64_t user_id, int64_t now);
  bool revoke_invitation(int64_t id, int64_t now);  // false: no live one with that id
  // A team invitation by token, whichever reseller it belongs to (the token is the key).
  static std::optional<StoredInvitation> find_by_token_hash(Connection& c, const std::string& token_hash);
  static void mark_used(Connection& c, int64_t id, int64_t now);

 private:
  Connection& c_;
  int64_t reseller_;
};

}  // namespace signet
