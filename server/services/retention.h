// What the server keeps, and for how long: run hourly (main.cpp), it deletes audit entries
// older than 400 days, sessions past their idle or absolute expiry, spent setup and reset
// links, invitation links 30 days after they expired, and mail 30 days after it was delivered
// or given up (except the invitation mail a subscription shows the state of), and deployment
// runs 30 days after they finished (except each subscription's latest, which its screen shows).
#pragma once
#include <cstdint>

#include "clock.h"
#include "services/auth_service.h"
#include "storage/connection_pool.h"

namespace signet {

struct RetentionPolicy {
  int64_t audit_seconds = 400 * 86400;
  // An expired invitation link is kept this long, so a late click is told "expired", not "unknown".
  int64_t expired_link_seconds = 30 * 86400;
  int64_t finished_mail_seconds = 30 * 86400;
  int64_t finished_deploy_run_seconds = 30 * 86400;
};

struct PruneResult {
  int64_t audit = 0, sessions = 0, links = 0, mail = 0, deploy_runs = 0;
  int64_t total() const { return audit + sessions + links + mail + deploy_runs; }
};

class Retention {
 public:
  Retention(ConnectionPool& pool, Clock clock, SessionPolicy sessions = {}, RetentionPolicy policy = {})
      : pool_(pool), clock_(std::move(clock)), sessions_(sessions), policy_(policy) {}

  // Deletes in batches of 1,000 rows, one write transaction each.
  PruneResult prune();

 private:
  ConnectionPool& pool_;
  Clock clock_;
  SessionPolicy sessions_;
  RetentionPolicy policy_;
};

}  // namespace signet
