// All SQL that deletes what has outlived its use (services/retention.h decides when). Each
// call deletes at most `batch` rows, oldest first, so that the caller can commit between
// batches and other writers get their turn.
#pragma once
#include <cstdint>
#include <string>

#include "storage/connection_pool.h"

namespace signet {

class RetentionStore {
 public:
  explicit RetentionStore(Connection& c) : c_(c) {}

  // Audit entries are written in time order, so the old ones are those below the first id
  // at or after `at` (ISO 8601 UTC); that id is found without reading the rest of the log.
  int64_t first_audit_id_at_or_after(const std::string& at);
  int delete_audit_below(int64_t id, int batch);
  int delete_sessions(int64_t last_seen_before, int64_t created_before, int batch);
  // Links, by the time that ends them: reset links and invitations (customers', colleagues',
  // team) by expires_at, setup links by created_at.
  enum class Link { PasswordReset, SetupToken, Invitation, TeamInvitation };
  int delete_links(Link kind, int64_t before, int batch);
  // Delivered or given-up mail, except the one a subscription shows the delivery state of.
  int delete_finished_mail(int64_t finished_before, int batch);
  // Deployment runs finished before then, with their users' rows, except each subscription's
  // latest run. Counts runs.
  int delete_finished_deploy_runs(int64_t finished_before, int batch);

 private:
  int run(const std::string& sql, int64_t before, int batch);
  Connection& c_;
};

}  // namespace signet
