// The PostgreSQL engine, through libpq: several servers share one database.
#pragma once
#include <libpq-fe.h>

#include <optional>
#include <vector>

#include "storage/connection_pool.h"

namespace signet {

// True for a postgresql:// or postgres:// connection URL.
bool is_postgres_url(const std::string& database);
// `database` fit for a log line: a password in a URL's user part becomes "***".
std::string printable_database(const std::string& database);

class PostgresStatement : public Statement {
 public:
  // Prepares `sql` on `conn` under `name`.
  PostgresStatement(PGconn* conn, std::string name, const std::string& sql);
  ~PostgresStatement() override;
  bool executeStep() override;
  int exec() override;
  void reset() override;
  void clear_bindings() override;

 protected:
  void bind_int64(int n, int64_t v) override { set(n, std::to_string(v), false); }
  void bind_double(int n, double v) override;
  void bind_text(int n, const std::string& v) override { set(n, v, false); }
  void bind_bytes(int n, const std::string& v) override { set(n, v, true); }
  void bind_null(int n) override;
  bool column_null(int i) override;
  int64_t column_int64(int i) override;
  double column_double(int i) override;
  const char* column_text(int i) override;
  std::string column_string(int i) override;
  std::string column_blob(int i) override;

 private:
  void set(int n, std::string value, bool binary);
  PGresult* run();  // executes with the current bindings; throws StorageError
  void check_row(int i) const;

  PGconn* conn_;
  std::string name_, sql_;
  std::vector<std::optional<std::string>> params_;  // [n - 1]
  std::vector<int> binary_;                         // [n - 1]: 1 for bytes
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PostgresConnection : public Connection {
 public:
  PostgresConnection(const std::string& url, ConnectionShared& shared);
  ~PostgresConnection() override;
  Engine engine() const override { return Engine::Postgres; }
  void execute(const std::string& sql) override;
  void begin_write(const std::vector<int64_t>& locks) override;
  void begin_snapshot() override;
  void commit() override;
  void rollback() noexcept override;
  bool usable() override;
  void lock_job(Job job) override;
  void unlock_job(Job job) noexcept override;
  PGconn* handle() { return conn_; }

 protected:
  std::unique_ptr<Statement> compile(const std::string& sql) override;

 private:
  PGconn* conn_;
  int statements_ = 0;  // names s1, s2, ... on this connection
};

// Throws StorageError for a failed result (and clears it).
// On success `r` is the caller's to clear; check_and_clear is for results not read further.
void check_result(PGconn* conn, PGresult* r, const std::string& what);
void check_and_clear(PGconn* conn, PGresult* r, const std::string& what);

// Schema migrations (storage/postgres_schema.cpp), under an advisory lock so servers starting
// together apply each one once. Returns the schema version after running.
int migrate(PostgresConnection& c);

}  // namespace signet
