// The schema, as one ordered list of steps. Append a step for a new kind of state; never edit a step that shipped:
// existing data directories have run it already (their PRAGMA user_version says how far).
#include "store/migrations.hpp"

#include <array>
#include <string>

#include "store/database.hpp"

namespace trailbox::store {
namespace {

constexpr std::array kSteps = {
    // 1: settings that outlive a restart, such as the virtual clock's time.
    R"sql(
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    )sql",
    // 2: IAM users, roles, access keys, inline and managed policies, and STS temporary credentials. Names compare
    // without case as IAM's do; rows refer to users and roles by their unique ids, so renames keep attachments.
    R"sql(
      CREATE TABLE iam_users (
        user_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, user_name TEXT NOT NULL COLLATE NOCASE,
        path TEXT NOT NULL, arn TEXT NOT NULL, create_date REAL NOT NULL, permissions_boundary TEXT,
        UNIQUE (account_id, user_name));
      CREATE TABLE iam_roles (
        role_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, role_name TEXT NOT NULL COLLATE NOCASE,
        path TEXT NOT NULL, arn TEXT NOT NULL, create_date REAL NOT NULL, assume_role_policy TEXT NOT NULL,
        description TEXT, max_session_duration INTEGER NOT NULL, permissions_boundary TEXT,
        last_used_date REAL, last_used_region TEXT,
        UNIQUE (account_id, role_name));
      CREATE TABLE iam_tags (
        entity_id TEXT NOT NULL, key TEXT NOT NULL COLLATE NOCASE, value TEXT NOT NULL,
        PRIMARY KEY (entity_id, key));
      CREATE TABLE iam_access_keys (
        access_key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, user_id TEXT NOT NULL,
        secret_access_key TEXT NOT NULL, status TEXT NOT NULL, create_date REAL NOT NULL);
      CREATE INDEX iam_access_keys_by_user ON iam_access_keys (user_id);
      CREATE TABLE iam_inline_policies (
        owner_id TEXT NOT NULL, policy_name TEXT NOT NULL COLLATE NOCASE, document TEXT NOT NULL,
        PRIMARY KEY (owner_id, policy_name));
      CREATE TABLE iam_policies (
        policy_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, policy_name TEXT NOT NULL COLLATE NOCASE,
        path TEXT NOT NULL, arn TEXT NOT NULL UNIQUE, description TEXT, create_date REAL NOT NULL,
        update_date REAL NOT NULL, default_version_id TEXT NOT NULL, next_version INTEGER NOT NULL,
        UNIQUE (account_id, policy_name));
      CREATE TABLE iam_policy_versions (
        policy_arn TEXT NOT NULL, version_id TEXT NOT NULL, document TEXT NOT NULL, create_date REAL NOT NULL,
        PRIMARY KEY (policy_arn, version_id));
      CREATE TABLE iam_attached_policies (
        owner_id TEXT NOT NULL, policy_arn TEXT NOT NULL, PRIMARY KEY (owner_id, policy_arn));
      CREATE INDEX iam_attached_policies_by_arn ON iam_attached_policies (policy_arn);
      CREATE TABLE sts_sessions (
        access_key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, secret_access_key TEXT NOT NULL,
        session_token TEXT NOT NULL, issued_at REAL NOT NULL, expiration REAL NOT NULL,
        identity_type TEXT NOT NULL, arn TEXT NOT NULL, principal_id TEXT NOT NULL, user_name TEXT,
        role_arn TEXT, role_id TEXT, role_name TEXT, session_name TEXT);
    )sql",
    // S3: buckets (names are global across accounts), objects with their bodies, multipart uploads and their parts.
    // Keys compare as bytes (BINARY), which is S3's UTF-8 listing order. Documents kept as JSON text: a bucket's
    // policy, lifecycle configuration and tags; an object's stored headers and user metadata.
    R"sql(
      CREATE TABLE s3_buckets (
        name TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, create_date REAL NOT NULL,
        policy TEXT, lifecycle TEXT, lifecycle_generation INTEGER NOT NULL DEFAULT 0, versioning TEXT, tags TEXT);
      CREATE TABLE s3_objects (
        bucket TEXT NOT NULL, key TEXT NOT NULL, body BLOB NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL,
        last_modified REAL NOT NULL, content_type TEXT NOT NULL, headers TEXT NOT NULL, metadata TEXT NOT NULL,
        checksum_algorithm TEXT, checksum TEXT, parts_count INTEGER, owner_account TEXT NOT NULL,
        PRIMARY KEY (bucket, key));
      CREATE TABLE s3_uploads (
        upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, initiated REAL NOT NULL,
        content_type TEXT NOT NULL, headers TEXT NOT NULL, metadata TEXT NOT NULL, checksum_algorithm TEXT,
        owner_account TEXT NOT NULL);
      CREATE INDEX s3_uploads_by_key ON s3_uploads (bucket, key, initiated);
      CREATE TABLE s3_parts (
        upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, body BLOB NOT NULL, size INTEGER NOT NULL,
        etag TEXT NOT NULL, last_modified REAL NOT NULL, checksum TEXT,
        PRIMARY KEY (upload_id, part_number));
    )sql",
    // CloudWatch Logs: log groups (with retention and tags), streams, events and metric filters; CloudWatch metrics
    // (one row per namespace, name and dimension set) and their datapoints (statistic sets plus, where the values
    // are known, the raw values with counts that percentiles need). Times are epoch milliseconds, as Logs' are.
    R"sql(
      CREATE TABLE logs_groups (
        group_id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        creation_time INTEGER NOT NULL, retention_days INTEGER, kms_key_id TEXT,
        stored_bytes INTEGER NOT NULL DEFAULT 0, UNIQUE (account_id, region, name));
      CREATE TABLE logs_group_tags (
        group_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (group_id, key));
      CREATE TABLE logs_streams (
        stream_id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, name TEXT NOT NULL, creation_time INTEGER NOT NULL,
        first_event INTEGER, last_event INTEGER, last_ingestion INTEGER, UNIQUE (group_id, name));
      CREATE TABLE logs_events (
        event_id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL,
        timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
      CREATE INDEX logs_events_by_stream ON logs_events (stream_id, timestamp, event_id);
      CREATE INDEX logs_events_by_group ON logs_events (group_id, timestamp, event_id);
      CREATE TABLE logs_metric_filters (
        group_id INTEGER NOT NULL, filter_name TEXT NOT NULL, filter_pattern TEXT NOT NULL,
        transformations TEXT NOT NULL, creation_time INTEGER NOT NULL, has_regex INTEGER NOT NULL,
        PRIMARY KEY (group_id, filter_name));
      CREATE TABLE cloudwatch_metrics (
        metric_id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, namespace TEXT NOT NULL,
        metric_name TEXT NOT NULL, dimensions TEXT NOT NULL, last_published INTEGER NOT NULL,
        UNIQUE (account_id, region, namespace, metric_name, dimensions));
      CREATE TABLE cloudwatch_datapoints (
        metric_id INTEGER NOT NULL, timestamp INTEGER NOT NULL, unit TEXT NOT NULL, sample_count REAL NOT NULL,
        sum REAL NOT NULL, minimum REAL NOT NULL, maximum REAL NOT NULL, raw_values TEXT,
        storage_resolution INTEGER NOT NULL);
      CREATE INDEX cloudwatch_datapoints_by_metric ON cloudwatch_datapoints (metric_id, timestamp);
      CREATE INDEX cloudwatch_datapoints_by_time ON cloudwatch_datapoints (timestamp);
    )sql",
    // CloudTrail event history (LookupEvents): one row per management event with the columns lookups filter
    // on and the record's text; the resources each event names. trail/event_history.cpp.
    R"sql(
      CREATE TABLE trail_event_history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, account_id TEXT NOT NULL,
        region TEXT NOT NULL, event_time REAL NOT NULL, event_name TEXT NOT NULL, event_source TEXT NOT NULL,
        read_only TEXT NOT NULL, username TEXT NOT NULL, access_key_id TEXT NOT NULL, resources TEXT NOT NULL,
        record TEXT NOT NULL);
      CREATE INDEX trail_event_history_by_time ON trail_event_history (account_id, region, event_time, seq);
      CREATE INDEX trail_event_history_by_expiry ON trail_event_history (event_time);
      CREATE TABLE trail_event_resources (
        seq INTEGER NOT NULL, resource_type TEXT NOT NULL, resource_name TEXT NOT NULL);
      CREATE INDEX trail_event_resources_by_seq ON trail_event_resources (seq);
      CREATE INDEX trail_event_resources_by_name ON trail_event_resources (resource_name);
      CREATE INDEX trail_event_resources_by_type ON trail_event_resources (resource_type);
    )sql",
    // EC2 instances (the Instance document plus the columns lookups and state transitions use), security groups
    // with their rules, and tags on any EC2 resource. services/ec2/.
    R"sql(
      CREATE TABLE ec2_instances (
        instance_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, reservation_id TEXT NOT NULL,
        state TEXT NOT NULL, transition_at REAL, client_token TEXT, document TEXT NOT NULL);
      CREATE INDEX ec2_instances_by_account ON ec2_instances (account_id, region);
      CREATE INDEX ec2_instances_by_transition ON ec2_instances (transition_at);
      CREATE TABLE ec2_security_groups (
        group_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, vpc_id TEXT NOT NULL,
        group_name TEXT NOT NULL, description TEXT NOT NULL, ingress TEXT NOT NULL, egress TEXT NOT NULL,
        UNIQUE (account_id, region, vpc_id, group_name));
      CREATE TABLE ec2_tags (
        resource_id TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL,
        key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (resource_id, key));
      CREATE INDEX ec2_tags_by_account ON ec2_tags (account_id, region);
    )sql",
    // Trails (settings, selectors, tags and status as JSON), the records each queued for delivery, the log files
    // awaiting a digest, the digest chain of each trail and region, and the per-region signing keys. trail/.
    R"sql(
      CREATE TABLE trail_trails (
        trail_arn TEXT PRIMARY KEY, account_id TEXT NOT NULL, home_region TEXT NOT NULL, name TEXT NOT NULL,
        config TEXT NOT NULL, selectors TEXT NOT NULL, has_custom_selectors INTEGER NOT NULL, insight_selectors TEXT,
        tags TEXT NOT NULL, is_logging INTEGER NOT NULL, status TEXT NOT NULL, next_delivery REAL);
      CREATE INDEX trail_trails_by_account ON trail_trails (account_id, home_region);
      CREATE TABLE trail_pending (
        id INTEGER PRIMARY KEY, trail_arn TEXT NOT NULL, destination TEXT NOT NULL, region TEXT NOT NULL,
        record TEXT NOT NULL);
      CREATE INDEX trail_pending_by_trail ON trail_pending (trail_arn, destination);
      CREATE TABLE trail_log_files (
        id INTEGER PRIMARY KEY, trail_arn TEXT NOT NULL, region TEXT NOT NULL, bucket TEXT NOT NULL,
        object_key TEXT NOT NULL, hash TEXT NOT NULL, oldest TEXT NOT NULL, newest TEXT NOT NULL,
        delivered_at REAL NOT NULL);
      CREATE INDEX trail_log_files_by_trail ON trail_log_files (trail_arn, region);
      CREATE TABLE trail_digest_chains (
        trail_arn TEXT NOT NULL, region TEXT NOT NULL, end_time REAL NOT NULL, bucket TEXT NOT NULL,
        object_key TEXT NOT NULL, signature TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (trail_arn, region));
      CREATE TABLE trail_signing_keys (
        region TEXT PRIMARY KEY, private_der BLOB NOT NULL, public_der BLOB NOT NULL, fingerprint TEXT NOT NULL,
        valid_from REAL NOT NULL, valid_to REAL NOT NULL);
    )sql",
    // SNS: topics (settable attributes and tags as JSON), subscriptions, the outbox of every message sent (emails as
    // RFC 5322 text, HTTP/HTTPS POSTs with their retry state) and its attempts, the signing key. services/sns/.
    R"sql(
      CREATE TABLE sns_topics (
        topic_arn TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        attributes TEXT NOT NULL, tags TEXT NOT NULL);
      CREATE INDEX sns_topics_by_account ON sns_topics (account_id, region);
      CREATE TABLE sns_subscriptions (
        subscription_arn TEXT PRIMARY KEY, topic_arn TEXT NOT NULL, owner TEXT NOT NULL, protocol TEXT NOT NULL,
        endpoint TEXT NOT NULL, token TEXT NOT NULL, is_confirmed INTEGER NOT NULL, is_authenticated INTEGER NOT NULL,
        attributes TEXT NOT NULL);
      CREATE INDEX sns_subscriptions_by_topic ON sns_subscriptions (topic_arn);
      CREATE TABLE sns_outbox (
        id INTEGER PRIMARY KEY, time REAL NOT NULL, topic_arn TEXT NOT NULL, subscription_arn TEXT NOT NULL,
        protocol TEXT NOT NULL, endpoint TEXT NOT NULL, message_type TEXT NOT NULL, message_id TEXT NOT NULL,
        subject TEXT NOT NULL, body TEXT NOT NULL, raw TEXT NOT NULL, headers TEXT NOT NULL, status TEXT NOT NULL,
        attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL DEFAULT 1, retry_delay REAL NOT NULL DEFAULT 0,
        next_attempt REAL NOT NULL);
      CREATE INDEX sns_outbox_by_status ON sns_outbox (status);
      CREATE TABLE sns_delivery_attempts (
        id INTEGER PRIMARY KEY, outbox_id INTEGER NOT NULL, time REAL NOT NULL, outcome TEXT NOT NULL);
      CREATE INDEX sns_delivery_attempts_by_message ON sns_delivery_attempts (outbox_id);
      CREATE TABLE sns_signing_keys (id INTEGER PRIMARY KEY, private_pem TEXT NOT NULL, certificate_pem TEXT NOT NULL);
    )sql",
    // CloudWatch metric alarms (configuration and tags as JSON, state columns) and their history, which outlives
    // a deleted alarm. services/cloudwatch/alarm_store.cpp.
    R"sql(
      CREATE TABLE cloudwatch_alarms (
        account_id TEXT NOT NULL, region TEXT NOT NULL, alarm_name TEXT NOT NULL, config TEXT NOT NULL,
        state_value TEXT NOT NULL, state_reason TEXT NOT NULL, state_reason_data TEXT NOT NULL,
        state_updated INTEGER NOT NULL, state_transitioned INTEGER NOT NULL, config_updated INTEGER NOT NULL,
        tags TEXT NOT NULL, PRIMARY KEY (account_id, region, alarm_name));
      CREATE TABLE cloudwatch_alarm_history (
        id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, alarm_name TEXT NOT NULL,
        timestamp INTEGER NOT NULL, item_type TEXT NOT NULL, summary TEXT NOT NULL, data TEXT NOT NULL);
      CREATE INDEX cloudwatch_alarm_history_by_time ON cloudwatch_alarm_history (account_id, region, timestamp);
    )sql",
};

}  // namespace

void ApplyMigrations(Database& db) {
  auto version_statement = db.Prepare("PRAGMA user_version");
  version_statement.Step();
  int64_t version = version_statement.Int(0);
  for (size_t step = static_cast<size_t>(version); step < kSteps.size(); ++step) {
    Transaction transaction(db);
    db.Exec(kSteps[step]);
    db.Exec("PRAGMA user_version = " + std::to_string(step + 1));
    transaction.Commit();
  }
}

void DeleteAllRows(Database& db) {
  std::vector<std::string> tables;
  auto statement = db.Prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  while (statement.Step()) tables.push_back(statement.Text(0));
  for (const auto& table : tables) db.Exec("DELETE FROM \"" + table + "\"");
}

}  // namespace trailbox::store
