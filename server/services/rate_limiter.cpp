#include "services/rate_limiter.h"

#include <algorithm>

#include "storage/connection_pool.h"

namespace signet {

template <typename F>
int64_t RateLimiter::update(const std::string& key, F change) {
  const int64_t now = clock_();
  auto c = pool_.acquire();
  // At most once a minute per server, stale entries go, so the table stays small: in a
  // transaction of its own, as it touches other keys' rows.
  if (int64_t last = last_sweep_.load(); now - last >= 60 && last_sweep_.compare_exchange_strong(last, now)) {
    WriteTransaction sweep(*c, {WriteScope::named("rate sweep " + scope_)});
    RateStore(*c).forget_stale(scope_, now - rule_.window_seconds, now);
    sweep.commit();
  }
  // The key's counter is read, changed and written back: servers counting the same key
  // take turns.
  WriteTransaction tx(*c, {WriteScope::named("rate " + scope_ + "\n" + key)});
  RateStore store(*c);
  RateEntry e = store.find(scope_, key).value_or(RateEntry{});
  const int64_t result = change(e, now);
  if (e.failures == 0 && e.locked_until <= now) {
    store.erase(scope_, key);
  } else {
    store.save(scope_, key, e);
  }
  tx.commit();
  return result;
}

int64_t RateLimiter::retry_after(const std::string& key) {
  auto c = pool_.acquire();
  const auto e = RateStore(*c).find(scope_, key);
  if (!e) return 0;
  return std::max<int64_t>(0, e->locked_until - clock_());
}

void RateLimiter::record_failure(const std::string& key) {
  update(key, [&](RateEntry& e, int64_t now) {
    count_failure(e, now);
    return 0;
  });
}

int64_t RateLimiter::begin_attempt(const std::string& key) {
  return update(key, [&](RateEntry& e, int64_t now) -> int64_t {
    if (e.locked_until > now) return e.locked_until - now;
    count_failure(e, now);
    return 0;
  });
}

void RateLimiter::undo_attempt(const std::string& key) {
  update(key, [&](RateEntry& e, int64_t) {
    if (e.failures == 0) return 0;
    if (--e.failures <= rule_.allowed_failures) e.locked_until = 0;
    return 0;
  });
}

int64_t RateLimiter::take(const std::string& key) {
  return update(key, [&](RateEntry& e, int64_t now) -> int64_t {
    if (now - e.window_start >= rule_.window_seconds) {
      e.failures = 0;
      e.window_start = now;
    }
    if (e.failures >= rule_.allowed_failures) return std::max<int64_t>(1, e.window_start + rule_.window_seconds - now);
    ++e.failures;
    return 0;
  });
}

void RateLimiter::count_failure(RateEntry& e, int64_t now) const {
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
  // Nothing to read first: one statement, not a write transaction, on every good sign-in.
  auto c = pool_.acquire();
  RateStore(*c).erase(scope_, key);
}

}  // namespace signet
