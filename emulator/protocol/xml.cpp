// A small XML 1.0 reader and writer for AWS bodies (protocol/xml.hpp): elements, attributes, character data with
// the five predefined entities and numeric character references, CDATA, comments, processing instructions and a
// DOCTYPE-less prolog. Namespaces are kept as written (prefixes stay in names). Follows the W3C XML 1.0 grammar
// for what it accepts; DTDs and external entities are rejected, so no entity expansion attack is possible.
#include "protocol/xml.hpp"

#include <cassert>
#include <cstdint>

namespace trailbox::protocol {

namespace {

bool IsNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void AppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view input) : input_(input) {}

  XmlNode Document() {
    if (input_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    SkipMisc();
    if (AtEnd() || Peek() != '<') Fail("expected a root element");
    XmlNode root = Element();
    SkipMisc();
    if (!AtEnd()) Fail("content after the root element");
    return root;
  }

 private:
  bool AtEnd() const { return pos_ >= input_.size(); }
  char Peek() const { return input_[pos_]; }
  bool StartsWith(std::string_view prefix) const { return input_.substr(pos_, prefix.size()) == prefix; }

  [[noreturn]] void Fail(const std::string& what) const {
    throw XmlError("malformed XML at offset " + std::to_string(pos_) + ": " + what);
  }

  void Expect(std::string_view token) {
    if (!StartsWith(token)) Fail("expected '" + std::string(token) + "'");
    pos_ += token.size();
  }

  void SkipSpace() {
    while (!AtEnd() && IsSpace(Peek())) ++pos_;
  }

  void SkipUntil(std::string_view terminator) {
    size_t end = input_.find(terminator, pos_);
    if (end == std::string_view::npos) Fail("unterminated construct, expected '" + std::string(terminator) + "'");
    pos_ = end + terminator.size();
  }

  // Prolog and epilog: whitespace, comments and processing instructions (the XML declaration among them).
  void SkipMisc() {
    while (true) {
      SkipSpace();
      if (StartsWith("<?")) {
        SkipUntil("?>");
      } else if (StartsWith("<!--")) {
        SkipUntil("-->");
      } else if (StartsWith("<!")) {
        Fail("DOCTYPE declarations are not supported");
      } else {
        return;
      }
    }
  }

  std::string Name() {
    if (AtEnd() || !IsNameStart(Peek())) Fail("expected a name");
    size_t start = pos_;
    while (!AtEnd() && IsNameChar(Peek())) ++pos_;
    return std::string(input_.substr(start, pos_ - start));
  }

  // Decodes an entity or character reference; pos_ is on '&'.
  void Reference(std::string& out) {
    size_t end = input_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) Fail("unterminated entity reference");
    std::string_view entity = input_.substr(pos_ + 1, end - pos_ - 1);
    if (entity == "lt") {
      out += '<';
    } else if (entity == "gt") {
      out += '>';
    } else if (entity == "amp") {
      out += '&';
    } else if (entity == "quot") {
      out += '"';
    } else if (entity == "apos") {
      out += '\'';
    } else if (entity.size() > 1 && entity[0] == '#') {
      bool hex = entity[1] == 'x';
      std::string_view digits = entity.substr(hex ? 2 : 1);
      if (digits.empty()) Fail("empty character reference");
      uint32_t code_point = 0;
      for (char c : digits) {
        int digit;
        if (c >= '0' && c <= '9') {
          digit = c - '0';
        } else if (hex && c >= 'a' && c <= 'f') {
          digit = c - 'a' + 10;
        } else if (hex && c >= 'A' && c <= 'F') {
          digit = c - 'A' + 10;
        } else {
          Fail("bad character reference");
        }
        code_point = code_point * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
        if (code_point > 0x10FFFF) Fail("character reference out of range");
      }
      AppendUtf8(out, code_point);
    } else {
      Fail("unknown entity '&" + std::string(entity) + ";'");
    }
    pos_ = end + 1;
  }

