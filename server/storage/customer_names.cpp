#include "storage/customer_names.h"

#include <algorithm>
#include <cstring>

#include "storage/connection_pool.h"

namespace signet {

namespace {

constexpr size_t kGram = 3;

uint32_t trigram_at(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2]));
}

// Keeps the entries of `kept` that are also in `other` (both ascending).
void intersect(std::vector<uint32_t>& kept, const std::vector<uint32_t>& other) {
  auto from = other.begin();
  auto out = kept.begin();
  for (uint32_t i : kept) {
    from = std::lower_bound(from, other.end(), i);
    if (from == other.end()) break;
    if (*from == i) *out++ = i;
  }
  kept.erase(out, kept.end());
}

}  // namespace

void CustomerNames::Names::add(int64_t id, std::string_view name) {
  const auto index = static_cast<uint32_t>(ids.size());
  for (size_t at = 0; at + kGram <= name.size(); ++at) {
    std::vector<uint32_t>& list = postings[trigram_at(name, at)];
    // Names are added in order, so a trigram seen twice in this name already ends with it.
    if (list.empty() || list.back() != index) list.push_back(index);
  }
  text += name;
  ends.push_back(text.size());
  text += '\n';
  ids.push_back(id);
}

std::vector<uint32_t> CustomerNames::Names::scan(std::string_view needle) const {
  // glibc's memmem skips through the text many bytes at a time; a hit is rare next to the
  // bytes skipped, so one call per hit costs little.
  std::vector<uint32_t> found;
  const char* const data = text.data();
  size_t from = 0;
  while (from < text.size()) {
    const void* hit = memmem(data + from, text.size() - from, needle.data(), needle.size());
    if (!hit) break;
    const auto at = static_cast<size_t>(static_cast<const char*>(hit) - data);
    // The name holding the hit is the first whose end lies beyond it; each name counts once,
    // so the next search starts after its end.
    const auto i = static_cast<size_t>(std::upper_bound(ends.begin(), ends.end(), at) - ends.begin());
    found.push_back(static_cast<uint32_t>(i));
    from = ends[i] + 1;
  }
  return found;
}

std::vector<uint32_t> CustomerNames::Names::look_up(std::string_view needle) const {
  std::vector<const std::vector<uint32_t>*> lists;
  for (size_t at = 0; at + kGram <= needle.size(); ++at) {
    const auto it = postings.find(trigram_at(needle, at));
    if (it == postings.end()) return {};
    lists.push_back(&it->second);
  }
  // The shortest list first: every later step only removes from it.
  std::sort(lists.begin(), lists.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
  std::vector<uint32_t> found = *lists.front();
  for (size_t k = 1; k < lists.size() && !found.empty(); ++k)
    if (lists[k] != lists[k - 1]) intersect(found, *lists[k]);
  // Holding every trigram of "abcd" does not make "abxbcd" hold "abcd"; three bytes it does.
  if (needle.size() > kGram) {
    auto out = found.begin();
    for (uint32_t i : found) {
      const std::string_view name(text.data() + begin_of(i), ends[i] - begin_of(i));
      if (name.find(needle) != std::string_view::npos) *out++ = i;
    }
    found.erase(out, found.end());
  }
  return found;
}

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
  auto q = c.prepare(DialectSql{"SELECT id, search_key FROM subscriptions INDEXED BY subscriptions_by_reseller "
                                "WHERE reseller_id = $1 AND id > $2 ORDER BY id",
                                "SELECT id, search_key FROM subscriptions WHERE reseller_id = $1 AND id > $2 ORDER BY id"});
  q->bind(1, reseller_id);
  q->bind(2, last);
  std::vector<std::pair<int64_t, std::string>> rows;
  while (q->executeStep()) rows.emplace_back(q->getColumn(0).getInt64(), q->getColumn(1).getString());
  if (rows.empty()) return;

  std::unique_lock<std::shared_mutex> write(names.lock);
  for (auto& [id, key] : rows) {
    if (!names.ids.empty() && id <= names.ids.back()) continue;  // another search added it first
    key.erase(std::remove(key.begin(), key.end(), '\n'), key.end());
    names.add(id, key);
  }
}

CustomerNames::Matches CustomerNames::matching(Connection& c, int64_t reseller_id, std::string_view needle) {
  Names& names = of(reseller_id);
  catch_up(c, reseller_id, names);
  std::shared_lock<std::shared_mutex> read(names.lock);
  Matches m;
  m.of = names.ids.size();
  if (needle.empty() || needle.find('\n') != std::string_view::npos) return m;
  const std::vector<uint32_t> found = needle.size() >= kGram ? names.look_up(needle) : names.scan(needle);
  m.ids.reserve(found.size());
  for (uint32_t i : found) m.ids.push_back(names.ids[i]);
  return m;
}

}  // namespace signet
