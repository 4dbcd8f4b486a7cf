#include "storage/postgres_engine.h"

#include <cstdlib>
#include <cstring>

#include "storage/postgres_schema.h"

namespace signet {

namespace {

// Failures a later try may get past, nothing having been changed: the connection or server
// went away (08, 57P), the server ran short of resources (53), or the transaction lost a
// conflict (40: serialization failure, deadlock).
bool unavailable(const char* sqlstate) {
  if (!sqlstate) return true;  // no reply from the server at all
  return std::strncmp(sqlstate, "08", 2) == 0 || std::strncmp(sqlstate, "53", 2) == 0 ||
         std::strncmp(sqlstate, "57P", 3) == 0 || std::strncmp(sqlstate, "40", 2) == 0;
}

}  // namespace

std::string printable_database(const std::string& database) {
  if (!is_postgres_url(database)) return database;
  const size_t user = database.find("://") + 3;
  const size_t at = database.find('@', user);
  if (at == std::string::npos || database.find('/', user) < at) return database;
  const size_t colon = database.find(':', user);
  if (colon == std::string::npos || colon > at) return database;
  return database.substr(0, colon + 1) + "***" + database.substr(at);
}

bool is_postgres_url(const std::string& database) {
  return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

void check_result(PGconn* conn, PGresult* r, const std::string& what) {
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  // Both strings live in `r`: copied before it is cleared.
  const char* field = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const bool retry = unavailable(field) || PQstatus(conn) != CONNECTION_OK;
  const std::string state = field ? field : "-";
  std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  if (r) PQclear(r);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw StorageError("PostgreSQL error " + state + ": " + message + " (" + what + ")", retry);
}

void check_and_clear(PGconn* conn, PGresult* r, const std::string& what) {
  check_result(conn, r, what);
  PQclear(r);
}

PostgresStatement::PostgresStatement(PGconn* conn, std::string name, const std::string& sql)
    : conn_(conn), name_(std::move(name)), sql_(sql) {
  check_and_clear(conn_, PQprepare(conn_, name_.c_str(), sql.c_str(), 0, nullptr), sql);
  PGresult* d = PQdescribePrepared(conn_, name_.c_str());
  check_result(conn_, d, sql);
  params_.resize(static_cast<size_t>(PQnparams(d)));
  binary_.assign(params_.size(), 0);
  PQclear(d);
}

PostgresStatement::~PostgresStatement() {
  if (result_) PQclear(result_);
}

void PostgresStatement::set(int n, std::string value, bool binary) {
  if (n <= 0 || static_cast<size_t>(n) > params_.size())
    throw std::out_of_range("no parameter $" + std::to_string(n) + " in: " + sql_);
  params_[static_cast<size_t>(n) - 1] = std::move(value);
  binary_[static_cast<size_t>(n) - 1] = binary ? 1 : 0;
}

void PostgresStatement::bind_double(int n, double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  set(n, text, false);
}

void PostgresStatement::bind_null(int n) {
  set(n, "", false);
  params_[static_cast<size_t>(n) - 1].reset();
}

PGresult* PostgresStatement::run() {
  std::vector<const char*> values(params_.size());
  std::vector<int> lengths(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) {
    values[i] = params_[i] ? params_[i]->c_str() : nullptr;
    lengths[i] = params_[i] ? static_cast<int>(params_[i]->size()) : 0;
  }
  PGresult* r = PQexecPrepared(conn_, name_.c_str(), static_cast<int>(params_.size()), values.data(),
                               lengths.data(), binary_.data(), 0);
  check_result(conn_, r, sql_);
  return r;
}

bool PostgresStatement::executeStep() {
  if (!result_) {
    result_ = run();
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(result_);
}

int PostgresStatement::exec() {
  reset();
  PGresult* r = run();
  const int changed = std::atoi(PQcmdTuples(r));
  PQclear(r);
  return changed;
}

void PostgresStatement::reset() {
  if (result_) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
}

void PostgresStatement::clear_bindings() {
  for (auto& p : params_) p.reset();
  binary_.assign(params_.size(), 0);
}

void PostgresStatement::check_row(int i) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_) || i < 0 || i >= PQnfields(result_))
    throw std::out_of_range("no column " + std::to_string(i) + " in this row of: " + sql_);
}

bool PostgresStatement::column_null(int i) {
  check_row(i);
  return PQgetisnull(result_, row_, i) != 0;
}

