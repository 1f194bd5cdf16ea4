// Parses RFC 8259 JSON into JsonDocument's node array (json_document.hpp): one recursive-descent pass that
// validates as it goes. Strings without escapes are views into the input; strings with escapes are decoded into
// one buffer reserved to the input's size, which no decoded text can exceed, so views into it stay valid.
#include "filter/json_document.hpp"

#include <cstring>

namespace trailbox::filter {

/// One parse of one text into a document.
class JsonTapeParser {
 public:
  JsonTapeParser(JsonDocument& document, std::string_view text)
      : nodes_(document.nodes_), decoded_(document.decoded_), text_(text) {}

  bool Run() {
    nodes_.clear();
    decoded_.clear();
    if (!ParseValue(0)) return false;
    SkipSpace();
    return at_ == text_.size();
  }

 private:
  static constexpr int kMaxDepth = 512;

  void SkipSpace() {
    while (at_ < text_.size()) {
      char c = text_[at_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++at_;
    }
  }

  uint32_t Push(JsonType type) {
    nodes_.push_back({type, 0, {}});
    return static_cast<uint32_t>(nodes_.size() - 1);
  }

  void Close(uint32_t index, size_t begin) {
    nodes_[index].end = static_cast<uint32_t>(nodes_.size());
    if (nodes_[index].type != JsonType::kString) nodes_[index].text = text_.substr(begin, at_ - begin);
  }

  bool ParseValue(int depth) {
    SkipSpace();
    if (at_ >= text_.size() || depth > kMaxDepth) return false;
    switch (text_[at_]) {
      case '{': return ParseContainer(JsonType::kObject, depth);
      case '[': return ParseContainer(JsonType::kArray, depth);
      case '"': return ParseString();
      case 't': return ParseWord("true", JsonType::kTrue);
      case 'f': return ParseWord("false", JsonType::kFalse);
      case 'n': return ParseWord("null", JsonType::kNull);
      default: return ParseNumber();
    }
  }

  bool ParseContainer(JsonType type, int depth) {
    const bool is_object = type == JsonType::kObject;
    const char close = is_object ? '}' : ']';
    size_t begin = at_++;
    uint32_t index = Push(type);
    SkipSpace();
    if (at_ < text_.size() && text_[at_] == close) {
      ++at_;
      Close(index, begin);
      return true;
    }
    for (;;) {
      if (is_object) {
        SkipSpace();
        if (at_ >= text_.size() || text_[at_] != '"' || !ParseString()) return false;
        SkipSpace();
        if (at_ >= text_.size() || text_[at_] != ':') return false;
        ++at_;
      }
      if (!ParseValue(depth + 1)) return false;
      SkipSpace();
      if (at_ >= text_.size()) return false;
      char c = text_[at_++];
      if (c == close) break;
      if (c != ',') return false;
    }
    Close(index, begin);
    return true;
  }

  bool ParseWord(std::string_view word, JsonType type) {
    if (text_.substr(at_, word.size()) != word) return false;
    uint32_t index = Push(type);
    size_t begin = at_;
    at_ += word.size();
    Close(index, begin);
    return true;
  }

  bool ParseNumber() {
    size_t begin = at_;
    auto digits = [&]() {
      size_t first = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ - first;
    };
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') {
      ++at_;
    } else if (digits() == 0) {
      return false;
    }
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (digits() == 0) return false;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (digits() == 0) return false;
    }
    uint32_t index = Push(JsonType::kNumber);
    Close(index, begin);
    return true;
  }

