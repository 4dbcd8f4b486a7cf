// All SQL of live deployment: a subscription's Google connection (its sealed key), deployment
// runs and their targets, one per directory user.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/connection_pool.h"

namespace signet {

struct GoogleConnection {
  int64_t subscription_id = 0;
  std::string client_email;
  std::string sealed_key;
  int64_t connected_at = 0;
};

struct DeployTarget {
  int64_t run_id = 0;
  int64_t subscription_id = 0;
  int64_t directory_user_id = 0;
  std::string email;
  std::string html;
  int64_t template_id = 0;
  int64_t template_version = 0;
  std::string state;  // pending | deployed | failed
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::string error;
  std::optional<int64_t> done_at;
};

struct DeployRun {
  int64_t id = 0;
  std::string reason;
  int64_t created_at = 0;
  std::optional<int64_t> finished_at;
};

class DeployStore {
 public:
  explicit DeployStore(Connection& c) : c_(c) {}

  void save_connection(const GoogleConnection& g, std::optional<int64_t> by_user);
  std::optional<GoogleConnection> connection(int64_t subscription_id);
  bool delete_connection(int64_t subscription_id);

  int64_t insert_run(int64_t subscription_id, const std::string& reason, int64_t now);
  void insert_target(const DeployTarget& t);
  std::optional<DeployRun> latest_run(int64_t subscription_id);
  std::vector<DeployTarget> targets(int64_t run_id);
  // The pending target due longest at `now`, of every subscription, claimed until
  // `claim_until`: its next attempt is put off to then, so no other server takes it
  // meanwhile (on PostgreSQL, a target another server is claiming right now is skipped).
  // Marking it deployed, failed or for retry ends the claim.
  std::optional<DeployTarget> claim_next(int64_t now, int64_t claim_until);
  void mark_deployed(const DeployTarget& t, int64_t now);
  void mark_retry(const DeployTarget& t, int attempts, int64_t next_attempt_at, const std::string& error);
  void mark_failed(const DeployTarget& t, int attempts, const std::string& error, int64_t now);
  // Every pending target of the subscription's runs fails with `error` (the key was removed).
  void fail_pending(int64_t subscription_id, const std::string& error, int64_t now);
  // The run's failed targets are pending again from `now`, as if never tried, and the run is
  // open again when any was; returns how many.
  int retry_failed(int64_t run_id, int64_t now);
  // A run "change" for the subscription at `due_at`, replacing one already scheduled.
  void schedule(int64_t subscription_id, int64_t due_at);
  // Scheduled runs due at `now`, taken off the schedule.
  std::vector<int64_t> take_scheduled(int64_t now);
  // Connected subscriptions whose latest run started at `before` or earlier (or that never ran).
  std::vector<int64_t> connected_without_run_since(int64_t before);
  // Closes the run when no target is pending any more.
  void finish_if_done(int64_t run_id, int64_t now);

 private:
  Connection& c_;
};

}  // namespace signet
