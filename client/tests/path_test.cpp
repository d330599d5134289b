#include "zoom_client/path.h"

#include <gtest/gtest.h>

namespace zoom_client {
namespace {

TEST(EncodePathSegment, KeepsUnreservedCharacters) {
  EXPECT_EQ(encode_path_segment("sso-user-alice_1.0~x"), "sso-user-alice_1.0~x");
  EXPECT_EQ(encode_path_segment("ABCxyz0189"), "ABCxyz0189");
}

TEST(EncodePathSegment, EncodesTheCharactersOfAnEmail) {
  EXPECT_EQ(encode_path_segment("bob+sso@example.com"), "bob%2Bsso%40example.com");
}

TEST(EncodePathSegment, KeepsLetterCase) {
  EXPECT_EQ(encode_path_segment("Carol.Chen@Example.com"), "Carol.Chen%40Example.com");
}

TEST(EncodePathSegment, EncodesPercentSlashAndSpace) {
  EXPECT_EQ(encode_path_segment("50% off/a b"), "50%25%20off%2Fa%20b");
  EXPECT_EQ(encode_path_segment("%40"), "%2540");
}

TEST(EncodePathSegment, EncodesEveryOtherReservedCharacter) {
  EXPECT_EQ(encode_path_segment(":?#[]!$&'()*,;="),
            "%3A%3F%23%5B%5D%21%24%26%27%28%29%2A%2C%3B%3D");
}

TEST(EncodePathSegment, EncodesEachByteOfNonAsciiUtf8) {
  EXPECT_EQ(encode_path_segment("Jos\xC3\xA9"), "Jos%C3%A9");
  EXPECT_EQ(encode_path_segment("\xE7\x94\xA8\xE6\x88\xB7"), "%E7%94%A8%E6%88%B7");
}

TEST(EncodePathSegment, EncodesControlAndNulBytes) {
  EXPECT_EQ(encode_path_segment(std::string_view("a\0b\n", 4)), "a%00b%0A");
}

TEST(EncodePathSegment, LeavesTheEmptySegmentEmpty) { EXPECT_EQ(encode_path_segment(""), ""); }

}  // namespace
}  // namespace zoom_client
