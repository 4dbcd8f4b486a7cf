// All SQL about invitation links. Tokens are stored only as hashes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  std::string language;  // the subscription's: the new user's first language
  InvitationInfo info;   // what the accept screen shows
};

// A colleague's link that has not been redeemed yet.
struct PendingColleague {
  int64_t id = 0;
  std::string name;
  std::string email;
  int64_t expires_at = 0;
};

class InvitationStore {
 public:
  explicit InvitationStore(Connection& c) : c_(c) {}

  // kind: "customer" (the contact the reseller named) or "colleague" (invited by a customer
  // user or the reseller later; invited_by names who).
  // `inviter_id`: the user who sent a colleague's link (removing them revokes it).
  int64_t insert(int64_t subscription_id, const std::string& token_hash, const std::string& email,
                 const std::string& name, int64_t now, int64_t expires_at, const std::string& kind = "customer",
                 const std::string& invited_by = "", std::optional<int64_t> inviter_id = std::nullopt);
  // Kills every live link of that kind to that subscription, or only those to `email`
  // (before a resend issues a new one).
  void revoke_live(int64_t subscription_id, int64_t now, const std::string& kind = "customer",
                   const std::string& email = "");
  // A colleague's live link; false when there is none with that id on that subscription.
  bool revoke_colleague(int64_t subscription_id, int64_t invitation_id, int64_t now);
  std::vector<PendingColleague> pending_colleagues(int64_t subscription_id, int64_t now);
  int count_pending_colleagues(int64_t subscription_id, int64_t now);
  // Kills the live links `user_id` sent (they are being removed).
  void revoke_sent_by(int64_t user_id, int64_t now);
  std::optional<StoredInvitation> find_by_token_hash(const std::string& token_hash);
  void mark_used(int64_t id, int64_t now);

 private:
  Connection& c_;
};

}  // namespace signet
