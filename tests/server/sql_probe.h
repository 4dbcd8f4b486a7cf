// Reading the database straight from a test, on either engine.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "storage/sqlite_engine.h"

namespace signet::test {

// The first column of the first row of `sql`.
inline int64_t query_int(Connection& c, const std::string& sql) {
  auto q = c.prepare(sql);
  if (!q->executeStep()) throw std::runtime_error("no row: " + sql);
  return q->getColumn(0).getInt64();
}
inline std::string query_text(Connection& c, const std::string& sql) {
  auto q = c.prepare(sql);
  if (!q->executeStep()) throw std::runtime_error("no row: " + sql);
  return q->getColumn(0).getString();
}

// The SQLite database behind `c`, for the tests of SQLite's own settings and files.
inline SQLite::Database& sqlite_db(Connection& c) { return dynamic_cast<SqliteConnection&>(c).db(); }

}  // namespace signet::test
