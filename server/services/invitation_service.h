// Invitation links for customer contacts: issued when a subscription lets customers edit
// (and on resend), shown on the accept screen, redeemed once to create the customer user.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "clock.h"
#include "services/auth_service.h"
#include "services/rate_limiter.h"
#include "services/service_error.h"
#include "signet/model.h"
#include "storage/connection_pool.h"
#include "storage/invitation_store.h"

namespace signet {

// Invitations people send (colleagues, team): anyone on the receiving end gets a mail with
// text the sender chose, so there are only so many. Per sender: 20 an hour. Waiting at once:
// 50 per customer (colleagues) and 50 per reseller (team).
constexpr int kInvitationsPerSenderPerHour = 20;
constexpr int kMaxPendingInvitations = 50;
inline RateRule invitation_sender_rule() { return RateRule{kInvitationsPerSenderPerHour, 60 * 60, 0, 0}; }
// The Conflict answered when kMaxPendingInvitations are waiting.
ServiceError too_many_pending_invitations();

struct InvitationSettings {
  std::string base_url;   // links are {base_url}/invite/{token}
  std::string mail_from;  // "Signet <no-reply@example.com>"
  int64_t lifetime_seconds = 7 * 24 * 60 * 60;
};

// Who edits a customer's signatures: its customer users and the links not yet redeemed.
struct Colleagues {
  std::vector<User> users;
  std::string primary_email;  // the contact the reseller named
  std::vector<PendingColleague> invitations;
};

class InvitationService {
 public:
  InvitationService(ConnectionPool& pool, AuthService& auth, Clock clock, InvitationSettings settings,
                    std::function<void()> on_mail_queued);

  // Within the caller's open transaction on `c`: kills older links, creates a new one,
  // queues the e-mail and marks the subscription's invitation pending. Call mail_queued()
  // after the commit.
  void issue(Connection& c, const Subscription& s, const std::string& reseller_name);
  void mail_queued() { on_mail_queued_(); }
  void set_base_url(const std::string& url) { settings_.base_url = url; }

  // Reseller action. Conflict when customers may not edit or the invitation was accepted.
  void resend(const Actor& actor, int64_t subscription_id);
  // NotFound for unknown links; Gone for used, replaced or expired ones. An address that
  // keeps guessing links is slowed down (RateLimited).
  InvitationInfo lookup(const std::string& token, const std::string& client_address = "");
  // Creates the customer user (user name: the invited e-mail) and signs them in.
  NewSession accept(const std::string& token, const AcceptInvitation& request,
                    const std::string& client_address = "");

  // Colleagues of a customer (the subscription's customer users and its reseller manage
  // them; the route's policy has checked that). Customer users of an inactive subscription
  // can only look.
  Colleagues colleagues(const Actor& actor, int64_t subscription_id);
  void invite_colleague(const Actor& actor, int64_t subscription_id, const std::string& name, const std::string& email);
  // Their sessions end with them. Conflict for oneself.
  void remove_colleague(const Actor& actor, int64_t subscription_id, int64_t user_id);
  void revoke_colleague_invitation(const Actor& actor, int64_t subscription_id, int64_t invitation_id);

 private:
  StoredInvitation find_live(const std::string& token, const std::string& client_address);

  ConnectionPool& pool_;
  AuthService& auth_;
  Clock clock_;
  InvitationSettings settings_;
  std::function<void()> on_mail_queued_;
  RateLimiter guesses_;  // bad links per client address
  RateLimiter resends_;  // invitation e-mails per subscription
  RateLimiter senders_;  // colleague invitations per sending user
};

}  // namespace signet
