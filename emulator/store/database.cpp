// SQLite connection, cached statements and transactions.
#include "store/database.hpp"

#include "store/migrations.hpp"

namespace trailbox::store {
namespace {

void Check(sqlite3* db, int rc, std::string_view what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw DatabaseError(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

}  // namespace

Statement& Statement::Bind(int index, std::string_view text) {
  Check(sqlite3_db_handle(statement_),
        sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  Check(sqlite3_db_handle(statement_), sqlite3_bind_int64(statement_, index, value), "bind");
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  Check(sqlite3_db_handle(statement_), sqlite3_bind_double(statement_, index, value), "bind");
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  Check(sqlite3_db_handle(statement_),
        sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT), "bind");
  return *this;
}

Statement& Statement::BindNull(int index) {
  Check(sqlite3_db_handle(statement_), sqlite3_bind_null(statement_, index), "bind");
  return *this;
}

bool Statement::Step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw DatabaseError(std::string("step: ") + sqlite3_errmsg(sqlite3_db_handle(statement_)));
}

std::string Statement::Text(int column) const {
  auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  int size = sqlite3_column_bytes(statement_, column);
  return data ? std::string(data, static_cast<size_t>(size)) : std::string();
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(statement_, column); }
double Statement::Double(int column) const { return sqlite3_column_double(statement_, column); }
bool Statement::IsNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::optional<std::string> Statement::OptionalText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

Database::Database(const std::string& path) : ephemeral_(path.empty() || path == ":memory:") {
  int rc = sqlite3_open_v2(ephemeral_ ? ":memory:" : path.c_str(), &db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw DatabaseError("cannot open database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  if (!ephemeral_) {
    Exec("PRAGMA journal_mode=WAL");
    // WAL with synchronous=FULL: a committed transaction survives a power loss, so a 200 means durable.
    Exec("PRAGMA synchronous=FULL");
  }
  Exec("PRAGMA foreign_keys=ON");
  ApplyMigrations(*this);
}

Database::~Database() {
  for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

Statement Database::Prepare(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    sqlite3_stmt* statement = nullptr;
    Check(db_, sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                  &statement, nullptr),
          "prepare");
    found = cache_.emplace(std::string(sql), statement).first;
  }
  sqlite3_reset(found->second);
  sqlite3_clear_bindings(found->second);
  return Statement(found->second);
}

void Database::Exec(std::string_view sql) {
  char* error = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw DatabaseError(message);
  }
}

int64_t Database::changes() const { return sqlite3_changes64(db_); }

void Database::Checkpoint() {
  if (!ephemeral_) sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
}

Transaction::Transaction(Database& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.Exec("ROLLBACK");
    } catch (...) {
      // A failed rollback leaves nothing to undo: SQLite already rolled the transaction back.
    }
  }
}

void Transaction::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

}  // namespace trailbox::store
