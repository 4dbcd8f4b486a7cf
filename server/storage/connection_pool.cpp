#include "storage/connection_pool.h"


namespace signet {

Connection::Connection(const std::string& path, ConnectionShared& shared)
    : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX), shared_(shared) {
  // A writer waits for another writer instead of failing with "database is locked".
  db_.setBusyTimeout(10000);
  db_.exec("PRAGMA journal_mode=WAL");
  // FULL: a commit the client saw acknowledged survives power loss, not only a crash.
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  register_id_set_function(db_, id_set_);
}

StatementLoan Connection::prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end())
    it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  it->second->tryReset();
  it->second->clearBindings();
  return StatementLoan(*it->second);
}

void TurnLock::lock() {
  std::unique_lock<std::mutex> guard(mutex_);
  if (!held_ && waiting_.empty()) {
    held_ = true;
    return;
  }
  Waiter me;
  waiting_.push_back(&me);
  // unlock() hands the lock over (held_ stays true): it pops us and sets our turn.
  me.wake.wait(guard, [&] { return me.turn; });
}

void TurnLock::unlock() {
  std::lock_guard<std::mutex> guard(mutex_);
  if (waiting_.empty()) {
    held_ = false;
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->turn = true;
  next->wake.notify_one();  // under mutex_: `next` lives until its waiter has returned from wait()
}

ConnectionPool::ConnectionPool(const std::string& path, size_t max_connections)
    : path_(path), max_connections_(max_connections) {
  auto first = std::make_unique<Connection>(path, shared_);
  migrate(first->db());
  opened_ = 1;
  idle_.push_back(std::move(first));
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (waiting_.empty() && !idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(c));
  }
  if (waiting_.empty() && opened_ < max_connections_) {
    ++opened_;
  } else {
    Waiter me;
    waiting_.push_back(&me);
    me.wake.wait(lock, [&] { return me.given || me.may_open; });
    if (me.given) return Lease(*this, std::move(me.given));
  }
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Connection>(path_, shared_));
  } catch (...) {
    give_up_slot();
    throw;
  }
}

size_t ConnectionPool::waiting() {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_.size();
}

void ConnectionPool::give_up_slot() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (waiting_.empty()) {
    --opened_;
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->may_open = true;
  next->wake.notify_one();  // under mutex_: `next` lives until its waiter has returned from wait()
}

void ConnectionPool::release(std::unique_ptr<Connection> c) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (waiting_.empty()) {
    idle_.push_back(std::move(c));
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->given = std::move(c);
  next->wake.notify_one();  // under mutex_, as above
}

ConnectionPool::Lease::~Lease() {
  if (c_) pool_->release(std::move(c_));
}

}  // namespace signet
