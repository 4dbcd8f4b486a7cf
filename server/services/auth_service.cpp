#include "services/auth_service.h"

#include <algorithm>

#include "services/service_error.h"
#include "storage/account_store.h"

namespace signet {

namespace {
constexpr const char* kBadCredentials = phrase("The e-mail address or password is not correct.");
// A session's idle timer is written at most this often: one write a minute per active
// user instead of one per request. Idle expiry is therefore exact to within a minute.
constexpr int64_t kTouchIntervalSeconds = 60;
// Who may issue or use the setup link, and create the first reseller, one at a time.
const WriteScope kSetupScope = WriteScope::named("setup link");
}  // namespace

AuthService::AuthService(ConnectionPool& pool, PasswordHasher& hasher, Clock clock,
                         SessionPolicy policy)
    : pool_(pool),
      hasher_(hasher),
      clock_(clock),
      policy_(policy),
      // An account: 5 failures, then 30 s, 60 s, ... up to 15 min. An address tries many
      // accounts (an office behind one NAT too): 20 failures before it is slowed down.
      by_account_(pool, clock, RateRule{5, 15 * 60, 30, 15 * 60}, "sign-in.account"),
      by_address_(pool, clock, RateRule{20, 15 * 60, 30, 15 * 60}, "sign-in.address") {}

NewSession AuthService::sign_in(const Credentials& credentials, const std::string& client_address) {
  const std::string& account_key = credentials.email;
  const std::string& address_key = client_address;
  // Counted before the slow hash, not after it: requests that arrive together would otherwise
  // all pass the check, and those refused a hashing slot (HasherBusy) would never count.
  if (const int64_t wait = by_account_.begin_attempt(account_key)) throw ServiceError::rate_limited(wait);
  if (!address_key.empty())
    if (const int64_t wait = by_address_.begin_attempt(address_key)) {
      by_account_.undo_attempt(account_key);
      throw ServiceError::rate_limited(wait);
    }
  std::optional<StoredUser> found;
  {
    auto c = pool_.acquire();
    found = AccountStore(*c).find_user_by_email(credentials.email);
  }  // no connection is held during the slow hash
  if (!found) {
    hasher_.verify_dummy(credentials.password);
    throw ServiceError(ErrorKind::InvalidCredentials, kBadCredentials);
  }
  if (!hasher_.verify(found->password_hash, credentials.password))
    throw ServiceError(ErrorKind::InvalidCredentials, kBadCredentials);
  by_account_.record_success(account_key);
  if (!address_key.empty()) by_address_.undo_attempt(address_key);  // successes do not count
  if (hasher_.needs_rehash(found->password_hash)) {
    const std::string upgraded = hasher_.hash(credentials.password);
    auto c = pool_.acquire();
    AccountStore(*c).update_password_hash(found->user.id, upgraded);
  }
  return open_session(found->user, found->reseller_id, found->subscription_id);
}

NewSession AuthService::open_session(const User& user, int64_t reseller_id,
                                      std::optional<int64_t> subscription_id) {
  NewSession s;
  s.token = random_token();
  s.actor.user = user;
  s.actor.reseller_id = reseller_id;
  s.actor.subscription_id = subscription_id;
  s.actor.csrf_token = random_token();
  s.actor.session_hash = hash_token(s.token);
  auto c = pool_.acquire();
  AccountStore(*c).insert_session(s.actor.session_hash, user.id, s.actor.csrf_token, clock_());
  return s;
}

std::optional<Actor> AuthService::authenticate(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 128) return std::nullopt;
  const std::string hash = hash_token(session_token);
  const int64_t now = clock_();
  auto c = pool_.acquire();
  AccountStore store(*c);
  auto session = store.find_session(hash);
  if (!session) return std::nullopt;
  if (now - session->last_seen_at >= policy_.idle_timeout_seconds ||
      now - session->created_at >= policy_.absolute_timeout_seconds) {
    store.delete_session(hash);
    return std::nullopt;
  }
  if (now - session->last_seen_at >= kTouchIntervalSeconds) store.touch_session(hash, now);
  Actor a;
  a.user = session->owner.user;
  a.reseller_id = session->owner.reseller_id;
  a.subscription_id = session->owner.subscription_id;
  a.csrf_token = session->csrf_token;
  a.session_hash = hash;
  return a;
}

std::string AuthService::reseller_name(const Actor& actor) {
  auto c = pool_.acquire();
  return AccountStore(*c).reseller_company(actor.reseller_id).value_or("");
}

void AuthService::sign_out(const Actor& actor) {
  auto c = pool_.acquire();
  AccountStore(*c).delete_session(actor.session_hash);
}

User AuthService::create_reseller(const ResellerSignup& signup) {
  return insert_reseller_account(signup, nullptr).user;
}

StoredUser AuthService::insert_reseller_account(const ResellerSignup& signup,
                                                const std::string* setup_token) {
  require_valid(validate(signup));
  StoredUser u;
  u.user.email = signup.email;
  u.user.name = signup.name;
  u.user.role = Role::Reseller;
  u.password_hash = hasher_.hash(signup.password);  // slow: before the transaction
  const std::string now = format_timestamp(clock_());

  auto c = pool_.acquire();
  WriteTransaction tx(*c, {kSetupScope});
  AccountStore store(*c);
  // Checked again inside the write transaction: two browsers racing on one setup link
  // end with one account and one "already used", never two owners.
  if (setup_token && (store.any_reseller() ||
                      !store.setup_token_valid(hash_token(*setup_token),
                                               clock_() - policy_.setup_token_lifetime_seconds)))
    throw ServiceError(ErrorKind::Gone, phrase("This setup link has just been used. Sign in instead."));
  u.reseller_id = store.insert_reseller(signup.company_name, now);
  auto id = store.insert_user(u, now);
  if (!id)
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"email", phrase("This e-mail address already has an account.")}});
  u.user.id = *id;
  store.delete_setup_tokens();  // a reseller exists: any setup link is spent
  tx.commit();
  return u;
}

std::optional<std::string> AuthService::issue_setup_token() {
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {kSetupScope});
  AccountStore store(*c);
  if (store.any_reseller()) return std::nullopt;
  std::string token = random_token();
  store.replace_setup_token(hash_token(token), clock_());
  tx.commit();
  return token;
}

void AuthService::check_setup_token(const std::string& token) {
  auto c = pool_.acquire();
  AccountStore store(*c);
  if (store.any_reseller())
    throw ServiceError(ErrorKind::Gone, phrase("This setup link has been used: the first account exists. Sign in instead."));
  if (!store.setup_token_valid(hash_token(token), clock_() - policy_.setup_token_lifetime_seconds))
    throw ServiceError(ErrorKind::NotFound,
                       phrase("This setup link is not valid. Use the newest link from the server log."));
}

NewSession AuthService::complete_setup(const std::string& token, const ResellerSignup& signup) {
  check_setup_token(token);
  const StoredUser u = insert_reseller_account(signup, &token);
  return open_session(u.user, u.reseller_id, std::nullopt);
}

}  // namespace signet
