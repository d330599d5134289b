#include "redact.h"

#include <gtest/gtest.h>

namespace zoom_client {
namespace {

TEST(RedactCredentials, KeepsTheSchemeAndHidesTheSecret) {
  const Headers safe = redact_credentials({{"Authorization", "Bearer mock-admin-token"}});
  EXPECT_EQ(*safe.find("Authorization"), "Bearer ***");
  EXPECT_EQ(*redact_credentials({{"authorization", "Basic bW9jazpzZWNyZXQ="}}).find("Authorization"),
            "Basic ***");
  EXPECT_EQ(*redact_credentials({{"Proxy-Authorization", "Basic abc"}}).find("Proxy-Authorization"),
            "Basic ***");
}

TEST(RedactCredentials, HidesAValueWithoutAScheme) {
  EXPECT_EQ(*redact_credentials({{"AUTHORIZATION", "mock-admin-token"}}).find("authorization"),
            "***");
}

TEST(RedactCredentials, LeavesOtherHeadersAndTheirOrderAlone) {
  const Headers safe = redact_credentials(
      {{"Accept", "application/json"}, {"Authorization", "Bearer t"}, {"X-Other", "v"}});
  ASSERT_EQ(safe.size(), 3u);
  auto field = safe.begin();
  EXPECT_EQ(field->first, "Accept");
  EXPECT_EQ(field->second, "application/json");
  ++field;
  EXPECT_EQ(field->first, "Authorization");
  ++field;
  EXPECT_EQ(field->first, "X-Other");
  EXPECT_EQ(field->second, "v");
}

}  // namespace
}  // namespace zoom_client
