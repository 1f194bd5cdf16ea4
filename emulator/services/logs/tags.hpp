// Log group tags, shared by CreateLogGroup (its tags member), DeleteLogGroup and the tagging operations.
#pragma once
#include <cstdint>

#include "core/json.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::logs {

/// Adds or replaces `tags` ({key: value}) on a group; TooManyTagsException past 50.
void PutGroupTags(store::Database& db, int64_t group_id, const Json& tags);
/// Removes every tag of a group.
void DeleteGroupTags(store::Database& db, int64_t group_id);

}  // namespace trailbox::logs
