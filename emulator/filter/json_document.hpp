// A JSON log event parsed once into a flat array of nodes, so that every JSON pattern of a log group reads the
// same parse (DESIGN.md "Filter patterns"). Strict RFC 8259 (https://www.rfc-editor.org/rfc/rfc8259); strings
// stay views into the event unless they hold escapes, so a parse allocates at most twice per buffer reuse.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trailbox::filter {

/// The type of a JSON value.
enum class JsonType : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

/// One value. A container is followed by its contents: an object by key, value, key, value... (keys are
/// kString nodes), an array by its elements. `end` is the index just past the node and its contents.
struct JsonNode {
  JsonType type = JsonType::kNull;
  uint32_t end = 0;
  /// kString: the decoded text; every other type: the text as written.
  std::string_view text;
};

/// A parsed document; node 0 is the root.
class JsonDocument {
 public:
  /// Index returned when a member or element does not exist.
  static constexpr uint32_t kNotFound = UINT32_MAX;

  JsonDocument() = default;
  /// Not copyable: nodes view the document's own buffer.
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  /// Parses `text`; false when it is not exactly one JSON value (surrounding white space allowed). Nodes view
  /// `text` and this document's own buffer, so both must outlive what is read. Buffers are reused.
  bool Parse(std::string_view text);

  /// The node at `index` (0 is the root).
  const JsonNode& node(uint32_t index) const { return nodes_[index]; }

  /// The value of `key` in the object at `object` (the last one when a key repeats), or kNotFound.
  uint32_t Member(uint32_t object, std::string_view key) const;

  /// Element `index` of the array at `array`, or kNotFound.
  uint32_t Element(uint32_t array, uint32_t index) const;

  /// Calls `visit(value_index)` for each member value of an object or each element of an array, stopping at the
  /// first call that returns true; returns whether one did.
  template <typename Visit>
  bool AnyChild(uint32_t container, Visit&& visit) const {
    const JsonNode& parent = nodes_[container];
    bool is_object = parent.type == JsonType::kObject;
    for (uint32_t i = container + 1; i < parent.end;) {
      uint32_t value = is_object ? i + 1 : i;
      if (visit(value)) return true;
      i = nodes_[value].end;
    }
    return false;
  }

 private:
  friend class JsonTapeParser;
  std::vector<JsonNode> nodes_;
  std::string decoded_;
};

}  // namespace trailbox::filter
