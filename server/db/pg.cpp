#include "server/db/pg.h"

#include <charconv>

namespace practicum::db {

std::int64_t Result::integer(int row, int col) const {
  const auto v = view(row, col);
  std::int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

std::optional<std::string> Result::optionalText(int row, int col) const {
  if (isNull(row, col)) return std::nullopt;
  return text(row, col);
}

std::optional<std::string> Result::optionalTimestamp(int row, int col) const {
  if (isNull(row, col)) return std::nullopt;
  return isoTimestamp(view(row, col));
}

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::stoll(n) : 0;
}

Connection::Connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_.get()) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw PgError("cannot connect to the database: " + message, "08001");
  }
  // NOTICEs ("relation already exists, skipping") are expected chatter, not operator news.
  PQsetNoticeProcessor(conn_.get(), [](void*, const char*) {}, nullptr);
  // Every timestamp leaves the database in UTC; isoTimestamp() relies on it.
  script("SET TimeZone = 'UTC'; SET DateStyle = 'ISO'");
}

Result Connection::check(PGresult* raw) {
  Result result(raw);
  const auto status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  // Only the primary message: DETAIL can quote the row's values (hashes, personal data).
  const char* primary = raw ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = primary ? primary : PQerrorMessage(conn_.get());
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw PgError(message, state ? state : "");
}

Result Connection::exec(std::string_view sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);

  auto it = prepared_.find(std::string(sql));
  if (it == prepared_.end()) {
    std::string name = "s";
    name += std::to_string(prepared_.size());
    check(PQprepare(conn_.get(), name.c_str(), std::string(sql).c_str(), 0, nullptr));
    it = prepared_.emplace(std::string(sql), std::move(name)).first;
  }
  return check(PQexecPrepared(conn_.get(), it->second.c_str(), static_cast<int>(values.size()), values.data(),
                              nullptr, nullptr, 0));
}

void Connection::script(std::string_view sql) { check(PQexec(conn_.get(), std::string(sql).c_str())); }

Transaction::Transaction(Connection& conn, std::string_view begin) : conn_(conn) { conn_.script(begin); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    conn_.script("ROLLBACK");
  } catch (...) {
    // A broken connection rolls back by itself; the pool drops it.
  }
}

void Transaction::commit() {
  conn_.script("COMMIT");
  done_ = true;
}

Lease::~Lease() {
  if (conn_) pool_->release(std::move(conn_));
}

Pool::Pool(std::string conninfo, std::size_t size, std::chrono::milliseconds acquireTimeout)
    : conninfo_(std::move(conninfo)), size_(size), acquireTimeout_(acquireTimeout) {}

Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  if (!freed_.wait_for(lock, acquireTimeout_, [this] { return !idle_.empty() || open_ < size_; })) {
    throw PgError("no database connection became free in time", "08000");
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Connection>(conninfo_));
  } catch (...) {
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void Pool::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  // A connection left inside a transaction or broken is closed rather than reused.
  if (conn->healthy() && PQtransactionStatus(conn->raw()) == PQTRANS_IDLE) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  freed_.notify_one();
}

std::string likeContains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::string isoTimestamp(std::string_view pg) {
  if (pg.size() < 19) return std::string(pg);
  std::string out(pg);
  out[10] = 'T';
  if (out.ends_with("+00")) out.replace(out.size() - 3, 3, "Z");
  return out;
}

}  // namespace practicum::db
