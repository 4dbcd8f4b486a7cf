#include "storage/invitation_store.h"

namespace signet {

int64_t InvitationStore::insert(int64_t subscription_id, const std::string& token_hash,
                                const std::string& email, const std::string& name, int64_t now,
                                int64_t expires_at, const std::string& kind, const std::string& invited_by,
                                std::optional<int64_t> inviter_id) {
  auto q = c_.prepare(
      "INSERT INTO invitations(subscription_id, token_hash, email, name, created_at, expires_at, kind, invited_by, "
      "inviter_id) VALUES($1, $2, $3, $4, $5, $6, $7, NULLIF($8, ''), $9) RETURNING id");
  q->bind(1, subscription_id);
  q->bind(2, token_hash);
  q->bind(3, email);
  q->bind(4, name);
  q->bind(5, now);
  q->bind(6, expires_at);
  q->bind(7, kind);
  q->bind(8, invited_by);
  if (inviter_id) q->bind(9, *inviter_id);
  else q->bind(9);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

void InvitationStore::revoke_live(int64_t subscription_id, int64_t now, const std::string& kind,
                                  const std::string& email) {
  auto q = c_.prepare(
      "UPDATE invitations SET revoked_at = $1 WHERE subscription_id = $2 AND kind = $3 AND ($4 = '' OR email = $5) "
      "AND used_at IS NULL AND revoked_at IS NULL");
  q->bind(1, now);
  q->bind(2, subscription_id);
  q->bind(3, kind);
  q->bind(4, email);
  q->bind(5, email);
  q->exec();
}

bool InvitationStore::revoke_colleague(int64_t subscription_id, int64_t invitation_id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND subscription_id = $3 AND kind = 'colleague' "
      "AND used_at IS NULL AND revoked_at IS NULL");
  q->bind(1, now);
  q->bind(2, invitation_id);
  q->bind(3, subscription_id);
  return q->exec() > 0;
}

std::vector<PendingColleague> InvitationStore::pending_colleagues(int64_t subscription_id, int64_t now) {
  auto q = c_.prepare(
      "SELECT id, name, email, expires_at FROM invitations WHERE subscription_id = $1 AND kind = 'colleague' "
      "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at, id");
  q->bind(1, subscription_id);
  q->bind(2, now);
  std::vector<PendingColleague> out;
  while (q->executeStep())
    out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getString(),
                   q->getColumn(3).getInt64()});
  return out;
}

int InvitationStore::count_pending_colleagues(int64_t subscription_id, int64_t now) {
  auto q = c_.prepare(
      "SELECT COUNT(*) FROM invitations WHERE subscription_id = $1 AND kind = 'colleague' "
      "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2");
  q->bind(1, subscription_id);
  q->bind(2, now);
  q->executeStep();
  return q->getColumn(0).getInt();
}

void InvitationStore::revoke_sent_by(int64_t user_id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE invitations SET revoked_at = $1 WHERE inviter_id = $2 AND used_at IS NULL AND revoked_at IS NULL");
  q->bind(1, now);
  q->bind(2, user_id);
  q->exec();
}

std::optional<StoredInvitation> InvitationStore::find_by_token_hash(const std::string& token_hash) {
  auto q = c_.prepare(
      "SELECT i.id, i.subscription_id, s.reseller_id, i.email, i.name, i.expires_at, "
      "i.used_at IS NOT NULL, i.revoked_at IS NOT NULL, r.company_name, s.customer_name, s.product, "
      "i.kind, s.language, COALESCE(i.invited_by, '') "
      "FROM invitations i JOIN subscriptions s ON s.id = i.subscription_id "
      "JOIN resellers r ON r.id = s.reseller_id WHERE i.token_hash = $1");
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
  i.info.kind = q->getColumn(11).getString();
  i.language = q->getColumn(12).getString();
  i.info.language = i.language;
  i.info.invited_by = q->getColumn(13).getString();
  return i;
}

void InvitationStore::mark_used(int64_t id, int64_t now) {
  auto q = c_.prepare("UPDATE invitations SET used_at = $1 WHERE id = $2");
  q->bind(1, now);
  q->bind(2, id);
  q->exec();
}

}  // namespace signet
