// A sorted list of ids that SQL tests membership of with signet_id_in(id), for the length of
// a scope on one connection. The function reads the list in place: nothing is copied, parsed
// or bound per row, so a walk over an index can keep or skip each entry before reading its
// row. For a short list to be looked up row by row, id_list_json() feeds
// `id IN (SELECT value FROM json_each(?))` instead.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace signet {

// Where a connection's signet_id_in() looks; empty outside an IdSetScope (nothing matches).
struct IdSetSlot {
  const std::vector<int64_t>* ids = nullptr;
};

// Registers signet_id_in on `db`, reading from `slot` (which must outlive db).
void register_id_set_function(SQLite::Database& db, IdSetSlot& slot);

// Makes `ids` (ascending; must outlive the scope) the set signet_id_in() tests against.
class IdSetScope {
 public:
  IdSetScope(IdSetSlot& slot, const std::vector<int64_t>& ids) : slot_(slot) { slot_.ids = &ids; }
  ~IdSetScope() { slot_.ids = nullptr; }
  IdSetScope(const IdSetScope&) = delete;
  IdSetScope& operator=(const IdSetScope&) = delete;

 private:
  IdSetSlot& slot_;
};

std::string id_list_json(const std::vector<int64_t>& ids);

}  // namespace signet
