// Schema migrations: one ordered list of steps; PRAGMA user_version records how many have run.
#pragma once

namespace trailbox::store {
class Database;
/// Runs every step after the database's user_version, each in its own transaction.
void ApplyMigrations(Database& db);
/// Deletes every row of every table (admin reset), keeping the schema.
void DeleteAllRows(Database& db);
}  // namespace trailbox::store
