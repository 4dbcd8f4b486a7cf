// Accounts and sessions: sign-in, session checks with idle and absolute expiry, sign-out,
// reseller accounts (admin command and first-run setup).
#pragma once
#include <optional>
#include <string>

#include "clock.h"
#include "crypto.h"
#include "services/actor.h"
#include "services/rate_limiter.h"
#include "signet/model.h"
#include "storage/account_store.h"
#include "storage/connection_pool.h"

namespace signet {

struct SessionPolicy {
  int64_t idle_timeout_seconds = 30 * 60;
  int64_t absolute_timeout_seconds = 12 * 60 * 60;
  int64_t setup_token_lifetime_seconds = 7 * 24 * 60 * 60;
};

struct NewSession {
  std::string token;  // the cookie value; only its hash is stored
  Actor actor;
};

class AuthService {
 public:
  AuthService(ConnectionPool& pool, PasswordHasher& hasher, Clock clock, SessionPolicy policy = {});

  // Throws InvalidCredentials with one message for unknown e-mail and wrong password alike;
  // RateLimited once the account or the client address has failed too often.
  NewSession sign_in(const Credentials& credentials, const std::string& client_address = "");
  // nullopt for unknown, expired or ended sessions. Refreshes the idle timer.
  std::optional<Actor> authenticate(const std::string& session_token);
  void sign_out(const Actor& actor);

  // Throws Validation (with fields) or Conflict (e-mail already a user name).
  User create_reseller(const ResellerSignup& signup);

  // A new session for a user who just proved who they are (sign-in, setup, invitation).
  NewSession open_session(const User& user, int64_t reseller_id,
                          std::optional<int64_t> subscription_id);
  std::string hash_password(std::string_view password) { return hasher_.hash(password); }
  std::string reseller_name(const Actor& actor);

  // First-run setup. issue_setup_token() returns nullopt once any reseller exists.
  std::optional<std::string> issue_setup_token();
  void check_setup_token(const std::string& token);  // throws NotFound / Gone
  NewSession complete_setup(const std::string& token, const ResellerSignup& signup);

 private:
  // Validates, hashes and inserts reseller + owner user in one transaction. With a setup
  // token, also proves the token is still live inside that transaction.
  StoredUser insert_reseller_account(const ResellerSignup& signup, const std::string* setup_token);

  ConnectionPool& pool_;
  PasswordHasher& hasher_;
  Clock clock_;
  SessionPolicy policy_;
  RateLimiter by_account_;
  RateLimiter by_address_;
};

}  // namespace signet
