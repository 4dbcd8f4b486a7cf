// Database connections for the request threads. Each connection is used by one thread at a
// time (leased from the pool) and keeps its own prepared statements, so a query is
// compiled once per connection rather than once per request.
#pragma once
#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "storage/customer_names.h"
#include "storage/id_set.h"
#include "storage/statement.h"

namespace signet {

// A cached prepared statement on loan. Resets the statement when the loan ends: a SQLite
// statement left mid-result would keep its read transaction open, and the connection would
// go on seeing an old snapshot of the database.
class StatementLoan {
 public:
  explicit StatementLoan(Statement& s) : s_(&s) {}
  StatementLoan(StatementLoan&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StatementLoan(const StatementLoan&) = delete;
  ~StatementLoan() {
    if (s_) s_->reset();
  }
  Statement* operator->() { return s_; }
  Statement& operator*() { return *s_; }

 private:
  Statement* s_;
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

// Work that one server at a time does, whichever server starts it.
enum class Job : int64_t { BillingRun = 0x5349474e10 };

// One connection to the database, used by one thread at a time. The engine (SQLite or
// PostgreSQL, storage/sqlite_engine.h, storage/postgres_engine.h) is chosen once, by the
// pool, from the database's name.
class Connection {
 public:
  explicit Connection(ConnectionShared& shared) : shared_(shared) {}
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // The cached statement for `sql`, with bindings cleared.
  StatementLoan prepare(const std::string& sql);
  StatementLoan prepare(const DialectSql& sql) {
    return prepare(engine() == Engine::Sqlite ? sql.sqlite : sql.postgres);
  }
  // Runs SQL without parameters or results (settings, transaction control).
  virtual void execute(const std::string& sql) = 0;
  CustomerNames& customer_names() { return shared_.names; }
  // The ids signet_id_in() accepts in this connection's SQLite statements (see IdSetScope).
  IdSet& id_set() { return id_set_; }

  // Transactions, through WriteTransaction and ReadSnapshot below.
  // `locks`: the advisory lock keys of the transaction's scopes, ascending (WriteScope).
  virtual void begin_write(const std::vector<int64_t>& locks) = 0;
  virtual void begin_snapshot() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // False once the connection is lost; the pool then opens a new one in its place.
  virtual bool usable() { return true; }
  // Through JobLock below.
  virtual void lock_job(Job) {}
  virtual void unlock_job(Job) noexcept {}

 protected:
  virtual std::unique_ptr<Statement> compile(const std::string& sql) = 0;
  // For the engines' destructors: statements go before the handle they were prepared on.
  void drop_statements() { statements_.clear(); }
  ConnectionShared& shared_;
  IdSet id_set_;

 private:
  std::map<std::string, std::unique_ptr<Statement>> statements_;
};

class ConnectionPool {
 public:
  // `database`: a postgresql:// URL, or else the path of an SQLite file (created if missing).
  // Connects and runs pending migrations.
  ConnectionPool(const std::string& database, size_t max_connections = 16);

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
  Engine engine() const { return engine_; }
  // Threads waiting in acquire() now.
  size_t waiting();

 private:
  friend class Lease;
  void release(std::unique_ptr<Connection> c);

  std::unique_ptr<Connection> open();

  std::string path_;
  Engine engine_;
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

// What a write transaction decides about, and so must have to itself until it ends. SQLite
// lets one writer in at a time, so there every writer has everything and scopes change
// nothing. PostgreSQL's writers, on every server, run side by side: a transaction that reads,
// decides and then writes on what it read (the free seats, the pending invitations, a rate
// counter, the next invoice number) names what it decides about, and waits only for the
// writers naming the same, through a transaction-scoped advisory lock on each scope.
// A transaction whose writes do not depend on what it read, or where the database's own
// constraints decide (one account per e-mail address), names none.
class WriteScope {
 public:
  // A reseller's subscriptions (their ids, which CustomerNames reads in order), invoices and
  // team. Whoever writes a subscription row names it: each such write also bumps the reseller's
  // list version (a trigger), and the billing run writes many rows under it, so a writer
  // taking the two in the other order would deadlock with the run.
  static WriteScope reseller(int64_t id) { return WriteScope(Space::Reseller, static_cast<uint64_t>(id)); }
  // One customer's directory, templates, rules, colleagues and invitation.
  static WriteScope subscription(int64_t id) { return WriteScope(Space::Subscription, static_cast<uint64_t>(id)); }
  // One account's profile, password and password resets.
  static WriteScope user(int64_t id) { return WriteScope(Space::User, static_cast<uint64_t>(id)); }
  // Anything else, by name (a rate limit's key, the setup link).
  static WriteScope named(std::string_view name);
  // The advisory lock's key: the space in the top byte, so scopes of different kinds never
  // meet, and Job's keys (space 0) neither.
  int64_t key() const { return key_; }

 private:
  enum class Space : uint64_t { Reseller = 1, Subscription, User, Named };
  WriteScope(Space space, uint64_t id)
      : key_(static_cast<int64_t>((static_cast<uint64_t>(space) << 56) | (id & ((uint64_t{1} << 56) - 1)))) {}
  int64_t key_;
};

// A write transaction. SQLite: BEGIN IMMEDIATE after waiting its turn on the pool's writer
// lock (see ConnectionShared::writer). PostgreSQL: BEGIN, then the advisory lock of each
// scope, taken in key order so two transactions never wait for each other. Rolls back
// unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& c, std::initializer_list<WriteScope> scopes = {}) : c_(c) {
    std::vector<int64_t> keys;
    for (const WriteScope& s : scopes) keys.push_back(s.key());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    c_.begin_write(keys);
  }
  ~WriteTransaction() {
    if (!done_) c_.rollback();
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  // Commits and lets the next writer in at once (not only when this object goes away).
  void commit() {
    c_.commit();
    done_ = true;
  }

 private:
  Connection& c_;
  bool done_ = false;
};

// Holds `job` for as long as it lives: PostgreSQL takes a session advisory lock, so a second
// server wanting the same job waits until the first is done. SQLite has one server process;
// its writers already take turns, so there is nothing to hold.
class JobLock {
 public:
  JobLock(Connection& c, Job job) : c_(c), job_(job) { c_.lock_job(job_); }
  ~JobLock() { c_.unlock_job(job_); }
  JobLock(const JobLock&) = delete;
  JobLock& operator=(const JobLock&) = delete;

 private:
  Connection& c_;
  Job job_;
};

// One consistent view of the database across several statements, read only.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Connection& c) : c_(c) { c_.begin_snapshot(); }
  ~ReadSnapshot() { c_.rollback(); }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Connection& c_;
};

}  // namespace signet