int64_t PostgresStatement::column_int64(int i) {
  if (column_null(i)) return 0;  // as SQLite reads NULL
  const char* v = PQgetvalue(result_, row_, i);
  if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean expression's result
  if (v[0] == 'f' && v[1] == '\0') return 0;
  return std::strtoll(v, nullptr, 10);
}

double PostgresStatement::column_double(int i) {
  if (column_null(i)) return 0;
  return std::strtod(PQgetvalue(result_, row_, i), nullptr);
}

const char* PostgresStatement::column_text(int i) {
  if (column_null(i)) return nullptr;
  return PQgetvalue(result_, row_, i);
}

std::string PostgresStatement::column_string(int i) {
  if (column_null(i)) return {};
  return std::string(PQgetvalue(result_, row_, i), static_cast<size_t>(PQgetlength(result_, row_, i)));
}

std::string PostgresStatement::column_blob(int i) {
  if (column_null(i)) return {};
  size_t size = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, i)), &size);
  if (!bytes) throw std::bad_alloc();
  std::string out(reinterpret_cast<const char*>(bytes), size);
  PQfreemem(bytes);
  return out;
}

PostgresConnection::PostgresConnection(const std::string& url, ConnectionShared& shared)
    : Connection(shared), conn_(PQconnectdb(url.c_str())) {
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    if (conn_) PQfinish(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw StorageError("cannot connect to PostgreSQL: " + message, true);
  }
  PQsetClientEncoding(conn_, "UTF8");
  // Notices (e.g. "relation already exists, skipping") are for people at psql, not the log.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

PostgresConnection::~PostgresConnection() {
  drop_statements();
  PQfinish(conn_);
}

std::unique_ptr<Statement> PostgresConnection::compile(const std::string& sql) {
  return std::make_unique<PostgresStatement>(conn_, "s" + std::to_string(++statements_), sql);
}

void PostgresConnection::execute(const std::string& sql) { check_and_clear(conn_, PQexec(conn_, sql.c_str()), sql); }

void PostgresConnection::begin_write(const std::vector<int64_t>& locks) {
  // One round trip: BEGIN and the locks in one simple query. Until COMMIT or ROLLBACK only
  // writers naming one of the same scopes wait; the rest run beside this one.
  std::string sql = "BEGIN";
  for (int64_t key : locks) sql += "; SELECT pg_advisory_xact_lock(" + std::to_string(key) + ")";
  try {
    execute(sql);
  } catch (...) {
    rollback();
    throw;
  }
}

void PostgresConnection::lock_job(Job job) {
  execute("SELECT pg_advisory_lock(" + std::to_string(static_cast<int64_t>(job)) + ")");
}

void PostgresConnection::unlock_job(Job job) noexcept {
  // Should this fail, the connection is gone, and with it the lock.
  PQclear(PQexec(conn_, ("SELECT pg_advisory_unlock(" + std::to_string(static_cast<int64_t>(job)) + ")").c_str()));
}

void PostgresConnection::begin_snapshot() { execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

void PostgresConnection::commit() {
  PGresult* r = PQexec(conn_, "COMMIT");
  check_result(conn_, r, "COMMIT");
  // COMMIT of a transaction that failed part-way succeeds as a ROLLBACK.
  const bool rolled_back = std::strcmp(PQcmdStatus(r), "ROLLBACK") == 0;
  PQclear(r);
  if (rolled_back) throw StorageError("PostgreSQL rolled the transaction back", false);
}

void PostgresConnection::rollback() noexcept {
  if (PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

bool PostgresConnection::usable() {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

int migrate(PostgresConnection& c) {
  const auto& steps = postgres_migrations();
  const int target = steps.empty() ? 0 : steps.back().version;
  WriteTransaction tx(c, {WriteScope::named("schema migrations")});
  c.execute("CREATE TABLE IF NOT EXISTS schema_version(version BIGINT NOT NULL)");
  int version = 0;
  {
    auto q = c.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    q->executeStep();
    version = q->getColumn(0).getInt();
  }
  if (version > target)
    throw std::runtime_error("database schema version " + std::to_string(version) + " is newer than this server (" +
                             std::to_string(target) + ")");
  for (const PostgresMigration& m : steps) {
    if (m.version <= version) continue;
    c.execute(m.sql);
    auto q = c.prepare("INSERT INTO schema_version(version) VALUES($1)");
    q->bind(1, m.version);
    q->exec();
    version = m.version;
  }
  tx.commit();
  return version;
}

}  // namespace signet
