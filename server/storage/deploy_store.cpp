#include "storage/deploy_store.h"

namespace signet {

namespace {

constexpr const char* kTargetColumns =
    "t.run_id, r.subscription_id, t.directory_user_id, t.email, t.html, t.template_id, t.template_version, "
    "t.state, t.attempts, t.next_attempt_at, t.error, t.done_at";

DeployTarget read_target(Statement& q) {
  DeployTarget t;
  t.run_id = q.getColumn(0).getInt64();
  t.subscription_id = q.getColumn(1).getInt64();
  t.directory_user_id = q.getColumn(2).getInt64();
  t.email = q.getColumn(3).getString();
  t.html = q.getColumn(4).getString();
  t.template_id = q.getColumn(5).getInt64();
  t.template_version = q.getColumn(6).getInt64();
  t.state = q.getColumn(7).getString();
  t.attempts = q.getColumn(8).getInt();
  t.next_attempt_at = q.getColumn(9).getInt64();
  t.error = q.getColumn(10).getText("");
  if (!q.getColumn(11).isNull()) t.done_at = q.getColumn(11).getInt64();
  return t;
}

}  // namespace

void DeployStore::save_connection(const GoogleConnection& g, std::optional<int64_t> by_user) {
  auto q = c_.prepare(
      "INSERT INTO google_connections(subscription_id, client_email, sealed_key, connected_at, connected_by) "
      "VALUES($1, $2, $3, $4, $5) ON CONFLICT(subscription_id) DO UPDATE SET client_email = excluded.client_email, "
      "sealed_key = excluded.sealed_key, connected_at = excluded.connected_at, connected_by = excluded.connected_by");
  q->bind(1, g.subscription_id);
  q->bind(2, g.client_email);
  q->bind_blob(3, g.sealed_key);
  q->bind(4, g.connected_at);
  if (by_user) q->bind(5, *by_user);
  else q->bind(5);
  q->exec();
}

std::optional<GoogleConnection> DeployStore::connection(int64_t subscription_id) {
  auto q = c_.prepare("SELECT client_email, sealed_key, connected_at FROM google_connections WHERE subscription_id = $1");
  q->bind(1, subscription_id);
  if (!q->executeStep()) return std::nullopt;
  GoogleConnection g;
  g.subscription_id = subscription_id;
  g.client_email = q->getColumn(0).getString();
  g.sealed_key = q->getColumn(1).getBlob();
  g.connected_at = q->getColumn(2).getInt64();
  return g;
}

bool DeployStore::delete_connection(int64_t subscription_id) {
  auto q = c_.prepare("DELETE FROM google_connections WHERE subscription_id = $1");
  q->bind(1, subscription_id);
  return q->exec() > 0;
}

int64_t DeployStore::insert_run(int64_t subscription_id, const std::string& reason, int64_t now) {
  auto q = c_.prepare("INSERT INTO deploy_runs(subscription_id, reason, created_at) VALUES($1, $2, $3) RETURNING id");
  q->bind(1, subscription_id);
  q->bind(2, reason);
  q->bind(3, now);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

void DeployStore::insert_target(const DeployTarget& t) {
  auto q = c_.prepare(
      "INSERT INTO deploy_targets(run_id, directory_user_id, email, html, template_id, template_version, "
      "next_attempt_at) VALUES($1, $2, $3, $4, $5, $6, $7)");
  q->bind(1, t.run_id);
  q->bind(2, t.directory_user_id);
  q->bind(3, t.email);
  q->bind(4, t.html);
  q->bind(5, t.template_id);
  q->bind(6, t.template_version);
  q->bind(7, t.next_attempt_at);
  q->exec();
}

std::optional<DeployRun> DeployStore::latest_run(int64_t subscription_id) {
  auto q = c_.prepare(
      "SELECT id, reason, created_at, finished_at FROM deploy_runs WHERE subscription_id = $1 ORDER BY id DESC LIMIT 1");
  q->bind(1, subscription_id);
  if (!q->executeStep()) return std::nullopt;
  DeployRun r;
  r.id = q->getColumn(0).getInt64();
  r.reason = q->getColumn(1).getString();
  r.created_at = q->getColumn(2).getInt64();
  if (!q->getColumn(3).isNull()) r.finished_at = q->getColumn(3).getInt64();
  return r;
}

std::vector<DeployTarget> DeployStore::targets(int64_t run_id) {
  auto q = c_.prepare(std::string("SELECT ") + kTargetColumns +
                      " FROM deploy_targets t JOIN deploy_runs r ON r.id = t.run_id WHERE t.run_id = $1 ORDER BY t.email");
  q->bind(1, run_id);
  std::vector<DeployTarget> out;
  while (q->executeStep()) out.push_back(read_target(*q));
  return out;
}

std::optional<DeployTarget> DeployStore::claim_next(int64_t now, int64_t claim_until) {
  static const std::string pick = std::string("SELECT ") + kTargetColumns +
                                  " FROM deploy_targets t JOIN deploy_runs r ON r.id = t.run_id"
                                  " WHERE t.state = 'pending' AND t.next_attempt_at <= $1"
                                  " ORDER BY t.next_attempt_at, t.run_id LIMIT 1";
  WriteTransaction tx(c_);  // what it claims, FOR UPDATE SKIP LOCKED decides
  std::optional<DeployTarget> t;
  {
    auto q = c_.prepare(DialectSql{pick, pick + " FOR UPDATE OF t SKIP LOCKED"});
    q->bind(1, now);
    if (!q->executeStep()) return std::nullopt;
    t = read_target(*q);
  }
  auto claim = c_.prepare("UPDATE deploy_targets SET next_attempt_at = $1 WHERE run_id = $2 AND directory_user_id = $3");
  claim->bind(1, claim_until);
  claim->bind(2, t->run_id);
  claim->bind(3, t->directory_user_id);
  claim->exec();
  tx.commit();
  return t;
}

void DeployStore::mark_deployed(const DeployTarget& t, int64_t now) {
  auto q = c_.prepare(
      "UPDATE deploy_targets SET state = 'deployed', attempts = attempts + 1, error = NULL, done_at = $1 "
      "WHERE run_id = $2 AND directory_user_id = $3");
  q->bind(1, now);
  q->bind(2, t.run_id);
  q->bind(3, t.directory_user_id);
  q->exec();
}

void DeployStore::mark_retry(const DeployTarget& t, int attempts, int64_t next_attempt_at, const std::string& error) {
  auto q = c_.prepare(
      "UPDATE deploy_targets SET attempts = $1, next_attempt_at = $2, error = $3 WHERE run_id = $4 AND directory_user_id = $5");
  q->bind(1, attempts);
  q->bind(2, next_attempt_at);
  q->bind(3, error);
  q->bind(4, t.run_id);
  q->bind(5, t.directory_user_id);
  q->exec();
}

void DeployStore::mark_failed(const DeployTarget& t, int attempts, const std::string& error, int64_t now) {
  auto q = c_.prepare(
      "UPDATE deploy_targets SET state = 'failed', attempts = $1, error = $2, done_at = $3 "
      "WHERE run_id = $4 AND directory_user_id = $5");
  q->bind(1, attempts);
  q->bind(2, error);
  q->bind(3, now);
  q->bind(4, t.run_id);
  q->bind(5, t.directory_user_id);
  q->exec();
}

void DeployStore::fail_pending(int64_t subscription_id, const std::string& error, int64_t now) {
  auto q = c_.prepare(
      "UPDATE deploy_targets SET state = 'failed', error = $1, done_at = $2 WHERE state = 'pending' "
      "AND run_id IN (SELECT id FROM deploy_runs WHERE subscription_id = $3)");
  q->bind(1, error);
  q->bind(2, now);
  q->bind(3, subscription_id);
  q->exec();
  auto close = c_.prepare("UPDATE deploy_runs SET finished_at = $1 WHERE subscription_id = $2 AND finished_at IS NULL");
  close->bind(1, now);
  close->bind(2, subscription_id);
  close->exec();
}

int DeployStore::retry_failed(int64_t run_id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE deploy_targets SET state = 'pending', attempts = 0, next_attempt_at = $1, error = NULL, done_at = NULL "
      "WHERE run_id = $2 AND state = 'failed'");
  q->bind(1, now);
  q->bind(2, run_id);
  const int n = q->exec();
  if (n == 0) return 0;
  auto reopen = c_.prepare("UPDATE deploy_runs SET finished_at = NULL WHERE id = $1");
  reopen->bind(1, run_id);
  reopen->exec();
  return n;
}

void DeployStore::schedule(int64_t subscription_id, int64_t due_at) {
  auto q = c_.prepare(
      "INSERT INTO deploy_schedule(subscription_id, due_at) VALUES($1, $2) "
      "ON CONFLICT(subscription_id) DO UPDATE SET due_at = excluded.due_at");
  q->bind(1, subscription_id);
  q->bind(2, due_at);
  q->exec();
}

std::vector<int64_t> DeployStore::take_scheduled(int64_t now) {
  auto q = c_.prepare("DELETE FROM deploy_schedule WHERE due_at <= $1 RETURNING subscription_id");
  q->bind(1, now);
  std::vector<int64_t> out;
  while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
  return out;
}

std::vector<int64_t> DeployStore::connected_without_run_since(int64_t before) {
  auto q = c_.prepare(
      "SELECT g.subscription_id FROM google_connections g WHERE COALESCE((SELECT MAX(created_at) FROM deploy_runs r "
      "WHERE r.subscription_id = g.subscription_id), 0) <= $1 ORDER BY g.subscription_id");
  q->bind(1, before);
  std::vector<int64_t> out;
  while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
  return out;
}

void DeployStore::finish_if_done(int64_t run_id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE deploy_runs SET finished_at = $1 WHERE id = $2 AND finished_at IS NULL AND NOT EXISTS "
      "(SELECT 1 FROM deploy_targets WHERE run_id = $3 AND state = 'pending')");
  q->bind(1, now);
  q->bind(2, run_id);
  q->bind(3, run_id);
  q->exec();
}

}  // namespace signet
