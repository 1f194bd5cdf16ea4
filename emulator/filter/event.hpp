// One log event as filter patterns see it: the raw message, its JSON document and its space-delimited fields.
// The document and the fields are worked out on first use and then shared by every pattern evaluated on the
// same event, so a log group with many filters parses each event once (DESIGN.md "Filter patterns").
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "filter/json_document.hpp"

namespace trailbox::filter {

/// One space-delimited field of a message (spec §6.1).
struct Field {
  /// The field's text, without the [ ] or " " that group it.
  std::string_view value;
  /// Offset of the field's first character (its opening [ or ", if any) in the message.
  size_t begin = 0;
};

/// A message and what patterns derive from it. Views the message, which must outlive the Event. Not
/// thread-safe (the derived parts are filled in lazily): give each thread its own. Neither copyable nor movable,
/// since its document views its own buffer; reuse one with Reset.
class Event {
 public:
  Event() = default;
  /// An event for `message`.
  explicit Event(std::string_view message) : message_(message) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  /// Points this event at another message, keeping its buffers (for loops over many events).
  void Reset(std::string_view message);

  /// The raw message.
  std::string_view message() const { return message_; }

  /// The message's JSON document, or nullptr when the message is not a JSON object (spec §5.4).
  const JsonDocument* Json() const;

  /// The message split into space-delimited fields (spec §6.1).
  const std::vector<Field>& Fields() const;

 private:
  enum class JsonState { kUnparsed, kObject, kNotObject };

  std::string_view message_;
  mutable JsonState json_state_ = JsonState::kUnparsed;
  mutable JsonDocument json_;
  mutable bool is_split_ = false;
  mutable std::vector<Field> fields_;
};

}  // namespace trailbox::filter
