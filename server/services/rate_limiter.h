// Brute-force brakes: failures per key (an account, a client address, a link) within a
// window. Past the allowance each further failure doubles a lockout, up to a cap; while
// locked the caller answers 429 with Retry-After. In memory: a restart forgives, which is
// acceptable for a single-process server and keeps every request free of extra writes.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "clock.h"

namespace signet {

struct RateRule {
  int allowed_failures = 5;         // within the window, before lockouts start
  int64_t window_seconds = 15 * 60;
  int64_t first_lockout_seconds = 30;
  int64_t max_lockout_seconds = 15 * 60;
};

class RateLimiter {
 public:
  RateLimiter(Clock clock, RateRule rule) : clock_(std::move(clock)), rule_(rule) {}

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
  struct Entry {
    int failures = 0;
    int64_t window_start = 0;
    int64_t locked_until = 0;
  };
  void forget_old(int64_t now);
  void count_failure(Entry& e, int64_t now);  // with mutex_ held

  Clock clock_;
  RateRule rule_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  int64_t last_sweep_ = 0;
};

}  // namespace signet
