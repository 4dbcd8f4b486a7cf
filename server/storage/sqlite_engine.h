// The SQLite engine: a file next to the server, opened through SQLiteCpp.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <vector>

#include "storage/connection_pool.h"

namespace signet {

class SqliteStatement : public Statement {
 public:
  SqliteStatement(SQLite::Database& db, const std::string& sql);
  bool executeStep() override;
  int exec() override;
  void reset() override { s_.tryReset(); }
  void clear_bindings() override { s_.clearBindings(); }

 protected:
  void bind_int64(int n, int64_t v) override { s_.bind(index_of(n), v); }
  void bind_double(int n, double v) override { s_.bind(index_of(n), v); }
  void bind_text(int n, const std::string& v) override { s_.bind(index_of(n), v); }
  void bind_bytes(int n, const std::string& v) override {
    s_.bind(index_of(n), v.data(), static_cast<int>(v.size()));
  }
  void bind_null(int n) override { s_.bind(index_of(n)); }
  bool column_null(int i) override { return s_.getColumn(i).isNull(); }
  int64_t column_int64(int i) override { return s_.getColumn(i).getInt64(); }
  double column_double(int i) override { return s_.getColumn(i).getDouble(); }
  const char* column_text(int i) override;
  std::string column_string(int i) override { return s_.getColumn(i).getString(); }
  std::string column_blob(int i) override;

 private:
  int index_of(int n) const;
  SQLite::Statement s_;
  std::vector<int> index_;  // index_[n]: SQLite's index of parameter $n, 0 where absent
};

class SqliteConnection : public Connection {
 public:
  SqliteConnection(const std::string& path, ConnectionShared& shared);
  ~SqliteConnection() override { drop_statements(); }
  Engine engine() const override { return Engine::Sqlite; }
  SQLite::Database& db() { return db_; }
  void execute(const std::string& sql) override;
  void begin_write(const std::vector<int64_t>& locks) override;
  void begin_snapshot() override;
  void commit() override;
  void rollback() noexcept override;

 protected:
  std::unique_ptr<Statement> compile(const std::string& sql) override;

 private:
  SQLite::Database db_;
  bool holds_writer_lock_ = false;
};

// Translates SQLiteCpp's exceptions into StorageError (storage/statement.h).
[[noreturn]] void throw_storage_error(const SQLite::Exception& e);

// Schema migrations (storage/migrations.cpp). Returns the schema version after running.
int migrate(SQLite::Database& db);

}  // namespace signet
