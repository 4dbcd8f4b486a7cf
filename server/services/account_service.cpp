#include "services/account_service.h"

#include "mail/link_mails.h"
#include "services/service_error.h"
#include "signet/validation.h"
#include "storage/account_store.h"
#include "storage/mail_store.h"

namespace signet {

namespace {
constexpr int64_t kResetLifetimeSeconds = 60 * 60;
}

AccountService::AccountService(ConnectionPool& pool, PasswordHasher& hasher, Clock clock, MailSettings mail,
                               std::function<void()> on_mail_queued)
    : pool_(pool),
      hasher_(hasher),
      clock_(clock),
      mail_(std::move(mail)),
      on_mail_queued_(std::move(on_mail_queued)),
      // Three reset mails an hour per account or address: enough for a forgetful person,
      // too few to flood someone's mailbox.
      requests_(pool, clock, RateRule{3, 60 * 60, 60 * 60, 60 * 60}, "password-reset.request"),
      // Password hashing has two slots for everyone (sign-ins included): five changes in
      // 15 minutes per user, then 15 minutes of waiting.
      password_changes_(pool, clock, RateRule{5, 15 * 60, 15 * 60, 15 * 60}, "password.change") {}

User AccountService::update_profile(const Actor& actor, const ProfileChange& change) {
  FieldErrors errors;
  if (change.name)
    if (auto m = check_person_name(*change.name)) errors.emplace("name", *m);
  if (change.phone)
    if (auto m = check_phone(*change.phone)) errors.emplace("phone", *m);
  if (change.language && *change.language != "en" && *change.language != "nl")
    errors.emplace("language", "Language must be \"en\" or \"nl\".");
  require_valid(errors);
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::user(actor.user.id)});
  AccountStore store(*c);
  auto user = store.find_user(actor.user.id);
  if (!user) throw ServiceError(ErrorKind::Unauthenticated, phrase("Sign in to continue."));
  User u = user->user;
  if (change.name) u.name = normalize_text(*change.name);
  if (change.language) u.language = *change.language;
  const std::string phone = change.phone ? normalize_text(*change.phone) : store.phone_of(u.id);
  store.update_profile(u.id, u.name, phone, u.language);
  tx.commit();
  return u;
}

std::string AccountService::phone(const Actor& actor) {
  auto c = pool_.acquire();
  return AccountStore(*c).phone_of(actor.user.id);
}

void AccountService::change_password(const Actor& actor, const std::string& current, const std::string& replacement) {
  if (const int64_t wait = password_changes_.begin_attempt(std::to_string(actor.user.id)))
    throw ServiceError::rate_limited(wait);
  std::optional<StoredUser> user;
  {
    auto c = pool_.acquire();
    user = AccountStore(*c).find_user(actor.user.id);
  }
  if (!user) throw ServiceError(ErrorKind::Unauthenticated, phrase("Sign in to continue."));
  if (!hasher_.verify(user->password_hash, current))
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"current_password", phrase("This is not your current password.")}});
  if (auto m = check_password(replacement, user->user.email))
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"new_password", *m}});
  const std::string hash = hasher_.hash(replacement);
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::user(actor.user.id)});
  AccountStore store(*c);
  store.update_password_hash(actor.user.id, hash);
  store.delete_other_sessions(actor.user.id, actor.session_hash);  // every other device signs in again
  tx.commit();
}

void AccountService::request_reset(const std::string& email, const std::string& client_address) {
  const std::string account_key = "account:" + email;
  const std::string address_key = "address:" + client_address;
  if (requests_.retry_after(account_key) > 0 || requests_.retry_after(address_key) > 0) return;  // quietly
  requests_.record_failure(account_key);
  requests_.record_failure(address_key);
  const int64_t now = clock_();
  auto c = pool_.acquire();
  // Named by address: the account is found inside. One live link per account.
  WriteTransaction tx(*c, {WriteScope::named("password reset " + email)});
  AccountStore store(*c);
  const auto user = store.find_user_by_email(email);
  if (!user) return;
  const std::string token = random_token();
  store.insert_password_reset(hash_token(token), user->user.id, now, now + kResetLifetimeSeconds);
  const std::string link = mail_.base_url + "/reset/" + token;
  const MailEnvelope envelope{user->user.email, mail_.mail_from, new_message_id(mail_.mail_from),
                              parse_language(user->user.language).value_or(Language::En)};
  queue_mail(*c, password_reset_mail(envelope, user->user.name, link),
             "password reset link " + link, now);
  tx.commit();
  on_mail_queued_();
}

StoredUser AccountService::reset_user(const std::string& token_hash) {
  std::optional<StoredUser> user;
  {
    auto c = pool_.acquire();
    AccountStore store(*c);
    if (auto id = store.live_password_reset(token_hash, clock_())) user = store.find_user(*id);
  }
  if (!user)
    throw ServiceError(ErrorKind::Gone,
                       phrase("This reset link has been used, was replaced by a newer one, or has expired. Ask for a new one."));
  return *user;
}

std::string AccountService::reset_email(const std::string& token) { return reset_user(hash_token(token)).user.email; }

void AccountService::complete_reset(const std::string& token, const std::string& password) {
  const std::string hash = hash_token(token);
  const StoredUser user = reset_user(hash);
  if (auto m = check_password(password, user.user.email))
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"password", *m}});
  const std::string password_hash = hasher_.hash(password);
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::user(user.user.id)});  // a link is used once
  AccountStore store(*c);
  if (!store.live_password_reset(hash, clock_()))
    throw ServiceError(ErrorKind::Gone, phrase("This reset link has just been used. Ask for a new one."));
  store.use_password_reset(hash, clock_());
  store.update_password_hash(user.user.id, password_hash);
  store.delete_sessions_of_user(user.user.id);  // whoever knew the old password is out
  tx.commit();
}

}  // namespace signet
