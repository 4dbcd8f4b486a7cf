#include "services/rate_limiter.h"

#include <algorithm>

namespace signet {

int64_t RateLimiter::retry_after(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  return std::max<int64_t>(0, it->second.locked_until - clock_());
}

void RateLimiter::record_failure(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  forget_old(now);
  count_failure(entries_[key], now);
}

int64_t RateLimiter::begin_attempt(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  forget_old(now);
  Entry& e = entries_[key];
  if (e.locked_until > now) return e.locked_until - now;
  count_failure(e, now);
  return 0;
}

void RateLimiter::undo_attempt(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.failures == 0) return;
  if (--it->second.failures <= rule_.allowed_failures) it->second.locked_until = 0;
}

int64_t RateLimiter::take(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  forget_old(now);
  Entry& e = entries_[key];
  if (now - e.window_start >= rule_.window_seconds) {
    e.failures = 0;
    e.window_start = now;
  }
  if (e.failures >= rule_.allowed_failures) return std::max<int64_t>(1, e.window_start + rule_.window_seconds - now);
  ++e.failures;
  return 0;
}

void RateLimiter::count_failure(Entry& e, int64_t now) {
  if (now - e.window_start >= rule_.window_seconds && e.locked_until <= now) {
    e.failures = 0;
    e.window_start = now;
  }
  ++e.failures;
  const int over = e.failures - rule_.allowed_failures;
  if (over > 0) {
    const int64_t lockout =
        std::min(rule_.max_lockout_seconds, rule_.first_lockout_seconds << std::min(over - 1, 20));
    e.locked_until = now + lockout;
  }
}

void RateLimiter::record_success(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(key);
}

void RateLimiter::forget_old(int64_t now) {
  if (now - last_sweep_ < 60) return;  // at most once a minute, so memory stays bounded
  last_sweep_ = now;
  for (auto it = entries_.begin(); it != entries_.end();) {
    const bool stale = now - it->second.window_start >= rule_.window_seconds && it->second.locked_until <= now;
    it = stale ? entries_.erase(it) : std::next(it);
  }
}

}  // namespace signet
