// Passwords after sign-up: change (needs the current one; other sessions end) and reset
// by e-mail (a single-use link valid for one hour; all sessions end).
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "clock.h"
#include "crypto.h"
#include "services/actor.h"
#include "services/rate_limiter.h"
#include "storage/account_store.h"
#include "storage/connection_pool.h"

namespace signet {

struct MailSettings {
  std::string base_url;
  std::string mail_from;
};

class AccountService {
 public:
  AccountService(ConnectionPool& pool, PasswordHasher& hasher, Clock clock, MailSettings mail,
                 std::function<void()> on_mail_queued);

  struct ProfileChange {
    std::optional<std::string> name, phone, language;
  };
  // Name, phone and language of the signed-in user; returns the user as now stored.
  User update_profile(const Actor& actor, const ProfileChange& change);
  std::string phone(const Actor& actor);  // the profile's phone; not kept in the session
  void change_password(const Actor& actor, const std::string& current, const std::string& replacement);
  // Always quiet: whether the address exists is never revealed. Mails a link when it does.
  void request_reset(const std::string& email, const std::string& client_address);
  void complete_reset(const std::string& token, const std::string& password);
  // The address a live reset link is for (the reset screen shows it, and password managers
  // save the new password under it); Gone when used, replaced, expired or unknown.
  std::string reset_email(const std::string& token);
  void set_base_url(const std::string& url) { mail_.base_url = url; }

 private:
  StoredUser reset_user(const std::string& token_hash);  // of a live link, else Gone

  ConnectionPool& pool_;
  PasswordHasher& hasher_;
  Clock clock_;
  MailSettings mail_;
  std::function<void()> on_mail_queued_;
  RateLimiter requests_;  // reset e-mails per address and per account
  RateLimiter password_changes_;  // per user: each costs two password hashes
};

}  // namespace signet
