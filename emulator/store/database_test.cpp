// The store: migrations, transactions that roll back, persistence across reopening.
#include "store/database.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/migrations.hpp"

namespace trailbox::store {
namespace {

TEST(Database, MigrationsSetUserVersion) {
  Database db(":memory:");
  auto statement = db.Prepare("PRAGMA user_version");
  ASSERT_TRUE(statement.Step());
  EXPECT_GE(statement.Int(0), 1);
}

TEST(Database, UncommittedTransactionRollsBack) {
  Database db(":memory:");
  {
    Transaction transaction(db);
    db.Prepare("INSERT INTO meta (key, value) VALUES (?, ?)").BindAll("k", "v").Run();
  }
  auto count = db.Prepare("SELECT count(*) FROM meta");
  ASSERT_TRUE(count.Step());
  EXPECT_EQ(count.Int(0), 0);
}

TEST(Database, CommittedDataSurvivesReopening) {
  auto dir = std::filesystem::temp_directory_path() / ("trailbox-store-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "trailbox.db").string();
  {
    Database db(path);
    Transaction transaction(db);
    db.Prepare("INSERT INTO meta (key, value) VALUES (?, ?)").BindAll("clock", "42").Run();
    transaction.Commit();
  }
  {
    Database db(path);
    auto value = db.Prepare("SELECT value FROM meta WHERE key = ?");
    value.Bind(1, "clock");
    ASSERT_TRUE(value.Step());
    EXPECT_EQ(value.Text(0), "42");
  }
  std::filesystem::remove_all(dir);
}

TEST(Database, DeleteAllRowsKeepsSchema) {
  Database db(":memory:");
  db.Prepare("INSERT INTO meta (key, value) VALUES (?, ?)").BindAll("a", "b").Run();
  DeleteAllRows(db);
  auto count = db.Prepare("SELECT count(*) FROM meta");
  ASSERT_TRUE(count.Step());
  EXPECT_EQ(count.Int(0), 0);
}

TEST(Database, BadSqlThrows) {
  Database db(":memory:");
  EXPECT_THROW(db.Exec("SELEKT 1"), DatabaseError);
}

}  // namespace
}  // namespace trailbox::store
