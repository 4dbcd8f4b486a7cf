#include "storage/sqlite_engine.h"

#include <sqlite3.h>

namespace signet {

void throw_storage_error(const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xff;
  // Disk full, read-only file, I/O error or a lock held too long: SQLite rolled back, so
  // nothing was half-written, and a later try may succeed.
  const bool unavailable = code == SQLITE_FULL || code == SQLITE_READONLY || code == SQLITE_IOERR ||
                           code == SQLITE_CANTOPEN || code == SQLITE_BUSY || code == SQLITE_LOCKED;
  throw StorageError("SQLite error " + std::to_string(e.getErrorCode()) + ": " + e.what(), unavailable);
}

SqliteStatement::SqliteStatement(SQLite::Database& db, const std::string& sql) : s_(db, sql) {
  // Every parameter must be $<number>: the text has to mean the same to PostgreSQL.
  const int count = s_.getBindParameterCount();
  int found = 0;
  for (int n = 1; found < count && n <= 999; ++n) {  // 999: SQLite's limit on parameter numbers
    const int k = s_.getIndex(("$" + std::to_string(n)).c_str());
    if (k == 0) continue;
    if (static_cast<size_t>(n) >= index_.size()) index_.resize(static_cast<size_t>(n) + 1, 0);
    index_[static_cast<size_t>(n)] = k;
    ++found;
  }
  if (found != count) throw std::logic_error("SQL parameters must be written $<number>: " + sql);
}

int SqliteStatement::index_of(int n) const {
  if (n <= 0 || static_cast<size_t>(n) >= index_.size() || index_[static_cast<size_t>(n)] == 0)
    throw std::out_of_range("no parameter $" + std::to_string(n) + " in: " + s_.getQuery());
  return index_[static_cast<size_t>(n)];
}

bool SqliteStatement::executeStep() {
  try {
    return s_.executeStep();
  } catch (const SQLite::Exception& e) {
    throw_storage_error(e);
  }
}

int SqliteStatement::exec() {
  try {
    return s_.exec();
  } catch (const SQLite::Exception& e) {
    throw_storage_error(e);
  }
}

const char* SqliteStatement::column_text(int i) {
  SQLite::Column c = s_.getColumn(i);
  return c.isNull() ? nullptr : c.getText();
}

std::string SqliteStatement::column_blob(int i) {
  SQLite::Column c = s_.getColumn(i);
  return std::string(static_cast<const char*>(c.getBlob()), static_cast<size_t>(c.getBytes()));
}

SqliteConnection::SqliteConnection(const std::string& path, ConnectionShared& shared)
    : Connection(shared), db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX) {
  // A writer waits for another writer instead of failing with "database is locked".
  db_.setBusyTimeout(10000);
  db_.exec("PRAGMA journal_mode=WAL");
  // FULL: a commit the client saw acknowledged survives power loss, not only a crash.
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  register_id_set_function(db_, id_set_);
}

std::unique_ptr<Statement> SqliteConnection::compile(const std::string& sql) {
  try {
    return std::make_unique<SqliteStatement>(db_, sql);
  } catch (const SQLite::Exception& e) {
    throw_storage_error(e);
  }
}

void SqliteConnection::execute(const std::string& sql) {
  try {
    db_.exec(sql);
  } catch (const SQLite::Exception& e) {
    throw_storage_error(e);
  }
}

// One writer at a time holds every scope: `locks` has nothing to add.
void SqliteConnection::begin_write(const std::vector<int64_t>&) {
  shared_.writer.lock();
  holds_writer_lock_ = true;
  try {
    execute("BEGIN IMMEDIATE");
  } catch (...) {
    holds_writer_lock_ = false;
    shared_.writer.unlock();
    throw;
  }
}

void SqliteConnection::begin_snapshot() { execute("BEGIN"); }

void SqliteConnection::commit() {
  execute("COMMIT");
  if (holds_writer_lock_) {
    holds_writer_lock_ = false;
    shared_.writer.unlock();
  }
}

void SqliteConnection::rollback() noexcept {
  if (sqlite3_get_autocommit(db_.getHandle()) == 0) {
    try {
      db_.exec("ROLLBACK");
    } catch (const SQLite::Exception&) {  // already rolled back by SQLite itself
    }
  }
  if (holds_writer_lock_) {
    holds_writer_lock_ = false;
    shared_.writer.unlock();
  }
}

}  // namespace signet
