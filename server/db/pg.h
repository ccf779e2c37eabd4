#pragma once
/// A small RAII layer over libpq: connections with a per-connection prepared-statement cache,
/// results, transactions, and a bounded pool (one connection, one thread at a time).

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace practicum::db {

/// A statement failed; sqlState() is the five-character SQLSTATE ("23505" unique violation…).
class PgError : public std::runtime_error {
public:
  PgError(std::string message, std::string sqlState)
      : std::runtime_error(std::move(message)), sqlState_(std::move(sqlState)) {}
  const std::string& sqlState() const noexcept { return sqlState_; }
  bool isUniqueViolation() const { return sqlState_ == "23505"; }
  bool isCheckViolation() const { return sqlState_ == "23514"; }
  bool isConnectionLost() const { return sqlState_.empty() || sqlState_.starts_with("08"); }

private:
  std::string sqlState_;
};

class Result {
public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}

  int rows() const { return PQntuples(result_.get()); }
  bool empty() const { return rows() == 0; }
  bool isNull(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }
  std::string_view view(int row, int col) const {
    return {PQgetvalue(result_.get(), row, col), static_cast<std::size_t>(PQgetlength(result_.get(), row, col))};
  }
  std::string text(int row, int col) const { return std::string(view(row, col)); }
  /// The text, or nullopt for SQL NULL (a nullable column read into a std::optional field).
  std::optional<std::string> optionalText(int row, int col) const;
  /// A nullable timestamptz as isoTimestamp() text, or nullopt for SQL NULL.
  std::optional<std::string> optionalTimestamp(int row, int col) const;
  std::int64_t integer(int row, int col) const;
  bool boolean(int row, int col) const { return view(row, col) == "t"; }
  /// Affected rows of INSERT/UPDATE/DELETE.
  std::int64_t affected() const;

private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

/// A statement parameter in text form; nullopt is SQL NULL.
using Param = std::optional<std::string>;

inline Param toParam(std::nullopt_t) { return std::nullopt; }
inline Param toParam(std::string_view v) { return std::string(v); }
inline Param toParam(const std::string& v) { return v; }
inline Param toParam(const char* v) { return std::string(v); }
inline Param toParam(bool v) { return std::string(v ? "t" : "f"); }
template <class T>
  requires std::is_integral_v<T>
Param toParam(T v) {
  return std::to_string(v);
}
template <class T> Param toParam(const std::optional<T>& v) { return v ? toParam(*v) : std::nullopt; }

class Connection {
public:
  explicit Connection(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs a parameterised statement, prepared once per connection and reused.
  Result exec(std::string_view sql, const std::vector<Param>& params);
  template <class... Args> Result query(std::string_view sql, const Args&... args) {
    return exec(sql, std::vector<Param>{toParam(args)...});
  }
  /// Runs SQL text that may hold several statements and no parameters (migrations, BEGIN…).
  void script(std::string_view sql);

  bool healthy() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  PGconn* raw() { return conn_.get(); }

private:
  Result check(PGresult* result);

  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

/// BEGIN now, ROLLBACK unless commit() is reached.
class Transaction {
public:
  explicit Transaction(Connection& conn, std::string_view begin = "BEGIN");
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

private:
  Connection& conn_;
  bool done_ = false;
};

class Pool;

/// A pooled connection; returned to the pool when it goes out of scope (dropped if broken).
class Lease {
public:
  Lease(Pool& pool, std::unique_ptr<Connection> conn) : pool_(&pool), conn_(std::move(conn)) {}
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

private:
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
};

class Pool {
public:
  Pool(std::string conninfo, std::size_t size, std::chrono::milliseconds acquireTimeout);

  /// Waits for a free connection (opening one lazily); throws PgError when none frees up in time
  /// or the database cannot be reached.
  Lease acquire();
  std::size_t size() const { return size_; }

private:
  friend class Lease;
  void release(std::unique_ptr<Connection> conn);

  std::string conninfo_;
  std::size_t size_;
  std::chrono::milliseconds acquireTimeout_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

/// A LIKE pattern matching `text` anywhere, with LIKE's wildcards in `text` taken literally.
std::string likeContains(std::string_view text);

/// "2026-11-25 13:27:31.123+00" (PostgreSQL, TimeZone UTC) → "2026-11-25T13:27:31.123Z".
std::string isoTimestamp(std::string_view pgTimestamp);

}  // namespace practicum::db
