#include "storage/engine_copy.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <set>
#include <stdexcept>

#include "storage/connection_pool.h"
#include "storage/postgres_engine.h"
#include "storage/sqlite_engine.h"

namespace signet {

namespace {

// Kept by triggers on the tables they summarise (subscriptions, mail_queue); copied as the
// source holds them, the list versions then one higher, so that a list page a browser kept
// from the SQLite server is never taken for current.
const std::set<std::string> kDerived = {"subscription_counts", "list_versions"};

// Signet's tables, each after the tables its foreign keys point to.
std::vector<std::string> tables_in_dependency_order(SQLite::Database& db) {
  std::map<std::string, std::set<std::string>> needs;
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  while (tables.executeStep()) needs[tables.getColumn(0).getString()];
  for (auto& [table, parents] : needs) {
    SQLite::Statement keys(db, "SELECT \"table\" FROM pragma_foreign_key_list(?)");
    keys.bind(1, table);
    while (keys.executeStep())
      if (keys.getColumn(0).getString() != table) parents.insert(keys.getColumn(0).getString());
  }
  std::vector<std::string> order;
  std::set<std::string> placed;
  while (order.size() < needs.size()) {
    const size_t before = order.size();
    for (const auto& [table, parents] : needs) {
      if (placed.count(table)) continue;
      bool ready = true;
      for (const std::string& p : parents) ready = ready && placed.count(p);
      if (!ready) continue;
      order.push_back(table);
      placed.insert(table);
    }
    if (order.size() == before) throw std::runtime_error("the tables' foreign keys form a cycle");
  }
  return order;
}

std::vector<std::string> columns_of(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> out;
  SQLite::Statement q(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, table);
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

int64_t count_rows(Connection& c, const std::string& table) {
  auto q = c.prepare("SELECT COUNT(*) FROM " + table);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

// Copies `table` row by row, in rowid order (a row referring to an earlier row of its own
// table finds it there), with each value bound as the type SQLite holds it in.
int64_t copy_table(SQLite::Database& from, Connection& to, const std::string& table) {
  const std::vector<std::string> columns = columns_of(from, table);
  std::string names, params;
  for (size_t i = 0; i < columns.size(); ++i) {
    names += (i ? ", " : "") + columns[i];
    params += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  const bool has_rowid = from.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = '" + table +
                                         "' AND sql LIKE '%WITHOUT ROWID%'").getInt() == 0;
  SQLite::Statement rows(from, "SELECT " + names + " FROM " + table + (has_rowid ? " ORDER BY rowid" : ""));
  auto insert = to.prepare("INSERT INTO " + table + "(" + names + ") VALUES(" + params + ")");
  int64_t copied = 0;
  while (rows.executeStep()) {
    insert->reset();
    insert->clear_bindings();
    for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
      const SQLite::Column v = rows.getColumn(i);
      if (v.isNull()) insert->bind(i + 1);
      else if (v.isInteger()) insert->bind(i + 1, v.getInt64());
      else if (v.isFloat()) insert->bind(i + 1, v.getDouble());
      else if (v.isBlob()) insert->bind_blob(i + 1, std::string(static_cast<const char*>(v.getBlob()), static_cast<size_t>(v.getBytes())));
      else insert->bind(i + 1, v.getString());
    }
    insert->exec();
    ++copied;
  }
  return copied;
}

// Identity columns go on from the highest id copied, not from 1.
void move_identities_past(Connection& to) {
  std::vector<std::string> tables;
  {
    auto q = to.prepare(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND column_name = 'id' AND is_identity = 'YES'");
    while (q->executeStep()) tables.push_back(q->getColumn(0).getString());
  }
  for (const std::string& t : tables)
    to.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + t);
}

}  // namespace

std::vector<CopiedTable> copy_sqlite_to_postgres(const std::string& from, const std::string& to) {
  if (is_postgres_url(from)) throw std::runtime_error("--from must be an SQLite file, not a PostgreSQL URL");
  if (!is_postgres_url(to)) throw std::runtime_error("--to must be a postgresql:// URL");
  ConnectionPool source_pool(from, 1);  // brings an older file's schema up to date
  ConnectionPool target_pool(to, 1);    // makes the schema in an empty database
  auto source = source_pool.acquire();
  auto target = target_pool.acquire();
  SQLite::Database& db = dynamic_cast<SqliteConnection&>(*source).db();

  const std::vector<std::string> tables = tables_in_dependency_order(db);
  for (const std::string& t : tables)
    if (count_rows(*target, t) != 0)
      throw std::runtime_error("the PostgreSQL database already holds data (table " + t +
                               "); copy into an empty database only");

  std::vector<CopiedTable> copied;
  ReadSnapshot snapshot(*source);  // one moment of the source, even if a server still writes
  WriteTransaction tx(*target);
  // The triggers that keep the derived tables would update one row per reseller for every
  // subscription copied: in one transaction each update adds a row version the next one walks
  // past, and a million rows slow to a crawl. The derived tables are copied as they are instead.
  target->execute("ALTER TABLE subscriptions DISABLE TRIGGER USER");
  target->execute("ALTER TABLE mail_queue DISABLE TRIGGER USER");
  for (const std::string& t : tables)
    if (!kDerived.count(t)) copied.push_back({t, copy_table(db, *target, t)});
  target->execute("ALTER TABLE subscriptions ENABLE TRIGGER USER");
  target->execute("ALTER TABLE mail_queue ENABLE TRIGGER USER");
  for (const std::string& t : tables)
    if (kDerived.count(t)) copied.push_back({t, copy_table(db, *target, t)});
  target->execute("UPDATE list_versions SET version = version + 1");
  move_identities_past(*target);
  for (const CopiedTable& t : copied)
    if (const int64_t found = count_rows(*target, t.name), expected = count_rows(*source, t.name); found != expected)
      throw std::runtime_error("table " + t.name + " has " + std::to_string(found) + " rows in PostgreSQL but " +
                               std::to_string(expected) + " in SQLite; nothing was copied");
  tx.commit();
  // Statistics for the planner now, not when autovacuum first comes by: until then a million
  // copied rows look like an empty table to it.
  target->execute("ANALYZE");
  return copied;
}

}  // namespace signet
