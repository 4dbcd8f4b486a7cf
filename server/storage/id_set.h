// A set of ids that SQL tests membership of with signet_id_in(id), for the length of a scope on
// one connection. The function reads the set in place: nothing is copied, parsed or bound per
// row, so a walk over an index can keep or skip each entry before reading its row. The walk
// asks once per index entry it visits (thousands per search), so the test is a hash probe, not
// a binary search. For a short list to be looked up row by row, id_list_json() feeds
// `id IN (SELECT value FROM json_each(?))` instead.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace signet {

// Open addressing with linear probing, at most half full. Each connection keeps one and
// reuses its slots from request to request, so a search allocates nothing once warm.
class IdSet {
 public:
  void assign(const std::vector<int64_t>& ids);
  void clear();  // nothing matches until the next assign
  bool contains(int64_t id) const;

 private:
  size_t slot_of(int64_t id) const;
  std::vector<int64_t> slots_;  // kEmpty where free
  size_t mask_ = 0;             // slots in use - 1; 0 with none in use
  bool empty_ = true;
};

// Registers signet_id_in on `db`, reading from `set` (which must outlive db).
void register_id_set_function(SQLite::Database& db, const IdSet& set);

// Makes `ids` the set signet_id_in() tests against until the scope ends.
class IdSetScope {
 public:
  IdSetScope(IdSet& set, const std::vector<int64_t>& ids) : set_(set) { set_.assign(ids); }
  ~IdSetScope() { set_.clear(); }
  IdSetScope(const IdSetScope&) = delete;
  IdSetScope& operator=(const IdSetScope&) = delete;

 private:
  IdSet& set_;
};

std::string id_list_json(const std::vector<int64_t>& ids);

}  // namespace signet
