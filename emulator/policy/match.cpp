// Wildcard and ARN matching for policy evaluation and validation (match.hpp).
#include "policy/match.hpp"

#include <cctype>

namespace trailbox::policy {
namespace {

bool SameChar(char a, char b, bool ignore_case) {
  if (!ignore_case) return a == b;
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case) {
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string_view::npos;
  size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || SameChar(pattern[p], text[t], ignore_case))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool ArnMatch(std::string_view pattern, std::string_view arn) {
  auto components = [](std::string_view text) {
    std::vector<std::string_view> parts;
    for (int i = 0; i < 5; ++i) {
      size_t colon = text.find(':');
      if (colon == std::string_view::npos) break;
      parts.push_back(text.substr(0, colon));
      text.remove_prefix(colon + 1);
    }
    parts.push_back(text);
    return parts;
  };
  std::vector<std::string_view> pattern_parts = components(pattern);
  std::vector<std::string_view> arn_parts = components(arn);
  if (pattern_parts.size() != arn_parts.size()) return WildcardMatch(pattern, arn, false);
  for (size_t i = 0; i < pattern_parts.size(); ++i) {
    if (!WildcardMatch(pattern_parts[i], arn_parts[i], false)) return false;
  }
  return true;
}

std::vector<std::string> SplitOn(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t found = text.find(separator, start);
    if (found == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, found - start));
    start = found + 1;
  }
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace trailbox::policy
