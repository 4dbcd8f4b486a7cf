#include "storage/customer_names.h"

#include <algorithm>
#include <cstring>

#include "storage/connection_pool.h"

namespace signet {

CustomerNames::Names& CustomerNames::of(int64_t reseller_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = by_reseller_[reseller_id];
  if (!slot) slot = std::make_unique<Names>();
  return *slot;
}

void CustomerNames::catch_up(Connection& c, int64_t reseller_id, Names& names) {
  int64_t last = 0;
  {
    std::shared_lock<std::shared_mutex> read(names.lock);
    if (!names.ids.empty()) last = names.ids.back();
  }
  // Read outside the lock: usually nothing is new, and a first read of 100,000 rows should
  // not hold back searches of the same reseller that can go on with what is there.
  auto q = c.prepare(
      "SELECT id, search_key FROM subscriptions INDEXED BY subscriptions_by_reseller "
      "WHERE reseller_id = ? AND id > ? ORDER BY id");
  q->bind(1, reseller_id);
  q->bind(2, last);
  std::vector<std::pair<int64_t, std::string>> rows;
  while (q->executeStep()) rows.emplace_back(q->getColumn(0).getInt64(), q->getColumn(1).getString());
  if (rows.empty()) return;

  std::unique_lock<std::shared_mutex> write(names.lock);
  for (auto& [id, key] : rows) {
    if (!names.ids.empty() && id <= names.ids.back()) continue;  // another search added it first
    key.erase(std::remove(key.begin(), key.end(), '\n'), key.end());
    names.text += key;
    names.ends.push_back(names.text.size());
    names.text += '\n';
    names.ids.push_back(id);
  }
}

CustomerNames::Matches CustomerNames::matching(Connection& c, int64_t reseller_id, std::string_view needle) {
  Names& names = of(reseller_id);
  catch_up(c, reseller_id, names);
  std::shared_lock<std::shared_mutex> read(names.lock);
  Matches m;
  m.of = names.ids.size();
  if (needle.empty() || needle.find('\n') != std::string_view::npos) return m;
  // glibc's memmem skips through the text many bytes at a time; a hit is rare next to the
  // bytes skipped, so one call per hit costs little.
  const char* const text = names.text.data();
  const size_t size = names.text.size();
  size_t from = 0;
  while (from < size) {
    const void* hit = memmem(text + from, size - from, needle.data(), needle.size());
    if (!hit) break;
    const size_t at = static_cast<size_t>(static_cast<const char*>(hit) - text);
    // The name holding the hit is the first whose end lies beyond it; each name counts once,
    // so the next search starts after its end.
    const size_t i = static_cast<size_t>(std::upper_bound(names.ends.begin(), names.ends.end(), at) - names.ends.begin());
    m.ids.push_back(names.ids[i]);
    from = names.ends[i] + 1;
  }
  return m;
}

}  // namespace signet
