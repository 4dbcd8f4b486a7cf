#include "storage/retention_store.h"

#include <vector>

namespace signet {

int RetentionStore::run(const std::string& sql, int64_t before, int batch) {
  auto q = c_.prepare(sql);
  q->bind(1, before);
  q->bind(2, batch);
  return q->exec();
}

int64_t RetentionStore::first_audit_id_at_or_after(const std::string& at) {
  auto q = c_.prepare(
      "SELECT COALESCE((SELECT id FROM audit_log WHERE at >= $1 ORDER BY id LIMIT 1), "
      "(SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log))");
  q->bind(1, at);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

int RetentionStore::delete_audit_below(int64_t id, int batch) {
  return run("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id < $1 ORDER BY id LIMIT $2)", id,
             batch);
}

int RetentionStore::delete_sessions(int64_t last_seen_before, int64_t created_before, int batch) {
  auto q = c_.prepare(
      "DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions "
      "WHERE last_seen_at < $1 OR created_at < $2 LIMIT $3)");
  q->bind(1, last_seen_before);
  q->bind(2, created_before);
  q->bind(3, batch);
  return q->exec();
}

int RetentionStore::delete_links(Link kind, int64_t before, int batch) {
  struct Shape {
    const char* table;
    const char* key;
    const char* time;
  };
  static const Shape shapes[] = {{"password_resets", "token_hash", "expires_at"},
                                 {"setup_tokens", "token_hash", "created_at"},
                                 {"invitations", "id", "expires_at"},
                                 {"team_invitations", "id", "expires_at"}};
  const Shape& s = shapes[static_cast<int>(kind)];
  return run(std::string("DELETE FROM ") + s.table + " WHERE " + s.key + " IN (SELECT " + s.key + " FROM " + s.table +
                 " WHERE " + s.time + " < $1 LIMIT $2)",
             before, batch);
}

int RetentionStore::delete_finished_mail(int64_t finished_before, int batch) {
  return run("DELETE FROM mail_queue WHERE id IN (SELECT m.id FROM mail_queue m "
             "WHERE (m.sent_at < $1 OR m.failed_at < $1) "
             "AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.invitation_mail_id = m.id) LIMIT $2)",
             finished_before, batch);
}

int RetentionStore::delete_finished_deploy_runs(int64_t finished_before, int batch) {
  auto q = c_.prepare(
      "SELECT r.id FROM deploy_runs r WHERE r.finished_at < $1 AND r.id < "
      "(SELECT MAX(l.id) FROM deploy_runs l WHERE l.subscription_id = r.subscription_id) ORDER BY r.id LIMIT $2");
  q->bind(1, finished_before);
  q->bind(2, batch);
  std::vector<int64_t> runs;
  while (q->executeStep()) runs.push_back(q->getColumn(0).getInt64());
  for (int64_t run : runs)
    for (const char* sql : {"DELETE FROM deploy_targets WHERE run_id = $1", "DELETE FROM deploy_runs WHERE id = $1"}) {
      auto d = c_.prepare(sql);
      d->bind(1, run);
      d->exec();
    }
  return static_cast<int>(runs.size());
}

}  // namespace signet
