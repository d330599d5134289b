#include <gtest/gtest.h>

#include "zoom_client/http.h"

namespace zoom_client {
namespace {

TEST(Headers, FindsNamesWhateverTheirCase) {
  const Headers headers = {{"X-Zm-Trackingid", "abc"}};
  ASSERT_NE(headers.find("x-zm-trackingid"), nullptr);
  EXPECT_EQ(*headers.find("x-zm-trackingid"), "abc");
  EXPECT_EQ(*headers.find("X-ZM-TRACKINGID"), "abc");
  EXPECT_EQ(headers.find("x-zm-tracking"), nullptr);
  EXPECT_FALSE(headers.contains("Retry-After"));
}

TEST(Headers, AddKeepsEarlierFieldsAndFindReturnsTheFirst) {
  Headers headers;
  headers.add("Set-Cookie", "a=1");
  headers.add("set-cookie", "b=2");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_EQ(*headers.find("SET-COOKIE"), "a=1");
}

TEST(Headers, SetReplacesEveryFieldOfTheName) {
  Headers headers = {{"authorization", "Bearer old"}, {"Accept", "*/*"}, {"AUTHORIZATION", "x"}};
  headers.set("Authorization", "Bearer new");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_EQ(*headers.find("authorization"), "Bearer new");
  EXPECT_EQ(*headers.find("accept"), "*/*");
}

TEST(Headers, RemoveDropsEveryFieldOfTheName) {
  Headers headers = {{"A", "1"}, {"b", "2"}, {"a", "3"}};
  headers.remove("A");
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers.begin()->first, "b");
}

TEST(Headers, ValuesKeepTheirCase) {
  const Headers headers = {{"Content-Type", "Application/JSON"}};
  EXPECT_EQ(*headers.find("content-type"), "Application/JSON");
}

TEST(SameHeaderName, ComparesAsciiLettersCaseInsensitivelyAndNothingElse) {
  EXPECT_TRUE(same_header_name("Retry-After", "retry-after"));
  EXPECT_FALSE(same_header_name("Retry-After", "Retry_After"));
  EXPECT_FALSE(same_header_name("Retry-After", "Retry-Afte"));
  EXPECT_TRUE(same_header_name("", ""));
}

}  // namespace
}  // namespace zoom_client
