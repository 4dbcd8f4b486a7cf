#include "storage/id_set.h"

#include <sqlite3.h>

#include <algorithm>

namespace signet {

namespace {

void id_in(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* slot = static_cast<const IdSetSlot*>(sqlite3_user_data(ctx));
  sqlite3_result_int(ctx, slot->ids && std::binary_search(slot->ids->begin(), slot->ids->end(),
                                                          sqlite3_value_int64(argv[0])));
}

}  // namespace

void register_id_set_function(SQLite::Database& db, IdSetSlot& slot) {
  // DIRECTONLY: usable in this server's own statements, never from schema (triggers, views).
  const int rc = sqlite3_create_function_v2(db.getHandle(), "signet_id_in", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                            &slot, id_in, nullptr, nullptr, nullptr);
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
