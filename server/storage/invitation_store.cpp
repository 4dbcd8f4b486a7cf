#include "storage/invitation_store.h"

namespace signet {

int64_t InvitationStore::insert(int64_t subscription_id, const std::string& token_hash,
                                const std::string& email, const std::string& name, int64_t now,
                                int64_t expires_at) {
  auto q = c_.prepare(
      "INSERT INTO invitations(subscription_id, token_hash, email, name, created_at, expires_at) "
      "VALUES(?, ?, ?, ?, ?, ?)");
  q->bind(1, subscription_id);
  q->bind(2, token_hash);
  q->bind(3, email);
  q->bind(4, name);
  q->bind(5, now);
  q->bind(6, expires_at);
  q->exec();
  return c_.db().getLastInsertRowid();
}

void InvitationStore::revoke_all(int64_t subscription_id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE invitations SET revoked_at = ? WHERE subscription_id = ? AND used_at IS NULL "
      "AND revoked_at IS NULL");
  q->bind(1, now);
  q->bind(2, subscription_id);
  q->exec();
}

std::optional<StoredInvitation> InvitationStore::find_by_token_hash(const std::string& token_hash) {
  auto q = c_.prepare(
      "SELECT i.id, i.subscription_id, s.reseller_id, i.email, i.name, i.expires_at, "
      "i.used_at IS NOT NULL, i.revoked_at IS NOT NULL, r.company_name, s.customer_name, s.product "
      "FROM invitations i JOIN subscriptions s ON s.id = i.subscription_id "
      "JOIN resellers r ON r.id = s.reseller_id WHERE i.token_hash = ?");
  q->bind(1, token_hash);
  if (!q->executeStep()) return std::nullopt;
  StoredInvitation i;
  i.id = q->getColumn(0).getInt64();
  i.subscription_id = q->getColumn(1).getInt64();
  i.reseller_id = q->getColumn(2).getInt64();
  i.email = q->getColumn(3).getString();
  i.name = q->getColumn(4).getString();
  i.expires_at = q->getColumn(5).getInt64();
  i.used = q->getColumn(6).getInt() != 0;
  i.revoked = q->getColumn(7).getInt() != 0;
  i.info.reseller_name = q->getColumn(8).getString();
  i.info.customer_name = q->getColumn(9).getString();
  i.info.product = parse_product(q->getColumn(10).getString()).value_or(Product::M365);
  i.info.contact_name = i.name;
  i.info.contact_email = i.email;
  return i;
}

void InvitationStore::mark_used(int64_t id, int64_t now) {
  auto q = c_.prepare("UPDATE invitations SET used_at = ? WHERE id = ?");
  q->bind(1, now);
  q->bind(2, id);
  q->exec();
}

}  // namespace signet
