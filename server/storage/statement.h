// What the stores see of a database: prepared statements with numbered parameters and typed
// columns, the same for SQLite and PostgreSQL. Parameters are written $1, $2, ... in the SQL:
// PostgreSQL's own syntax, and in SQLite a named parameter that the SQLite engine looks up by
// that name, so one text means the same on both without rewriting it.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace signet {

enum class Engine { Sqlite, Postgres };

// SQL that the two dialects cannot share, one text for each. Stores pass it to
// Connection::prepare, which takes the text of its own engine.
struct DialectSql {
  std::string sqlite;
  std::string postgres;
};

// A database failure that is not the caller's fault. `unavailable`: the storage is full,
// read-only, unreachable or busy for too long, so nothing was changed and a later try may
// succeed; otherwise the statement itself failed.
class StorageError : public std::runtime_error {
 public:
  StorageError(const std::string& what, bool unavailable) : std::runtime_error(what), unavailable_(unavailable) {}
  bool unavailable() const { return unavailable_; }

 private:
  bool unavailable_;
};

class Statement;

// One column of the current row.
class Column {
 public:
  Column(Statement& s, int index) : s_(s), i_(index) {}
  bool isNull() const;
  int64_t getInt64() const;
  int getInt() const { return static_cast<int>(getInt64()); }
  double getDouble() const;
  std::string getString() const;  // "" for NULL
  // The text, or `if_null` for NULL; valid until the statement moves on.
  const char* getText(const char* if_null = "") const;
  std::string getBlob() const;    // the bytes

 private:
  Statement& s_;
  int i_;
};

class Statement {
 public:
  virtual ~Statement() = default;

  // Parameters by number ($1 is 1). Unbound parameters are NULL.
  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  void bind(int n, T v) { bind_int64(n, static_cast<int64_t>(v)); }
  void bind(int n, double v) { bind_double(n, v); }
  void bind(int n, const std::string& v) { bind_text(n, v); }
  void bind(int n, const char* v) { bind_text(n, v); }
  void bind(int n) { bind_null(n); }
  void bind_blob(int n, const std::string& bytes) { bind_bytes(n, bytes); }

  // Runs the statement on the first call and moves to the next row; false after the last.
  virtual bool executeStep() = 0;
  // Runs a statement that returns no rows; the number of rows it changed.
  virtual int exec() = 0;
  // Ready to run again with the same bindings.
  virtual void reset() = 0;
  virtual void clear_bindings() = 0;

  Column getColumn(int index) { return Column(*this, index); }

 protected:
  friend class Column;
  virtual void bind_int64(int n, int64_t v) = 0;
  virtual void bind_double(int n, double v) = 0;
  virtual void bind_text(int n, const std::string& v) = 0;
  virtual void bind_bytes(int n, const std::string& v) = 0;
  virtual void bind_null(int n) = 0;
  virtual bool column_null(int i) = 0;
  virtual int64_t column_int64(int i) = 0;
  virtual double column_double(int i) = 0;
  virtual const char* column_text(int i) = 0;  // nullptr for NULL
  virtual std::string column_string(int i) = 0;  // "" for NULL
  virtual std::string column_blob(int i) = 0;
};

inline bool Column::isNull() const { return s_.column_null(i_); }
inline int64_t Column::getInt64() const { return s_.column_int64(i_); }
inline double Column::getDouble() const { return s_.column_double(i_); }
inline std::string Column::getString() const { return s_.column_string(i_); }
inline const char* Column::getText(const char* if_null) const {
  const char* t = s_.column_text(i_);
  return t ? t : if_null;
}
inline std::string Column::getBlob() const { return s_.column_blob(i_); }

}  // namespace signet
