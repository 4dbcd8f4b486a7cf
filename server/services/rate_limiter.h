// Brute-force brakes: failures per key (an account, a client address, a link) within a
// window. Past the allowance each further failure doubles a lockout, up to a cap; while
// locked the caller answers 429 with Retry-After. The counters live in the database
// (storage/rate_store.h): every server of one database counts the same attempts, and a
// lockout holds on all of them and across a restart.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "clock.h"
#include "storage/rate_store.h"

namespace signet {

class ConnectionPool;

struct RateRule {
  int allowed_failures = 5;         // within the window, before lockouts start
  int64_t window_seconds = 15 * 60;
  int64_t first_lockout_seconds = 30;
  int64_t max_lockout_seconds = 15 * 60;
};

class RateLimiter {
 public:
  // `scope` names this limiter's counters, apart from every other limiter's.
  RateLimiter(ConnectionPool& pool, Clock clock, RateRule rule, std::string scope)
      : pool_(pool), clock_(std::move(clock)), rule_(rule), scope_(std::move(scope)) {}

  // Seconds until `key` may try again; 0 when it may now.
  int64_t retry_after(const std::string& key);
  void record_failure(const std::string& key);
  void record_success(const std::string& key);
  // For work that is slow to tell success from failure (a password hash): checks and counts
  // the attempt as a failure in one step, before the work, so that attempts arriving together
  // cannot all pass the check first. Returns 0 when it may go ahead (and was counted), else
  // the seconds to wait (not counted).
  int64_t begin_attempt(const std::string& key);
  // An attempt begun above that turned out not to count (e.g. a successful sign-in seen from
  // the address's side): one failure less, and no lockout once within the allowance again.
  void undo_attempt(const std::string& key);
  // A quota rather than a brake: counts one use of `key` and returns 0 while at most
  // `allowed_failures` uses fall in the window; past that, the seconds until the window
  // ends (the use is not counted). The lockout fields of the rule are not used.
  int64_t take(const std::string& key);

 private:
  // Runs `change` on the entry of `key` (a fresh one if there is none) and stores the result,
  // in one write transaction: attempts on several servers at once each see the one before.
  template <typename F>
  int64_t update(const std::string& key, F change);
  void count_failure(RateEntry& e, int64_t now) const;

  ConnectionPool& pool_;
  Clock clock_;
  RateRule rule_;
  std::string scope_;
  std::atomic<int64_t> last_sweep_{0};
};

}  // namespace signet
