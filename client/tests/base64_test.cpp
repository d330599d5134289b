#include "base64.h"

#include <gtest/gtest.h>

namespace zoom_client {
namespace {

TEST(Base64, MatchesTheRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, EncodesClientCredentials) {
  EXPECT_EQ(base64_encode("mock-client-id:mock-client-secret"),
            "bW9jay1jbGllbnQtaWQ6bW9jay1jbGllbnQtc2VjcmV0");
}

TEST(Base64, EncodesHighAndNulBytes) {
  EXPECT_EQ(base64_encode(std::string_view("\xFF\xFE\x00", 3)), "//4A");
}

}  // namespace
}  // namespace zoom_client
