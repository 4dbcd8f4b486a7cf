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

 private:
  struct Entry {
    int failures = 0;
    int64_t window_start = 0;
    int64_t locked_until = 0;
  };
  void forget_old(int64_t now);

  Clock clock_;
  RateRule rule_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  int64_t last_sweep_ = 0;
};

}  // namespace signet
