#include "storage/rate_store.h"

namespace signet {

std::optional<RateEntry> RateStore::find(const std::string& scope, const std::string& subject) {
  auto q = c_.prepare("SELECT failures, window_start, locked_until FROM rate_limits WHERE scope = $1 AND subject = $2");
  q->bind(1, scope);
  q->bind(2, subject);
  if (!q->executeStep()) return std::nullopt;
  return RateEntry{q->getColumn(0).getInt(), q->getColumn(1).getInt64(), q->getColumn(2).getInt64()};
}

void RateStore::save(const std::string& scope, const std::string& subject, const RateEntry& e) {
  auto q = c_.prepare(
      "INSERT INTO rate_limits(scope, subject, failures, window_start, locked_until) VALUES($1, $2, $3, $4, $5) "
      "ON CONFLICT(scope, subject) DO UPDATE SET failures = excluded.failures, "
      "window_start = excluded.window_start, locked_until = excluded.locked_until");
  q->bind(1, scope);
  q->bind(2, subject);
  q->bind(3, e.failures);
  q->bind(4, e.window_start);
  q->bind(5, e.locked_until);
  q->exec();
}

void RateStore::erase(const std::string& scope, const std::string& subject) {
  auto q = c_.prepare("DELETE FROM rate_limits WHERE scope = $1 AND subject = $2");
  q->bind(1, scope);
  q->bind(2, subject);
  q->exec();
}

void RateStore::forget_stale(const std::string& scope, int64_t window_began, int64_t now) {
  auto q = c_.prepare("DELETE FROM rate_limits WHERE scope = $1 AND window_start <= $2 AND locked_until <= $3");
  q->bind(1, scope);
  q->bind(2, window_began);
  q->bind(3, now);
  q->exec();
}

}  // namespace signet
