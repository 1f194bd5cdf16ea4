// Key-based continuation tokens (pagination.hpp).
#include "services/common/pagination.hpp"

#include <algorithm>

#include "core/encoding.hpp"

namespace trailbox::common {
namespace {

constexpr std::string_view kTokenPrefix = "trailbox-page:";

}  // namespace

std::string TokenFor(std::string_view key) {
  return Base64Encode(std::string(kTokenPrefix) + std::string(key));
}

std::optional<Page> SelectPage(const std::vector<std::string>& sorted_keys, const std::optional<std::string>& token,
                               size_t limit) {
  Page page;
  if (token) {
    std::optional<std::string> decoded = Base64Decode(*token);
    if (!decoded || !decoded->starts_with(kTokenPrefix)) return std::nullopt;
    std::string_view key = std::string_view(*decoded).substr(kTokenPrefix.size());
    page.begin =
        static_cast<size_t>(std::lower_bound(sorted_keys.begin(), sorted_keys.end(), key) - sorted_keys.begin());
  }
  page.end = std::min(sorted_keys.size(), page.begin + std::max<size_t>(limit, 1));
  if (page.end < sorted_keys.size()) page.next_token = TokenFor(sorted_keys[page.end]);
  return page;
}

std::optional<Json> Paginate(std::vector<KeyedItem> items, const Json& input, std::string_view list_member,
                             const PageMembers& members) {
  std::sort(items.begin(), items.end(), [](const KeyedItem& a, const KeyedItem& b) { return a.first < b.first; });
  std::vector<std::string> keys;
  keys.reserve(items.size());
  for (const auto& item : items) keys.push_back(item.first);
  std::optional<std::string> token;
  if (auto found = input.find(members.token_in); found != input.end() && found->is_string()) {
    token = found->get<std::string>();
  }
  size_t limit = members.default_limit;
  if (auto found = input.find(members.limit_in); found != input.end() && found->is_number_integer()) {
    limit = static_cast<size_t>(std::max<int64_t>(found->get<int64_t>(), 1));
  }
  std::optional<Page> page = SelectPage(keys, token, limit);
  if (!page) return std::nullopt;
  Json output = Json::object();
  Json& list = output[std::string(list_member)] = Json::array();
  for (size_t i = page->begin; i < page->end; ++i) list.push_back(std::move(items[i].second));
  if (!members.truncated_out.empty()) output[std::string(members.truncated_out)] = page->next_token.has_value();
  if (page->next_token) output[std::string(members.token_out)] = *page->next_token;
  return output;
}

}  // namespace trailbox::common
