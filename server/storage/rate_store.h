// The counters behind services/rate_limiter.h, in the database so that every server of one
// database counts the same attempts and honours the same lockouts.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "storage/connection_pool.h"

namespace signet {

struct RateEntry {
  int failures = 0;
  int64_t window_start = 0;
  int64_t locked_until = 0;
};

class RateStore {
 public:
  explicit RateStore(Connection& c) : c_(c) {}

  std::optional<RateEntry> find(const std::string& scope, const std::string& subject);
  void save(const std::string& scope, const std::string& subject, const RateEntry& e);
  void erase(const std::string& scope, const std::string& subject);
  // Drops the entries of `scope` whose window began at or before `window_began` and whose
  // lockout is over at `now`: they hold nothing a later check would use.
  void forget_stale(const std::string& scope, int64_t window_began, int64_t now);

 private:
  Connection& c_;
};

}  // namespace signet
