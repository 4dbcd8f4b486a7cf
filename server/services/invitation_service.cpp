#include "services/invitation_service.h"

#include "crypto.h"
#include "mail/link_mails.h"
#include "services/service_error.h"
#include "storage/account_store.h"
#include "storage/invitation_store.h"
#include "storage/mail_store.h"
#include "storage/subscription_store.h"
#include "storage/team_store.h"

namespace signet {

namespace {
constexpr const char* kUnknownLink =
    phrase("This invitation link is not valid. Check that you opened the whole link from the e-mail.");
constexpr const char* kDeadLink = phrase(
    "This invitation link has already been used, was replaced by a newer one, or has expired. Ask your reseller to send a new invitation.");

// A subscription the actor may manage colleagues of; writes need it to be active for customers.
Subscription require_subscription(Connection& c, const Actor& actor, int64_t subscription_id, int64_t now,
                                  bool write) {
  auto s = SubscriptionStore(c, now).find(actor.reseller_id, subscription_id);
  if (!s || (!actor.is_reseller() && actor.subscription_id != subscription_id))
    throw ServiceError(ErrorKind::NotFound, phrase("There is no such subscription."));
  if (write && !actor.is_reseller() && s->status != SubscriptionStatus::Active)
    throw ServiceError(ErrorKind::Forbidden, phrase("This subscription is inactive. Ask your reseller to activate it."));
  return *s;
}

// Live means: not used, not replaced by a resend, not past its expiry.
void require_live(const StoredInvitation& i, int64_t now) {
  if (i.used || i.revoked || i.expires_at <= now) throw ServiceError(ErrorKind::Gone, kDeadLink);
}

}  // namespace

ServiceError too_many_pending_invitations() {
  return ServiceError(ErrorKind::Conflict,
                      fill(phrase("{count} invitations are waiting to be accepted. Revoke some before sending more."),
                           {{"count", std::to_string(kMaxPendingInvitations)}}));
}

InvitationService::InvitationService(ConnectionPool& pool, AuthService& auth, Clock clock,
                                     InvitationSettings settings, std::function<void()> on_mail_queued)
    : pool_(pool),
      auth_(auth),
      clock_(std::move(clock)),
      settings_(std::move(settings)),
      on_mail_queued_(std::move(on_mail_queued)),
      guesses_(pool, clock_, RateRule{10, 15 * 60, 30, 15 * 60}, "link.guess"),
      // Five sends an hour per subscription; then 10 minutes, doubling, at most an hour.
      resends_(pool, clock_, RateRule{5, 60 * 60, 10 * 60, 60 * 60}, "invitation.resend"),
      senders_(pool, clock_, invitation_sender_rule(), "colleague.invite") {}

void InvitationService::issue(Connection& c, const Subscription& s, const std::string& reseller_name) {
  const int64_t now = clock_();
  const int64_t expires_at = now + settings_.lifetime_seconds;
  const std::string token = random_token();
  InvitationStore invitations(c);
  invitations.revoke_live(s.id, now);
  invitations.insert(s.id, hash_token(token), s.contact_email, s.contact_name, now, expires_at);

  InvitationMailData data;
  data.product = s.product;
  data.reseller_name = reseller_name;
  data.customer_name = s.customer_name;
  data.contact_name = s.contact_name;
  data.link = settings_.base_url + "/invite/" + token;
  data.valid_days = static_cast<int>(settings_.lifetime_seconds / 86400);
  const MailEnvelope envelope{s.contact_email, settings_.mail_from, new_message_id(settings_.mail_from),
                              parse_language(s.language).value_or(Language::En)};
  const MailMessage mail = invitation_mail(envelope, data);
  const int64_t mail_id = queue_mail(c, mail, "invitation link " + data.link, now);
  SubscriptionStore(c, now).set_invitation(s.id, InvitationStatus::Pending, expires_at, mail_id);
}

void InvitationService::resend(const Actor& actor, int64_t subscription_id) {
  const std::string key = std::to_string(subscription_id);
  if (const int64_t wait = resends_.retry_after(key)) throw ServiceError::rate_limited(wait);
  {
    auto c = pool_.acquire();
    WriteTransaction tx(*c, {WriteScope::reseller(actor.reseller_id), WriteScope::subscription(subscription_id)});
    auto s = SubscriptionStore(*c, clock_()).find(actor.reseller_id, subscription_id);
    if (!s) throw ServiceError(ErrorKind::NotFound, phrase("There is no such subscription."));
    if (!s->customer_can_edit)
      throw ServiceError(ErrorKind::Conflict, phrase("This customer may not edit signatures, so there is no invitation to send."));
    if (s->invitation_status == InvitationStatus::Accepted)
      throw ServiceError(ErrorKind::Conflict, phrase("The customer has already accepted the invitation."));
    issue(*c, *s, AccountStore(*c).reseller_company(actor.reseller_id).value_or(""));
    tx.commit();
  }
  resends_.record_failure(key);  // counts sends, not failures
  mail_queued();
}

InvitationInfo InvitationService::lookup(const std::string& token, const std::string& client_address) {
  return find_live(token, client_address).info;
}

StoredInvitation InvitationService::find_live(const std::string& token, const std::string& client_address) {
  if (const int64_t wait = guesses_.retry_after(client_address)) throw ServiceError::rate_limited(wait);
  std::optional<StoredInvitation> i;
  {
    auto c = pool_.acquire();
    i = InvitationStore(*c).find_by_token_hash(hash_token(token));
    if (!i) i = TeamStore::find_by_token_hash(*c, hash_token(token));
  }
  try {
    if (!i) throw ServiceError(ErrorKind::NotFound, kUnknownLink);
    require_live(*i, clock_());
  } catch (const ServiceError&) {
    guesses_.record_failure(client_address);
    throw;
  }
  return *i;
}

NewSession InvitationService::accept(const std::string& token, const AcceptInvitation& request,
                                     const std::string& client_address) {
  const std::optional<StoredInvitation> invitation = find_live(token, client_address);
  require_valid(validate(request, invitation->email));

  const bool team = invitation->info.kind == "team";
  StoredUser u;
  u.user.email = invitation->email;
  u.user.name = request.name;
  u.user.role = team ? Role::Reseller : Role::Customer;
  u.user.reseller_role = team ? invitation->info.reseller_role : "";
  if (!invitation->language.empty()) u.user.language = invitation->language;
  if (!team) u.user.subscription_id = invitation->subscription_id;
  u.phone = request.phone;
  u.reseller_id = invitation->reseller_id;
  u.subscription_id = u.user.subscription_id;
  u.password_hash = auth_.hash_password(request.password);  // slow: outside the transaction
  {
    auto c = pool_.acquire();
    // The invitation's scopes, which resend and revoke name too: two tabs accepting at once
    // make one account, and a resend cannot turn an accepted invitation back to pending. The
    // reseller's as well for a customer: whoever updates a subscription row holds it (the
    // billing run updates many, each bumping the reseller's list version, and a writer taking
    // them in another order would deadlock with it).
    const WriteScope reseller = WriteScope::reseller(invitation->reseller_id);
    WriteTransaction tx(*c, {reseller, team ? reseller : WriteScope::subscription(invitation->subscription_id)});
    const int64_t now = clock_();
    // Checked again under the lock.
    auto again = team ? TeamStore::find_by_token_hash(*c, hash_token(token))
                      : InvitationStore(*c).find_by_token_hash(hash_token(token));
    if (!again) throw ServiceError(ErrorKind::NotFound, kUnknownLink);
    require_live(*again, now);
    auto id = AccountStore(*c).insert_user(u, format_timestamp(now));
    if (!id)
      throw ServiceError(ErrorKind::Conflict,
                         fill(phrase("There is already an account for {email}. Sign in instead."), {{"email", u.user.email}}));
    u.user.id = *id;
    if (team) {
      TeamStore::mark_used(*c, again->id, now);
    } else {
      InvitationStore(*c).mark_used(again->id, now);
      if (again->info.kind == "customer") SubscriptionStore(*c, now).mark_invitation_accepted(again->subscription_id);
    }
    tx.commit();
  }
  return auth_.open_session(u.user, u.reseller_id, u.subscription_id);
}

Colleagues InvitationService::colleagues(const Actor& actor, int64_t subscription_id) {
  auto c = pool_.acquire();
  const int64_t now = clock_();
  const Subscription s = require_subscription(*c, actor, subscription_id, now, false);
  return {AccountStore(*c).customer_users(subscription_id), s.contact_email,
          InvitationStore(*c).pending_colleagues(subscription_id, now)};
}

void InvitationService::invite_colleague(const Actor& actor, int64_t subscription_id, const std::string& name,
                                         const std::string& email) {
  FieldErrors errors;
  if (auto m = check_person_name(name)) errors.emplace("name", *m);
  if (auto m = check_email(email)) errors.emplace("email", *m);
  require_valid(errors);
  if (const int64_t wait = senders_.take(std::to_string(actor.user.id))) throw ServiceError::rate_limited(wait);
  {
    auto c = pool_.acquire();
    WriteTransaction tx(*c, {WriteScope::subscription(subscription_id)});
    const int64_t now = clock_();
    const Subscription s = require_subscription(*c, actor, subscription_id, now, true);
    if (!s.customer_can_edit)
      throw ServiceError(ErrorKind::Conflict, phrase("This customer may not edit signatures. The reseller can change that."));
    AccountStore accounts(*c);
    // Whether an address has an account anywhere else is not the caller's business: such an
    // invitation is sent like any other, and its link tells the address's owner to sign in.
    // Colleagues of this customer are in the list the caller sees anyway.
    if (const auto existing = accounts.find_user_by_email(email); existing && existing->subscription_id == s.id)
      throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                         {{"email", phrase("This person can already edit this customer's signatures.")}});
    InvitationStore invitations(*c);
    if (invitations.count_pending_colleagues(s.id, now) >= kMaxPendingInvitations) throw too_many_pending_invitations();
    const std::string reseller_name = accounts.reseller_company(actor.reseller_id).value_or("");
    const std::string token = random_token();
    invitations.revoke_live(s.id, now, "colleague", email);  // one live link per address
    const std::string invited_by = actor.is_reseller() ? std::string() : actor.user.name;
    invitations.insert(s.id, hash_token(token), email, name, now, now + settings_.lifetime_seconds, "colleague",
                       invited_by, actor.user.id);
    InvitationMailData data;
    data.product = s.product;
    data.reseller_name = reseller_name;
    data.customer_name = s.customer_name;
    data.contact_name = name;
    data.link = settings_.base_url + "/invite/" + token;
    data.valid_days = static_cast<int>(settings_.lifetime_seconds / 86400);
    data.invited_by = invited_by;
    const MailEnvelope envelope{email, settings_.mail_from, new_message_id(settings_.mail_from),
                                parse_language(s.language).value_or(Language::En)};
    queue_mail(*c, invitation_mail(envelope, data), "colleague invitation link " + data.link, now);
    tx.commit();
  }
  mail_queued();
}

void InvitationService::remove_colleague(const Actor& actor, int64_t subscription_id, int64_t user_id) {
  if (user_id == actor.user.id) throw ServiceError(ErrorKind::Conflict, phrase("You cannot remove yourself."));
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(subscription_id)});
  const int64_t now = clock_();
  require_subscription(*c, actor, subscription_id, now, true);
  if (!AccountStore(*c).delete_customer_user(subscription_id, user_id))
    throw ServiceError(ErrorKind::NotFound, phrase("There is no such colleague."));
  InvitationStore(*c).revoke_sent_by(user_id, now);  // their links go with them
  tx.commit();
}

void InvitationService::revoke_colleague_invitation(const Actor& actor, int64_t subscription_id,
                                                    int64_t invitation_id) {
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(subscription_id)});
  const int64_t now = clock_();
  require_subscription(*c, actor, subscription_id, now, true);
  if (!InvitationStore(*c).revoke_colleague(subscription_id, invitation_id, now))
    throw ServiceError(ErrorKind::NotFound, phrase("There is no such invitation."));
  tx.commit();
}

}  // namespace signet
