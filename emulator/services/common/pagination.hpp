// Token pagination shared by the services' List/Describe operations. A listing is ordered by unique keys; the
// continuation token names the key the next page starts at (base64 of "trailbox-page:" + key), so a page stays
// correct when items are added or removed between calls. IAM calls the token Marker and the page size MaxItems
// and adds IsTruncated; other services rename the members (NextToken/MaxRecords...).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"

namespace trailbox::common {

/// One page of a listing: items [begin, end) of the ordered keys.
struct Page {
  size_t begin = 0;
  size_t end = 0;
  /// Absent on the last page.
  std::optional<std::string> next_token;
};

/// The page of `sorted_keys` (ascending, unique) starting at `token` (the first page when absent) with at most
/// `limit` items; nullopt when `token` is not one of ours.
std::optional<Page> SelectPage(const std::vector<std::string>& sorted_keys, const std::optional<std::string>& token,
                               size_t limit);

/// The token that resumes a listing at `key`.
std::string TokenFor(std::string_view key);

/// Input and output member names of a paginated operation; the defaults are IAM's.
struct PageMembers {
  std::string_view token_in = "Marker";
  std::string_view limit_in = "MaxItems";
  std::string_view token_out = "Marker";
  std::string_view truncated_out = "IsTruncated";  // empty: the output has no such member
  size_t default_limit = 100;
};

/// An item of a listing with the key it is ordered by.
using KeyedItem = std::pair<std::string, Json>;

/// The output document of one page: {list_member: [...], IsTruncated, Marker} for `items` in any order, paged as
/// `input` asks. nullopt when the input's token is not one of ours.
std::optional<Json> Paginate(std::vector<KeyedItem> items, const Json& input, std::string_view list_member,
                             const PageMembers& members = {});

}  // namespace trailbox::common
