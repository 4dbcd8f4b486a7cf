// The reseller's staff: the owner invites colleagues by e-mail with a role (owner, billing,
// support) and removes them; removing someone ends their sessions at once.
#pragma once
#include <functional>
#include <vector>

#include "clock.h"
#include "services/account_service.h"
#include "services/actor.h"
#include "services/rate_limiter.h"
#include "storage/connection_pool.h"
#include "storage/team_store.h"

namespace signet {

struct TeamInvite {
  std::string name;
  std::string email;
  std::string role;
};

class TeamService {
 public:
  TeamService(ConnectionPool& pool, Clock clock, MailSettings mail, std::function<void()> on_mail_queued);

  std::vector<User> members(const Actor& owner);
  std::vector<PendingTeamInvitation> pending_invitations(const Actor& owner);
  void revoke_invitation(const Actor& owner, int64_t invitation_id);
  void invite(const Actor& owner, const TeamInvite& invite);
  // Conflict for oneself and for the last owner. The team links they sent, and the colleague
  // links they sent to customers, are revoked with them.
  void remove(const Actor& owner, int64_t user_id);
  void set_base_url(const std::string& url) { mail_.base_url = url; }

 private:
  ConnectionPool& pool_;
  Clock clock_;
  MailSettings mail_;
  std::function<void()> on_mail_queued_;
  RateLimiter senders_;  // team invitations per sending owner
};

}  // namespace signet
