#include "storage/mailflow_store.h"

namespace signet {

std::optional<std::string> MailflowStore::token_of(int64_t subscription_id) {
  auto q = c_.prepare("SELECT token FROM mailflow_routes WHERE subscription_id = $1");
  q->bind(1, subscription_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getString();
}

std::string MailflowStore::ensure_token(int64_t subscription_id, const std::string& token, int64_t now) {
  auto q = c_.prepare(
      "INSERT INTO mailflow_routes(subscription_id, token, created_at) VALUES($1, $2, $3) "
      "ON CONFLICT(subscription_id) DO NOTHING");
  q->bind(1, subscription_id);
  q->bind(2, token);
  q->bind(3, now);
  q->exec();
  return *token_of(subscription_id);
}

std::optional<int64_t> MailflowStore::subscription_of(const std::string& token) {
  auto q = c_.prepare("SELECT subscription_id FROM mailflow_routes WHERE token = $1");
  q->bind(1, token);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

std::vector<std::string> MailflowStore::directory_domains(int64_t subscription_id) {
  auto q = c_.prepare(
      DialectSql{"SELECT DISTINCT substr(email, instr(email, '@') + 1) AS domain FROM directory_users "
                 "WHERE subscription_id = $1 AND instr(email, '@') > 0 ORDER BY domain",
                 "SELECT DISTINCT substr(email, strpos(email, '@') + 1) AS domain FROM directory_users "
                 "WHERE subscription_id = $1 AND strpos(email, '@') > 0 ORDER BY domain"});
  q->bind(1, subscription_id);
  std::vector<std::string> out;
  while (q->executeStep()) out.push_back(q->getColumn(0).getString());
  return out;
}

void MailflowStore::record_signed(int64_t subscription_id, int64_t directory_user_id, int64_t template_version,
                                  int64_t now) {
  auto q = c_.prepare(
      "INSERT INTO mailflow_signed(subscription_id, directory_user_id, template_version, signed_at) "
      "VALUES($1, $2, $3, $4) ON CONFLICT(subscription_id, directory_user_id) DO UPDATE SET "
      "template_version = excluded.template_version, signed_at = excluded.signed_at, messages = mailflow_signed.messages + 1");
  q->bind(1, subscription_id);
  q->bind(2, directory_user_id);
  q->bind(3, template_version);
  q->bind(4, now);
  q->exec();
}

std::vector<SignedState> MailflowStore::signed_states(int64_t subscription_id) {
  auto q = c_.prepare(
      "SELECT u.email, s.template_version, s.signed_at, s.messages FROM mailflow_signed s "
      "JOIN directory_users u ON u.id = s.directory_user_id WHERE s.subscription_id = $1 ORDER BY u.email");
  q->bind(1, subscription_id);
  std::vector<SignedState> out;
  while (q->executeStep())
    out.push_back({q->getColumn(0).getString(), q->getColumn(1).getInt64(), q->getColumn(2).getInt64(),
                   q->getColumn(3).getInt64()});
  return out;
}

}  // namespace signet
