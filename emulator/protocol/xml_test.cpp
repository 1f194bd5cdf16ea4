// Unit tests for the XML reader and writer (protocol/xml.hpp).
#include "protocol/xml.hpp"

#include <gtest/gtest.h>

namespace trailbox::protocol {
namespace {

TEST(XmlParse, ReadsElementsAttributesAndText) {
  XmlNode root = ParseXml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Root xmlns=\"urn:x\" a='1'><Child>one</Child><ns:Child>two</ns:Child><Empty/></Root>");
  EXPECT_EQ(root.name, "Root");
  ASSERT_NE(root.Attribute("xmlns"), nullptr);
  EXPECT_EQ(*root.Attribute("xmlns"), "urn:x");
  EXPECT_EQ(*root.Attribute("a"), "1");
  EXPECT_EQ(root.Attribute("b"), nullptr);
  ASSERT_EQ(root.children.size(), 3u);
  EXPECT_EQ(root.Child("Child")->text, "one");
  auto children = root.Children("Child");
  ASSERT_EQ(children.size(), 2u);
  EXPECT_EQ(children[1]->name, "ns:Child");
  EXPECT_EQ(children[1]->local_name(), "Child");
  EXPECT_EQ(children[1]->text, "two");
  EXPECT_TRUE(root.Child("Empty")->text.empty());
  EXPECT_EQ(root.Child("Missing"), nullptr);
}

TEST(XmlParse, DecodesEntitiesCharacterReferencesAndCdata) {
  XmlNode root = ParseXml("<a x=\"&quot;&amp;&#65;\">&lt;&gt;&amp;&apos;&quot;&#x20AC;&#10;<![CDATA[<raw&>]]></a>");
  EXPECT_EQ(*root.Attribute("x"), "\"&A");
  EXPECT_EQ(root.text, "<>&'\"\xE2\x82\xAC\n<raw&>");
}

TEST(XmlParse, KeepsWhitespaceAndNormalizesLineEnds) {
  XmlNode root = ParseXml("<a>  x\r\ny\rz  <!-- note --></a>");
  EXPECT_EQ(root.text, "  x\ny\nz  ");
}

TEST(XmlParse, RejectsMalformedDocuments) {
  EXPECT_THROW(ParseXml(""), XmlError);
  EXPECT_THROW(ParseXml("<a>"), XmlError);
  EXPECT_THROW(ParseXml("<a></b>"), XmlError);
  EXPECT_THROW(ParseXml("<a>&unknown;</a>"), XmlError);
  EXPECT_THROW(ParseXml("<a x=1/>"), XmlError);
  EXPECT_THROW(ParseXml("<a/><b/>"), XmlError);
  EXPECT_THROW(ParseXml("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>"), XmlError);
  EXPECT_THROW(ParseXml("not xml"), XmlError);
}

TEST(XmlParse, RejectsDeepNesting) {
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "<a>";
  EXPECT_THROW(ParseXml(deep), XmlError);
}

TEST(XmlWriter, WritesNestedEscapedElements) {
  XmlWriter writer(true);
  writer.Open("Root", {{"xmlns", "urn:\"x\""}});
  writer.Element("A", "1 < 2 & 3 > \"0\"\r");
  writer.Open("B");
  writer.Text("t");
  writer.Close();
  writer.Close();
  EXPECT_EQ(writer.str(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Root xmlns=\"urn:&quot;x&quot;\">"
            "<A>1 &lt; 2 &amp; 3 &gt; &quot;0&quot;&#xD;</A><B>t</B></Root>");
  XmlNode round_trip = ParseXml(writer.str());
  EXPECT_EQ(round_trip.Child("A")->text, "1 < 2 & 3 > \"0\"\r");
  EXPECT_EQ(*round_trip.Attribute("xmlns"), "urn:\"x\"");
}

}  // namespace
}  // namespace trailbox::protocol
