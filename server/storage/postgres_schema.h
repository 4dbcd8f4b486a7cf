// The PostgreSQL schema, as versioned migrations. The numbers are shared with SQLite's
// (storage/migrations.cpp): PostgreSQL support starts at version 18, so its first migration
// creates in one step the schema SQLite reaches after its first 18, and every later change is
// appended to both engines under the same number. The runner records the versions applied
// in schema_version and runs the pending ones in one transaction; never edit a shipped one.
#pragma once
#include <vector>

namespace signet {

struct PostgresMigration {
  int version;
  const char* sql;  // one or more statements, no BEGIN/COMMIT: the runner holds the transaction
};

// Ascending by version. The first one (version 18) creates the whole schema as SQLite has it
// after its 18 migrations: PostgreSQL support starts at that version, and every later schema
// change is appended to both engines with the same number.
const std::vector<PostgresMigration>& postgres_migrations();

}  // namespace signet
