#include "storage/audit_store.h"

namespace signet {

void AuditStore::insert(const AuditRecord& e) {
  auto q = c_.prepare(
      "INSERT INTO audit_log(at, reseller_id, user_id, actor_email, action, target, outcome, detail, client_address) "
      "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)");
  q->bind(1, e.at);
  if (e.reseller_id) q->bind(2, *e.reseller_id);
  else q->bind(2);
  if (e.user_id) q->bind(3, *e.user_id);
  else q->bind(3);
  q->bind(4, e.actor_email);
  q->bind(5, e.action);
  q->bind(6, e.target);
  q->bind(7, e.outcome);
  q->bind(8, e.detail);
  q->bind(9, e.client_address);
  q->exec();
}

std::vector<AuditEntry> AuditStore::list(int64_t reseller_id, const AuditQuery& query) {
  std::string pattern = "%";
  for (char c : query.q) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += "%";
  // $2: an action, or a prefix ending in "."; $3: a LIKE pattern, matched without regard to
  // case (SQLite's LIKE, PostgreSQL's ILIKE).
  const std::string head =
      "SELECT id, at, actor_email, action, target, outcome, detail, client_address "
      "FROM audit_log WHERE (reseller_id = $1 OR (reseller_id IS NULL AND actor_email IN "
      "(SELECT email FROM users WHERE reseller_id = $1))) ";
  const std::string tail = "AND ($4 = 0 OR id < $4) ORDER BY id DESC LIMIT $5";
  auto q = c_.prepare(DialectSql{
      head + "AND ($2 = '' OR action = $2 OR (substr($2, -1) = '.' AND action LIKE $2 || '%')) "
             "AND ($3 = '%%' OR actor_email LIKE $3 ESCAPE '\\' OR target LIKE $3 ESCAPE '\\' "
             "OR detail LIKE $3 ESCAPE '\\') " + tail,
      head + "AND (CAST($2 AS text) = '' OR action = $2 OR (right($2, 1) = '.' AND action LIKE $2 || '%')) "
             "AND (CAST($3 AS text) = '%%' OR actor_email ILIKE $3 ESCAPE '\\' OR target ILIKE $3 ESCAPE '\\' "
             "OR detail ILIKE $3 ESCAPE '\\') " + tail});
  q->bind(1, reseller_id);
  q->bind(2, query.action);
  q->bind(3, pattern);
  q->bind(4, query.before_id);
  q->bind(5, query.limit);
  std::vector<AuditEntry> out;
  while (q->executeStep()) {
    AuditEntry e;
    e.id = q->getColumn(0).getInt64();
    e.at = q->getColumn(1).getString();
    e.actor_email = q->getColumn(2).getString();
    e.action = q->getColumn(3).getString();
    e.target = q->getColumn(4).getString();
    e.outcome = q->getColumn(5).getInt();
    e.detail = q->getColumn(6).getString();
    e.client_address = q->getColumn(7).getString();
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace signet
