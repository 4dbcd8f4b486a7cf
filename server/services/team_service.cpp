#include "services/team_service.h"

#include "crypto.h"
#include "mail/link_mails.h"
#include "services/invitation_service.h"
#include "services/service_error.h"
#include "signet/validation.h"
#include "storage/account_store.h"
#include "storage/mail_store.h"
#include "storage/team_store.h"

namespace signet {

namespace {
constexpr int64_t kTeamInvitationLifetime = 7 * 24 * 60 * 60;
}

TeamService::TeamService(ConnectionPool& pool, Clock clock, MailSettings mail, std::function<void()> on_mail_queued)
    : pool_(pool),
      clock_(std::move(clock)),
      mail_(std::move(mail)),
      on_mail_queued_(std::move(on_mail_queued)),
      senders_(pool, clock_, invitation_sender_rule(), "team.invite") {}

std::vector<User> TeamService::members(const Actor& owner) {
  auto c = pool_.acquire();
  return TeamStore(*c, owner.reseller_id).members();
}

std::vector<PendingTeamInvitation> TeamService::pending_invitations(const Actor& owner) {
  auto c = pool_.acquire();
  return TeamStore(*c, owner.reseller_id).pending_invitations(clock_());
}

void TeamService::revoke_invitation(const Actor& owner, int64_t invitation_id) {
  auto c = pool_.acquire();
  if (!TeamStore(*c, owner.reseller_id).revoke_invitation(invitation_id, clock_()))
    throw ServiceError(ErrorKind::NotFound, phrase("There is no such invitation."));
}

void TeamService::invite(const Actor& owner, const TeamInvite& invite) {
  FieldErrors errors;
  if (auto m = check_person_name(invite.name)) errors.emplace("name", *m);
  if (auto m = check_email(invite.email)) errors.emplace("email", *m);
  if (!parse_reseller_role(invite.role)) errors.emplace("role", phrase("Choose owner, billing or support."));
  require_valid(errors);
  if (const int64_t wait = senders_.take(std::to_string(owner.user.id))) throw ServiceError::rate_limited(wait);
  const int64_t now = clock_();
  {
    auto c = pool_.acquire();
    WriteTransaction tx(*c, {WriteScope::reseller(owner.reseller_id)});  // the pending count
    AccountStore accounts(*c);
    // An address with an account elsewhere gets its invitation like any other (its link tells
    // its owner to sign in): the answer must not reveal who is on the platform. The team's
    // own members are in the list the owner sees anyway.
    if (const auto existing = accounts.find_user_by_email(invite.email);
        existing && existing->reseller_id == owner.reseller_id && existing->user.role == Role::Reseller)
      throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                         {{"email", phrase("This person is already on your team.")}});
    TeamStore team(*c, owner.reseller_id);
    if (team.count_pending(now) >= kMaxPendingInvitations) throw too_many_pending_invitations();
    const std::string token = random_token();
    team.insert_invitation(hash_token(token), invite.email, invite.name, invite.role, now, now + kTeamInvitationLifetime,
                           owner.user.id);
    const std::string link = mail_.base_url + "/invite/" + token;
    // Written in the inviting owner's language: the colleague has not chosen one yet.
    const MailEnvelope envelope{invite.email, mail_.mail_from, new_message_id(mail_.mail_from),
                                parse_language(owner.user.language).value_or(Language::En)};
    queue_mail(*c,
               team_invitation_mail(envelope, accounts.reseller_company(owner.reseller_id).value_or(""), invite.name,
                                    invite.role, link),
               "team invitation link " + link, now);
    tx.commit();
  }
  on_mail_queued_();
}

void TeamService::remove(const Actor& owner, int64_t user_id) {
  if (user_id == owner.user.id)
    throw ServiceError(ErrorKind::Conflict, phrase("You cannot remove yourself. Ask another owner."));
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::reseller(owner.reseller_id)});  // the owners left
  TeamStore team(*c, owner.reseller_id);
  if (!team.remove(user_id)) throw ServiceError(ErrorKind::NotFound, phrase("There is no such colleague."));
  if (team.count_owners() == 0)
    throw ServiceError(ErrorKind::Conflict, phrase("The team needs at least one owner."));  // rolls back
  const int64_t now = clock_();
  team.revoke_sent_by(user_id, now);
  InvitationStore(*c).revoke_sent_by(user_id, now);
  tx.commit();
}

}  // namespace signet
