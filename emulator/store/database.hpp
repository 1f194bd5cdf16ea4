// The SQLite connection: one file in the data directory in WAL mode, or memory for --ephemeral
// (shared/DESIGN.md, principle 4). Statements are prepared once and cached by their SQL text.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace trailbox::store {

/// A prepared statement. Bind parameters are 1-based as in SQLite; columns are 0-based.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, bool value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  /// Binds all arguments in order from index 1.
  template <typename... Args>
  Statement& BindAll(const Args&... args) {
    int index = 1;
    (Bind(index++, args), ...);
    return *this;
  }
  /// Advances to the next row; false when done. Throws on error.
  bool Step();
  /// Runs a statement that returns no rows.
  void Run() { while (Step()) {} }
  std::string Text(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;
  std::optional<std::string> OptionalText(int column) const;

 private:
  sqlite3_stmt* statement_;
};

class Database {
 public:
  /// Opens (creating) `path`; ":memory:" or empty for an ephemeral database. Applies migrations.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// A cached prepared statement, reset and with its bindings cleared.
  Statement Prepare(std::string_view sql);
  /// Runs SQL that returns no rows (may hold several statements).
  void Exec(std::string_view sql);
  /// The number of rows the last INSERT/UPDATE/DELETE changed.
  int64_t changes() const;
  bool is_ephemeral() const { return ephemeral_; }
  /// Writes the WAL back into the database file (graceful shutdown).
  void Checkpoint();
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  bool ephemeral_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

/// One request, one transaction (shared/STYLE.md, rule 5): commits on Commit(), rolls back otherwise.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Database& db_;
  bool done_ = false;
};

/// Thrown on any SQLite failure; the dispatcher turns it into InternalFailure.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace trailbox::store
