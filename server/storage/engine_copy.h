// Moving an installation from SQLite to PostgreSQL (signet-server admin copy): every row of
// every table, in one PostgreSQL transaction, verified by counting both sides.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace signet {

struct CopiedTable {
  std::string name;
  int64_t rows = 0;
};

// Copies the SQLite database `from` (migrated first, as any start does) into the PostgreSQL
// database `to`, which must hold no rows yet (its schema is made if missing).
// Throws std::runtime_error, changing nothing in `to`, when the target is not empty or a
// count differs afterwards.
std::vector<CopiedTable> copy_sqlite_to_postgres(const std::string& from, const std::string& to);

}  // namespace signet