  std::string AttributeValue() {
    if (AtEnd() || (Peek() != '"' && Peek() != '\'')) Fail("expected a quoted attribute value");
    char quote = input_[pos_++];
    std::string value;
    while (true) {
      if (AtEnd()) Fail("unterminated attribute value");
      char c = Peek();
      if (c == quote) break;
      if (c == '<') Fail("'<' in an attribute value");
      if (c == '&') {
        Reference(value);
      } else {
        value += c;
        ++pos_;
      }
    }
    ++pos_;
    return value;
  }

  XmlNode Element() {
    if (++depth_ > kMaxDepth) Fail("elements nested too deeply");
    Expect("<");
    XmlNode node;
    node.name = Name();
    while (true) {
      bool had_space = !AtEnd() && IsSpace(Peek());
      SkipSpace();
      if (AtEnd()) Fail("unterminated start tag");
      if (StartsWith("/>")) {
        pos_ += 2;
        --depth_;
        return node;
      }
      if (Peek() == '>') {
        ++pos_;
        break;
      }
      if (!had_space) Fail("expected whitespace between attributes");
      std::string attribute = Name();
      SkipSpace();
      Expect("=");
      SkipSpace();
      node.attributes.emplace_back(std::move(attribute), AttributeValue());
    }
    Content(node);
    Expect("</");
    if (Name() != node.name) Fail("end tag does not match <" + node.name + ">");
    SkipSpace();
    Expect(">");
    --depth_;
    return node;
  }

  void Content(XmlNode& node) {
    while (true) {
      if (AtEnd()) Fail("unterminated element <" + node.name + ">");
      char c = Peek();
      if (c == '<') {
        if (StartsWith("</")) return;
        if (StartsWith("<!--")) {
          SkipUntil("-->");
        } else if (StartsWith("<![CDATA[")) {
          size_t start = pos_ + 9;
          SkipUntil("]]>");
          node.text.append(input_.substr(start, pos_ - 3 - start));
        } else if (StartsWith("<?")) {
          SkipUntil("?>");
        } else if (StartsWith("<!")) {
          Fail("unexpected declaration in content");
        } else {
          node.children.push_back(Element());
        }
      } else if (c == '&') {
        Reference(node.text);
      } else if (c == '\r') {
        // XML 1.0 section 2.11: "\r\n" and a lone "\r" become "\n".
        node.text += '\n';
        ++pos_;
        if (!AtEnd() && Peek() == '\n') ++pos_;
      } else {
        node.text += c;
        ++pos_;
      }
    }
  }

  static constexpr int kMaxDepth = 256;
  std::string_view input_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

std::string_view XmlNode::local_name() const {
  std::string_view view = name;
  size_t colon = view.find(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

const XmlNode* XmlNode::Child(std::string_view child_name) const {
  for (const XmlNode& child : children) {
    if (child.local_name() == child_name) return &child;
  }
  return nullptr;
}

std::vector<const XmlNode*> XmlNode::Children(std::string_view child_name) const {
  std::vector<const XmlNode*> found;
  for (const XmlNode& child : children) {
    if (child.local_name() == child_name) found.push_back(&child);
  }
  return found;
}

const std::string* XmlNode::Attribute(std::string_view attribute_name) const {
  for (const auto& [key, value] : attributes) {
    if (key == attribute_name) return &value;
  }
  return nullptr;
}

XmlNode ParseXml(std::string_view document) { return Parser(document).Document(); }

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#xD;"; break;
      default: out += c;
    }
  }
  return out;
}

XmlWriter::XmlWriter(bool declaration) {
  if (declaration) out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
}

void XmlWriter::Open(std::string_view name, const std::vector<std::pair<std::string, std::string>>& attributes) {
  out_ += '<';
  out_ += name;
  for (const auto& [key, value] : attributes) {
    out_ += ' ';
    out_ += key;
    out_ += "=\"";
    out_ += XmlEscape(value);
    out_ += '"';
  }
  out_ += '>';
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  assert(!open_.empty());
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
}

void XmlWriter::Text(std::string_view text) { out_ += XmlEscape(text); }

void XmlWriter::Element(std::string_view name, std::string_view text) {
  out_ += '<';
  out_ += name;
  out_ += '>';
  out_ += XmlEscape(text);
  out_ += "</";
  out_ += name;
  out_ += '>';
}

}  // namespace trailbox::protocol
