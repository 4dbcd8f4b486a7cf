#include "storage/id_set.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>

namespace signet {

namespace {

// Marks a free slot. Subscription ids count up from 1, so none is this value.
constexpr int64_t kEmpty = std::numeric_limits<int64_t>::min();

void id_in(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* set = static_cast<const IdSet*>(sqlite3_user_data(ctx));
  sqlite3_result_int(ctx, set->contains(sqlite3_value_int64(argv[0])));
}

}  // namespace

size_t IdSet::slot_of(int64_t id) const {
  // Fibonacci hashing: ids of one reseller are spread but not random, and the multiply mixes
  // their low bits into the high ones the mask keeps after the shift.
  return static_cast<size_t>((static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
}

void IdSet::assign(const std::vector<int64_t>& ids) {
  clear();
  if (ids.empty()) return;
  size_t size = 16;
  while (size < ids.size() * 2) size *= 2;
  if (slots_.size() < size) slots_.resize(size);
  mask_ = size - 1;
  std::fill_n(slots_.begin(), size, kEmpty);
  for (int64_t id : ids) {
    if (id == kEmpty) continue;
    size_t at = slot_of(id);
    while (slots_[at] != kEmpty && slots_[at] != id) at = (at + 1) & mask_;
    slots_[at] = id;
  }
  empty_ = false;
}

void IdSet::clear() {
  empty_ = true;
  mask_ = 0;
}

bool IdSet::contains(int64_t id) const {
  if (empty_ || id == kEmpty) return false;
  for (size_t at = slot_of(id);; at = (at + 1) & mask_) {
    if (slots_[at] == id) return true;
    if (slots_[at] == kEmpty) return false;
  }
}

void register_id_set_function(SQLite::Database& db, const IdSet& set) {
  // DIRECTONLY: usable in this server's own statements, never from schema (triggers, views).
  const int rc = sqlite3_create_function_v2(db.getHandle(), "signet_id_in", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                            const_cast<IdSet*>(&set), id_in, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
}

std::string id_list_json(const std::vector<int64_t>& ids) {
  std::string json = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) json += ',';
    json += std::to_string(ids[i]);
  }
  return json + "]";
}

}  // namespace signet
