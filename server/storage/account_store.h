// All SQL about resellers, users, sessions and first-run setup tokens.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/model.h"
#include "storage/connection_pool.h"

namespace signet {

struct StoredUser {
  User user;
  std::string password_hash;
  std::string phone;
  int64_t reseller_id = 0;
  std::optional<int64_t> subscription_id;  // customers only
};

struct StoredSession {
  StoredUser owner;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
};

// A user from a row that starts with the columns id, email, name, language (the listings of
// team members and of a customer's users share that prefix).
User user_from_row(Statement& row);

class AccountStore {
 public:
  explicit AccountStore(Connection& c) : c_(c) {}

  bool any_reseller();
  int64_t insert_reseller(const std::string& company_name, const std::string& created_at);
  std::optional<std::string> reseller_company(int64_t reseller_id);

  // Returns nullopt when the e-mail address is already a user name.
  std::optional<int64_t> insert_user(const StoredUser& u, const std::string& created_at);
  std::optional<StoredUser> find_user_by_email(const std::string& normalized_email);
  void update_password_hash(int64_t user_id, const std::string& hash);
  void update_profile(int64_t user_id, const std::string& name, const std::string& phone, const std::string& language);
  std::string phone_of(int64_t user_id);

  void insert_session(const std::string& token_hash, int64_t user_id,
                      const std::string& csrf_token, int64_t now);
  std::optional<StoredSession> find_session(const std::string& token_hash);
  void touch_session(const std::string& token_hash, int64_t now);
  void delete_session(const std::string& token_hash);
  void delete_sessions_of_user(int64_t user_id);

  // All sessions of a user but one (keep_hash; empty: end them all).
  void delete_other_sessions(int64_t user_id, const std::string& keep_hash);
  std::optional<StoredUser> find_user(int64_t user_id);
  // The customer users of one subscription, oldest first.
  std::vector<User> customer_users(int64_t subscription_id);
  // Deletes one of them (their sessions go with them); false when it is not one of them.
  bool delete_customer_user(int64_t subscription_id, int64_t user_id);

  // Password reset links: issuing a new one kills the user's older ones.
  void insert_password_reset(const std::string& token_hash, int64_t user_id, int64_t now, int64_t expires_at);
  // The user a live link belongs to; nullopt when unknown, used or expired.
  std::optional<int64_t> live_password_reset(const std::string& token_hash, int64_t now);
  void use_password_reset(const std::string& token_hash, int64_t now);

  // First-run setup: at most one live token; issuing a new one kills older ones.
  void replace_setup_token(const std::string& token_hash, int64_t now);
  bool setup_token_valid(const std::string& token_hash, int64_t not_before);
  void delete_setup_tokens();

 private:
  Connection& c_;
};

}  // namespace signet
