// Encodings and digests against published test vectors (RFC 4648, RFC 4231, RFC 1321).
#include "core/encoding.hpp"

#include <gtest/gtest.h>

namespace trailbox {
namespace {

TEST(Encoding, Base64MatchesRfc4648) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Decode("Zm9vYmE="), "fooba");
  EXPECT_FALSE(Base64Decode("Zm9v!"));
}

TEST(Encoding, UrlEncodingFollowsRfc3986) {
  EXPECT_EQ(UrlEncode("a b/c~"), "a%20b%2Fc~");
  EXPECT_EQ(UrlEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UrlDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(UrlDecode("a+b%zz"), "a+b%zz");
}

TEST(Encoding, DigestsMatchKnownValues) {
  EXPECT_EQ(HexEncode(Md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(HexEncode(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace trailbox
