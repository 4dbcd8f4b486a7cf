#include "storage/team_store.h"

#include "storage/account_store.h"

namespace signet {

std::vector<User> TeamStore::members() {
  auto q = c_.prepare(
      "SELECT id, email, name, language, COALESCE(reseller_role, 'owner') FROM users "
      "WHERE reseller_id = $1 AND role = 'reseller' ORDER BY lower(name), id");
  q->bind(1, reseller_);
  std::vector<User> out;
  while (q->executeStep()) {
    User u = user_from_row(*q);
    u.role = Role::Reseller;
    u.reseller_role = q->getColumn(4).getString();
    out.push_back(std::move(u));
  }
  return out;
}

int TeamStore::count_owners() {
  auto q = c_.prepare(
      "SELECT COUNT(*) FROM users WHERE reseller_id = $1 AND role = 'reseller' AND reseller_role = 'owner'");
  q->bind(1, reseller_);
  q->executeStep();
  return q->getColumn(0).getInt();
}

bool TeamStore::remove(int64_t user_id) {
  auto q = c_.prepare("DELETE FROM users WHERE reseller_id = $1 AND role = 'reseller' AND id = $2");
  q->bind(1, reseller_);
  q->bind(2, user_id);
  return q->exec() > 0;
}

int64_t TeamStore::insert_invitation(const std::string& token_hash, const std::string& email, const std::string& name,
                                     const std::string& role, int64_t now, int64_t expires_at, int64_t inviter_id) {
  auto old = c_.prepare(
      "UPDATE team_invitations SET revoked_at = $1 WHERE reseller_id = $2 AND email = $3 AND used_at IS NULL AND revoked_at IS NULL");
  old->bind(1, now);
  old->bind(2, reseller_);
  old->bind(3, email);
  old->exec();
  auto q = c_.prepare(
      "INSERT INTO team_invitations(reseller_id, token_hash, email, name, reseller_role, created_at, expires_at, "
      "inviter_id) VALUES($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
  q->bind(1, reseller_);
  q->bind(2, token_hash);
  q->bind(3, email);
  q->bind(4, name);
  q->bind(5, role);
  q->bind(6, now);
  q->bind(7, expires_at);
  q->bind(8, inviter_id);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

std::optional<StoredInvitation> TeamStore::find_by_token_hash(Connection& c, const std::string& token_hash) {
  auto q = c.prepare(
      "SELECT t.id, t.reseller_id, t.email, t.name, t.expires_at, t.used_at IS NOT NULL, t.revoked_at IS NOT NULL, "
      "t.reseller_role, r.company_name FROM team_invitations t JOIN resellers r ON r.id = t.reseller_id "
      "WHERE t.token_hash = $1");
  q->bind(1, token_hash);
  if (!q->executeStep()) return std::nullopt;
  StoredInvitation i;
  i.id = q->getColumn(0).getInt64();
  i.reseller_id = q->getColumn(1).getInt64();
  i.email = q->getColumn(2).getString();
  i.name = q->getColumn(3).getString();
  i.expires_at = q->getColumn(4).getInt64();
  i.used = q->getColumn(5).getInt() != 0;
  i.revoked = q->getColumn(6).getInt() != 0;
  i.info.kind = "team";
  i.info.reseller_role = q->getColumn(7).getString();
  i.info.reseller_name = q->getColumn(8).getString();
  i.info.contact_name = i.name;
  i.info.contact_email = i.email;
  return i;
}

void TeamStore::mark_used(Connection& c, int64_t id, int64_t now) {
  auto q = c.prepare("UPDATE team_invitations SET used_at = $1 WHERE id = $2");
  q->bind(1, now);
  q->bind(2, id);
  q->exec();
}

std::vector<PendingTeamInvitation> TeamStore::pending_invitations(int64_t now) {
  auto q = c_.prepare(
      "SELECT id, name, email, reseller_role, expires_at FROM team_invitations WHERE reseller_id = $1 "
      "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at, id");
  q->bind(1, reseller_);
  q->bind(2, now);
  std::vector<PendingTeamInvitation> out;
  while (q->executeStep())
    out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getString(),
                   q->getColumn(3).getString(), q->getColumn(4).getInt64()});
  return out;
}

int TeamStore::count_pending(int64_t now) {
  auto q = c_.prepare(
      "SELECT COUNT(*) FROM team_invitations WHERE reseller_id = $1 AND used_at IS NULL AND revoked_at IS NULL "
      "AND expires_at > $2");
  q->bind(1, reseller_);
  q->bind(2, now);
  q->executeStep();
  return q->getColumn(0).getInt();
}

void TeamStore::revoke_sent_by(int64_t user_id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE team_invitations SET revoked_at = $1 WHERE reseller_id = $2 AND inviter_id = $3 AND used_at IS NULL "
      "AND revoked_at IS NULL");
  q->bind(1, now);
  q->bind(2, reseller_);
  q->bind(3, user_id);
  q->exec();
}

bool TeamStore::revoke_invitation(int64_t id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE team_invitations SET revoked_at = $1 WHERE id = $2 AND reseller_id = $3 AND used_at IS NULL "
      "AND revoked_at IS NULL");
  q->bind(1, now);
  q->bind(2, id);
  q->bind(3, reseller_);
  return q->exec() > 0;
}

}  // namespace signet
