#include "storage/connection_pool.h"

#include "storage/postgres_engine.h"
#include "storage/sqlite_engine.h"


namespace signet {

StatementLoan Connection::prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) it = statements_.emplace(sql, compile(sql)).first;
  it->second->reset();
  it->second->clear_bindings();
  return StatementLoan(*it->second);
}

WriteScope WriteScope::named(std::string_view name) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a: stable across servers and restarts
  for (unsigned char ch : name) h = (h ^ ch) * 1099511628211ull;
  return WriteScope(Space::Named, h);  // two names sharing a key only wait for each other
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

ConnectionPool::ConnectionPool(const std::string& database, size_t max_connections)
    : path_(database),
      engine_(is_postgres_url(database) ? Engine::Postgres : Engine::Sqlite),
      max_connections_(max_connections) {
  auto first = open();
  if (engine_ == Engine::Postgres) migrate(static_cast<PostgresConnection&>(*first));
  else migrate(static_cast<SqliteConnection&>(*first).db());
  opened_ = 1;
  idle_.push_back(std::move(first));
}

std::unique_ptr<Connection> ConnectionPool::open() {
  if (engine_ == Engine::Postgres) return std::make_unique<PostgresConnection>(path_, shared_);
  return std::make_unique<SqliteConnection>(path_, shared_);
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
    return Lease(*this, open());
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
  if (!c->usable()) {  // lost (the database server restarted): the next lease opens a new one
    c.reset();
    give_up_slot();
    return;
  }
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
