#include "storage/account_store.h"

namespace signet {

namespace {
constexpr const char* kUserColumns =
    "u.id, u.email, u.name, u.role, u.password_hash, u.reseller_id, u.subscription_id, "
    "COALESCE(u.reseller_role, ''), u.language";

StoredUser read_user(Statement& q, int first = 0) {
  StoredUser s;
  s.user.id = q.getColumn(first).getInt64();
  s.user.email = q.getColumn(first + 1).getString();
  s.user.name = q.getColumn(first + 2).getString();
  s.user.role = parse_role(q.getColumn(first + 3).getString()).value_or(Role::Customer);
  s.password_hash = q.getColumn(first + 4).getString();
  s.reseller_id = q.getColumn(first + 5).getInt64();
  if (!q.getColumn(first + 6).isNull()) s.subscription_id = q.getColumn(first + 6).getInt64();
  s.user.subscription_id = s.subscription_id;
  s.user.reseller_role = q.getColumn(first + 7).getString();
  s.user.language = q.getColumn(first + 8).getString();
  return s;
}
}  // namespace

bool AccountStore::any_reseller() {
  auto q = c_.prepare("SELECT EXISTS(SELECT 1 FROM resellers)");
  q->executeStep();
  return q->getColumn(0).getInt() != 0;
}

int64_t AccountStore::insert_reseller(const std::string& company_name,
                                      const std::string& created_at) {
  auto q = c_.prepare("INSERT INTO resellers(company_name, created_at) VALUES($1, $2) RETURNING id");
  q->bind(1, company_name);
  q->bind(2, created_at);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

std::optional<std::string> AccountStore::reseller_company(int64_t reseller_id) {
  auto q = c_.prepare("SELECT company_name FROM resellers WHERE id = $1");
  q->bind(1, reseller_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getString();
}

std::optional<int64_t> AccountStore::insert_user(const StoredUser& u,
                                                 const std::string& created_at) {
  auto q = c_.prepare(
      "INSERT INTO users(email, name, password_hash, role, reseller_id, subscription_id, created_at, phone, "
      "reseller_role, language) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT(email) DO NOTHING RETURNING id");
  q->bind(1, u.user.email);
  q->bind(2, u.user.name);
  q->bind(3, u.password_hash);
  q->bind(4, std::string(to_string(u.user.role)));
  q->bind(5, u.reseller_id);
  if (u.subscription_id) q->bind(6, *u.subscription_id);
  else q->bind(6);
  q->bind(7, created_at);
  q->bind(8, u.phone);
  if (u.user.role == Role::Reseller) q->bind(9, u.user.reseller_role.empty() ? "owner" : u.user.reseller_role);
  else q->bind(9);
  q->bind(10, u.user.language);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

std::optional<StoredUser> AccountStore::find_user_by_email(const std::string& email) {
  auto q = c_.prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.email = $1");
  q->bind(1, email);
  if (!q->executeStep()) return std::nullopt;
  return read_user(*q);
}

void AccountStore::update_password_hash(int64_t user_id, const std::string& hash) {
  auto q = c_.prepare("UPDATE users SET password_hash = $1 WHERE id = $2");
  q->bind(1, hash);
  q->bind(2, user_id);
  q->exec();
}

void AccountStore::update_profile(int64_t user_id, const std::string& name, const std::string& phone,
                                  const std::string& language) {
  auto q = c_.prepare("UPDATE users SET name = $1, phone = $2, language = $3 WHERE id = $4");
  q->bind(1, name);
  q->bind(2, phone);
  q->bind(3, language);
  q->bind(4, user_id);
  q->exec();
}

std::string AccountStore::phone_of(int64_t user_id) {
  auto q = c_.prepare("SELECT phone FROM users WHERE id = $1");
  q->bind(1, user_id);
  return q->executeStep() ? q->getColumn(0).getString() : std::string();
}

void AccountStore::insert_session(const std::string& token_hash, int64_t user_id,
                                  const std::string& csrf_token, int64_t now) {
  auto q = c_.prepare(
      "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen_at) "
      "VALUES($1, $2, $3, $4, $5)");
  q->bind(1, token_hash);
  q->bind(2, user_id);
  q->bind(3, csrf_token);
  q->bind(4, now);
  q->bind(5, now);
  q->exec();
}

std::optional<StoredSession> AccountStore::find_session(const std::string& token_hash) {
  auto q = c_.prepare(std::string("SELECT ") + kUserColumns +
                       ", s.csrf_token, s.created_at, s.last_seen_at "
                       "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1");
  q->bind(1, token_hash);
  if (!q->executeStep()) return std::nullopt;
  StoredSession s;
  s.owner = read_user(*q);
  s.csrf_token = q->getColumn(9).getString();
  s.created_at = q->getColumn(10).getInt64();
  s.last_seen_at = q->getColumn(11).getInt64();
  return s;
}

void AccountStore::touch_session(const std::string& token_hash, int64_t now) {
  auto q = c_.prepare("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2");
  q->bind(1, now);
  q->bind(2, token_hash);
  q->exec();
}

void AccountStore::delete_session(const std::string& token_hash) {
  auto q = c_.prepare("DELETE FROM sessions WHERE token_hash = $1");
  q->bind(1, token_hash);
  q->exec();
}

void AccountStore::delete_sessions_of_user(int64_t user_id) {
  auto q = c_.prepare("DELETE FROM sessions WHERE user_id = $1");
  q->bind(1, user_id);
  q->exec();
}

void AccountStore::delete_other_sessions(int64_t user_id, const std::string& keep_hash) {
  auto q = c_.prepare("DELETE FROM sessions WHERE user_id = $1 AND token_hash != $2");
  q->bind(1, user_id);
  q->bind(2, keep_hash);
  q->exec();
}

std::optional<StoredUser> AccountStore::find_user(int64_t user_id) {
  auto q = c_.prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.id = $1");
  q->bind(1, user_id);
  if (!q->executeStep()) return std::nullopt;
  return read_user(*q);
}

void AccountStore::insert_password_reset(const std::string& token_hash, int64_t user_id, int64_t now,
                                         int64_t expires_at) {
  auto old = c_.prepare("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL");
  old->bind(1, now);
  old->bind(2, user_id);
  old->exec();
  auto q = c_.prepare("INSERT INTO password_resets(token_hash, user_id, created_at, expires_at) VALUES($1, $2, $3, $4)");
  q->bind(1, token_hash);
  q->bind(2, user_id);
  q->bind(3, now);
  q->bind(4, expires_at);
  q->exec();
}

std::optional<int64_t> AccountStore::live_password_reset(const std::string& token_hash, int64_t now) {
  auto q = c_.prepare(
      "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2");
  q->bind(1, token_hash);
  q->bind(2, now);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

void AccountStore::use_password_reset(const std::string& token_hash, int64_t now) {
  auto q = c_.prepare("UPDATE password_resets SET used_at = $1 WHERE token_hash = $2");
  q->bind(1, now);
  q->bind(2, token_hash);
  q->exec();
}

void AccountStore::replace_setup_token(const std::string& token_hash, int64_t now) {
  delete_setup_tokens();
  auto q = c_.prepare("INSERT INTO setup_tokens(token_hash, created_at) VALUES($1, $2)");
  q->bind(1, token_hash);
  q->bind(2, now);
  q->exec();
}

bool AccountStore::setup_token_valid(const std::string& token_hash, int64_t not_before) {
  auto q = c_.prepare("SELECT 1 FROM setup_tokens WHERE token_hash = $1 AND created_at >= $2");
  q->bind(1, token_hash);
  q->bind(2, not_before);
  return q->executeStep();
}

void AccountStore::delete_setup_tokens() { c_.prepare("DELETE FROM setup_tokens")->exec(); }

User user_from_row(Statement& row) {
  User u;
  u.id = row.getColumn(0).getInt64();
  u.email = row.getColumn(1).getString();
  u.name = row.getColumn(2).getString();
  u.language = row.getColumn(3).getString();
  return u;
}

std::vector<User> AccountStore::customer_users(int64_t subscription_id) {
  auto q = c_.prepare(
      "SELECT id, email, name, language FROM users WHERE subscription_id = $1 AND role = 'customer' ORDER BY id");
  q->bind(1, subscription_id);
  std::vector<User> out;
  while (q->executeStep()) {
    User u = user_from_row(*q);
    u.role = Role::Customer;
    u.subscription_id = subscription_id;
    out.push_back(std::move(u));
  }
  return out;
}

bool AccountStore::delete_customer_user(int64_t subscription_id, int64_t user_id) {
  auto q = c_.prepare("DELETE FROM users WHERE id = $1 AND subscription_id = $2 AND role = 'customer'");
  q->bind(1, user_id);
  q->bind(2, subscription_id);
  return q->exec() > 0;
}

}  // namespace signet
