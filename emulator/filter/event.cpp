// Event (event.hpp): the lazily parsed JSON document and the space-delimited split of one message, as
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html describes the fields.
//
// Splitting, spec §6.1 ([DOC]: "Characters between brackets and double quotation marks are considered single
// fields", the quotes and brackets not being part of the value):
//   - Fields are separated by runs of spaces. Open (spec §13.8): a tab separates like a space, so the
//     tab-separated lines Lambda writes split into their columns; a run of separators counts as one; leading and
//     trailing separators are ignored.
//   - A field that starts with [ runs to the next ], one that starts with " to the next ". Open: text right
//     after the closing ] or " starts the next field even without a separator; an opening [ or " that is never
//     closed is an ordinary character of a plain field.
#include "filter/event.hpp"

namespace trailbox::filter {
namespace {

bool IsSeparator(char c) { return c == ' ' || c == '\t'; }

}  // namespace

void Event::Reset(std::string_view message) {
  message_ = message;
  json_state_ = JsonState::kUnparsed;
  is_split_ = false;
  fields_.clear();
}

const JsonDocument* Event::Json() const {
  if (json_state_ == JsonState::kUnparsed) {
    bool is_object = json_.Parse(message_) && json_.node(0).type == JsonType::kObject;
    json_state_ = is_object ? JsonState::kObject : JsonState::kNotObject;
  }
  return json_state_ == JsonState::kObject ? &json_ : nullptr;
}

const std::vector<Field>& Event::Fields() const {
  if (is_split_) return fields_;
  is_split_ = true;
  const size_t size = message_.size();
  size_t at = 0;
  while (at < size) {
    if (IsSeparator(message_[at])) {
      ++at;
      continue;
    }
    char open = message_[at];
    if (open == '[' || open == '"') {
      size_t close = message_.find(open == '[' ? ']' : '"', at + 1);
      if (close != std::string_view::npos) {
        fields_.push_back({message_.substr(at + 1, close - at - 1), at});
        at = close + 1;
        continue;
      }
    }
    size_t end = at;
    while (end < size && !IsSeparator(message_[end])) ++end;
    fields_.push_back({message_.substr(at, end - at), at});
    at = end;
  }
  return fields_;
}

}  // namespace trailbox::filter
