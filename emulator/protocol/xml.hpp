// A small XML reader and writer for the query, ec2 and rest-xml protocols: enough XML for AWS bodies (elements,
// attributes, text, entities, CDATA, namespaces kept as written), nothing more.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trailbox::protocol {

struct XmlNode {
  /// The element name as written, prefix included ("xsi:type" stays "xsi:type").
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  /// The concatenated character data directly inside this element (entities decoded).
  std::string text;
  std::vector<XmlNode> children;

  /// The name without a namespace prefix.
  std::string_view local_name() const;
  /// The first child whose local name is `name`, or nullptr.
  const XmlNode* Child(std::string_view name) const;
  /// All children whose local name is `name`.
  std::vector<const XmlNode*> Children(std::string_view name) const;
  /// The attribute's value, or nullptr.
  const std::string* Attribute(std::string_view name) const;
};

class XmlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses a document and returns its root element. Throws XmlError on malformed input.
XmlNode ParseXml(std::string_view document);

/// Escapes &, <, >, " (and \r, so it survives) for text and attribute values.
std::string XmlEscape(std::string_view text);

/// Streams elements: writer.Open("A", {{"xmlns", ns}}); writer.Element("B", "text"); writer.Close(); writer.str().
class XmlWriter {
 public:
  /// Starts with <?xml version="1.0" encoding="UTF-8"?> when `declaration`.
  explicit XmlWriter(bool declaration = false);
  void Open(std::string_view name, const std::vector<std::pair<std::string, std::string>>& attributes = {});
  void Close();
  void Text(std::string_view text);
  /// <name>escaped text</name>
  void Element(std::string_view name, std::string_view text);
  const std::string& str() const { return out_; }

 private:
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace trailbox::protocol
