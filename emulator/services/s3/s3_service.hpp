// The S3 service: its operation table (buckets, objects, listings, multipart uploads, bucket policies, lifecycle
// configurations, bucket tags).
#pragma once
#include "core/operation_table.hpp"
#include "core/scheduler.hpp"
#include "store/database.hpp"

namespace trailbox::s3 {

/// Registers every S3 operation trailbox implements.
void AddS3Operations(OperationTable& table);
/// At start-up: schedules again what S3 runs on the clock (each bucket's daily lifecycle run), since scheduled
/// tasks live in memory and the configurations live in SQLite.
void ResumeS3Tasks(store::Database& db, Scheduler& scheduler);

}  // namespace trailbox::s3