  bool ParseString() {
    size_t begin = ++at_;
    SkipPlainStringBytes();
    while (at_ < text_.size()) {
      auto c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        uint32_t index = Push(JsonType::kString);
        nodes_[index].text = text_.substr(begin, at_ - begin);
        ++at_;
        Close(index, begin);
        return true;
      }
      if (c == '\\') return ParseEscapedString(begin);
      if (c < 0x20) return false;
      ++at_;
    }
    return false;
  }

  /// Moves at_ over string bytes that need no attention, eight at a time: it stops at or before the first '"',
  /// '\\' or control character (the usual has-zero-byte and has-byte-less-than word tricks).
  void SkipPlainStringBytes() {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighs = 0x8080808080808080ULL;
    while (at_ + 8 <= text_.size()) {
      uint64_t word;
      std::memcpy(&word, text_.data() + at_, 8);
      uint64_t quote = word ^ (kOnes * '"');
      uint64_t backslash = word ^ (kOnes * '\\');
      uint64_t special = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                         ((word - kOnes * 0x20) & ~word);
      if ((special & kHighs) != 0) return;
      at_ += 8;
    }
  }

  /// The rest of a string that holds escapes, decoded into decoded_; `begin` is just after the opening quote.
  bool ParseEscapedString(size_t begin) {
    if (decoded_.capacity() < text_.size()) decoded_.reserve(text_.size());
    size_t decoded_begin = decoded_.size();
    decoded_.append(text_.substr(begin, at_ - begin));
    while (at_ < text_.size()) {
      auto c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        uint32_t index = Push(JsonType::kString);
        nodes_[index].text = std::string_view(decoded_).substr(decoded_begin);
        Close(index, begin);
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        decoded_.push_back(static_cast<char>(c));
        ++at_;
        continue;
      }
      if (++at_ >= text_.size()) return false;
      char escape = text_[at_++];
      switch (escape) {
        case '"': decoded_.push_back('"'); break;
        case '\\': decoded_.push_back('\\'); break;
        case '/': decoded_.push_back('/'); break;
        case 'b': decoded_.push_back('\b'); break;
        case 'f': decoded_.push_back('\f'); break;
        case 'n': decoded_.push_back('\n'); break;
        case 'r': decoded_.push_back('\r'); break;
        case 't': decoded_.push_back('\t'); break;
        case 'u': {
          uint32_t code = 0;
          if (!ReadHex4(code)) return false;
          if (code >= 0xD800 && code <= 0xDBFF && text_.substr(at_, 2) == "\\u") {
            size_t saved = at_;
            at_ += 2;
            uint32_t low = 0;
            if (!ReadHex4(low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            } else {
              at_ = saved;
            }
          }
          AppendUtf8(code);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  bool ReadHex4(uint32_t& code) {
    if (at_ + 4 > text_.size()) return false;
    for (int i = 0; i < 4; ++i) {
      char c = text_[at_++];
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  /// UTF-8 for `code`; a lone surrogate is written as its three-byte form rather than rejected.
  void AppendUtf8(uint32_t code) {
    if (code < 0x80) {
      decoded_.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      decoded_.push_back(static_cast<char>(0xC0 | (code >> 6)));
      decoded_.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      decoded_.push_back(static_cast<char>(0xE0 | (code >> 12)));
      decoded_.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      decoded_.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      decoded_.push_back(static_cast<char>(0xF0 | (code >> 18)));
      decoded_.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      decoded_.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      decoded_.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  std::vector<JsonNode>& nodes_;
  std::string& decoded_;
  std::string_view text_;
  size_t at_ = 0;
};

bool JsonDocument::Parse(std::string_view text) { return JsonTapeParser(*this, text).Run(); }

uint32_t JsonDocument::Member(uint32_t object, std::string_view key) const {
  const JsonNode& parent = nodes_[object];
  if (parent.type != JsonType::kObject) return kNotFound;
  uint32_t found = kNotFound;
  for (uint32_t i = object + 1; i < parent.end;) {
    std::string_view name = nodes_[i].text;
    if (name.size() == key.size() && (key.empty() || (name[0] == key[0] && name == key))) found = i + 1;
    i = nodes_[i + 1].end;
  }
  return found;
}

uint32_t JsonDocument::Element(uint32_t array, uint32_t index) const {
  const JsonNode& parent = nodes_[array];
  if (parent.type != JsonType::kArray) return kNotFound;
  uint32_t position = 0;
  for (uint32_t i = array + 1; i < parent.end; i = nodes_[i].end, ++position) {
    if (position == index) return i;
  }
  return kNotFound;
}

}  // namespace trailbox::filter
