// SQLite connections for the request threads. Each connection is used by one thread at a
// time (leased from the pool) and keeps its own prepared statements, so a query is
// compiled once per connection rather than once per request.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <condition_variable>
#include <deque>
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

// A lock that lets its waiters in in the order they came. A plain mutex lets a thread that
// just arrived take the lock ahead of one that was woken, and under a steady queue of writers
// some waited many times longer than the rest.
class TurnLock {
 public:
  void lock();
  void unlock();

 private:
  struct Waiter {
    std::condition_variable wake;
    bool turn = false;  // set by unlock() when the lock passes to this waiter
  };
  std::mutex mutex_;
  std::deque<Waiter*> waiting_;  // front: next in line
  bool held_ = false;
};

// What every connection to one database file shares (owned by the pool).
struct ConnectionShared {
  CustomerNames names;
  // Taken by WriteTransaction before BEGIN IMMEDIATE. SQLite lets one writer in at a time and
  // makes the others poll with growing sleeps (busy_timeout): under 64 concurrent creates some
  // waited seconds. Queued here, this process's writers take turns instead.
  TurnLock writer;
};

class Connection {
 public:
  Connection(const std::string& path, ConnectionShared& shared);
  SQLite::Database& db() { return db_; }
  // The cached statement for `sql`, with bindings cleared.
  StatementLoan prepare(const std::string& sql);
  CustomerNames& customer_names() { return shared_.names; }
  TurnLock& writer_lock() { return shared_.writer; }
  // The ids signet_id_in() accepts in this connection's statements (see IdSetScope).
  IdSet& id_set() { return id_set_; }

 private:
  IdSet id_set_;  // before db_: the function registered on db_ reads it
  SQLite::Database db_;
  ConnectionShared& shared_;
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
  // Threads waiting in acquire() now.
  size_t waiting();

 private:
  friend class Lease;
  void release(std::unique_ptr<Connection> c);

  std::string path_;
  size_t max_connections_;
  ConnectionShared shared_;  // outlives the connections below, which refer to it
  size_t opened_ = 0;
  // Hands the slot of a connection that could not be opened to the next waiter, if any.
  void give_up_slot();

  // Waiters are served in arrival order, each handed its connection by release(). With a
  // condition variable alone, a thread arriving just as a connection came back took it ahead
  // of threads woken for it, again and again: under 64 clients the slowest 1 % of list
  // requests waited 75-105 ms for connections (scripts/bench.sh, docs/performance.md).
  struct Waiter {
    std::condition_variable wake;
    std::unique_ptr<Connection> given;
    bool may_open = false;  // a slot to open a connection in (already counted in opened_)
  };
  std::mutex mutex_;
  std::deque<Waiter*> waiting_;  // front: next in line
  std::vector<std::unique_ptr<Connection>> idle_;
};

// A write transaction (BEGIN IMMEDIATE) that waits its turn on the pool's writer lock first
// (see ConnectionShared::writer). Rolls back unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& c)
      : lock_(c.writer_lock()), tx_(c.db(), SQLite::TransactionBehavior::IMMEDIATE) {}
  // Commits and lets the next writer in at once (not only when this object goes away).
  void commit() {
    tx_.commit();
    lock_.unlock();
  }

 private:
  std::unique_lock<TurnLock> lock_;  // before tx_: taken first, released after it ends
  SQLite::Transaction tx_;
};

// Schema migrations (storage/migrations.cpp). Returns the schema version after running.
int migrate(SQLite::Database& db);

}  // namespace signet
