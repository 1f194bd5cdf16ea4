// Matching of botocore requestUri templates against request paths (see uri_template.hpp for the format).
#include "protocol/uri_template.hpp"

#include <algorithm>

#include "core/encoding.hpp"

namespace trailbox::protocol {

UriTemplate::UriTemplate(std::string_view request_uri) {
  size_t question = request_uri.find('?');
  std::string_view path = request_uri.substr(0, question);
  while (!path.empty()) {
    size_t open = path.find('{');
    if (open != 0) {
      std::string_view literal = path.substr(0, open);
      tokens_.push_back({std::string(literal)});
      literal_path_chars_ += static_cast<int>(literal.size());
      path.remove_prefix(literal.size());
      continue;
    }
    size_t close = path.find('}');
    std::string_view name = path.substr(1, close == std::string_view::npos ? path.size() - 1 : close - 1);
    bool is_greedy = !name.empty() && name.back() == '+';
    if (is_greedy) name.remove_suffix(1);
    tokens_.push_back({std::string(name), true, is_greedy});
    path.remove_prefix(close == std::string_view::npos ? path.size() : close + 1);
  }
  if (question == std::string_view::npos) return;
  std::string_view query = request_uri.substr(question + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t equals = pair.find('=');
    if (!pair.empty()) {
      std::optional<std::string> value;
      if (equals != std::string_view::npos) value = std::string(pair.substr(equals + 1));
      literal_query_.emplace_back(std::string(pair.substr(0, equals)), std::move(value));
    }
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
  }
}

bool UriTemplate::MatchFrom(size_t token, std::string_view rest, UriMatch& match) const {
  if (token == tokens_.size()) return rest.empty() || (rest == "/" && !tokens_.empty() && tokens_.back().text != "/");
  const Token& current = tokens_[token];
  if (!current.is_label) {
    return rest.starts_with(current.text) && MatchFrom(token + 1, rest.substr(current.text.size()), match);
  }
  // A label takes at least one character; a plain label stops at the next '/'. Longest first, then back off.
  size_t limit = current.is_greedy ? rest.size() : std::min(rest.size(), rest.find('/'));
  for (size_t length = limit; length >= 1; --length) {
    if (MatchFrom(token + 1, rest.substr(length), match)) {
      match.labels[current.text] = UrlDecode(rest.substr(0, length));
      return true;
    }
  }
  return false;
}

std::optional<UriMatch> UriTemplate::Match(std::string_view raw_path,
                                           const std::vector<std::pair<std::string, std::string>>& query) const {
  for (const auto& [key, value] : literal_query_) {
    auto found = std::find_if(query.begin(), query.end(), [&](const auto& pair) { return pair.first == key; });
    if (found == query.end() || (value && found->second != *value)) return std::nullopt;
  }
  UriMatch match;
  if (!MatchFrom(0, raw_path, match)) return std::nullopt;
  match.specificity = {static_cast<int>(literal_query_.size()), literal_path_chars_};
  return match;
}

}  // namespace trailbox::protocol
