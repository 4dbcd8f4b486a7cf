// SQLite connections for the request threads. Each connection is used by one thread at a
// time (leased from the pool) and keeps its own prepared statements, so a query is
// compiled once per connection rather than once per request.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/customer_names.h"
#include "storage/id_set.h"

namespace signet {

// A cached prepared statement on loan. Resets the statement when the loan ends: a
// statement left mid-result would keep its read transaction open, and the connection would
// go on seeing an old snapshot of the database.
class StatementLoan {
 public:
  explicit StatementLoan(SQLite::Statement& s) : s_(&s) {}
  StatementLoan(StatementLoan&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StatementLoan(const StatementLoan&) = delete;
  ~StatementLoan() {
    if (s_) s_->tryReset();
  }
  SQLite::Statement* operator->() { return s_; }
  SQLite::Statement& operator*() { return *s_; }

 private:
  SQLite::Statement* s_;
};

class Connection {
 public:
  // `names` is the pool's, shared by every connection to the same file.
  Connection(const std::string& path, CustomerNames& names);
  SQLite::Database& db() { return db_; }
  // The cached statement for `sql`, with bindings cleared.
  StatementLoan prepare(const std::string& sql);
  CustomerNames& customer_names() { return names_; }
  // The ids signet_id_in() accepts in this connection's statements (see IdSetScope).
  IdSetSlot& id_set() { return id_set_; }

 private:
  IdSetSlot id_set_;  // before db_: the function registered on db_ reads it
  SQLite::Database db_;
  CustomerNames& names_;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

class ConnectionPool {
 public:
  // Opens the file (creating it), applies the pragmas and runs pending migrations.
  ConnectionPool(const std::string& path, size_t max_connections = 16);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> c) : pool_(&pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease acquire();
  const std::string& path() const { return path_; }

 private:
  friend class Lease;
  void release(std::unique_ptr<Connection> c);

  std::string path_;
  size_t max_connections_;
  CustomerNames names_;  // outlives the connections below, which refer to it
  size_t opened_ = 0;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// Schema migrations (storage/migrations.cpp). Returns the schema version after running.
int migrate(SQLite::Database& db);

}  // namespace signet
