// The embeddable fixture: ScopedServer and its in-process Admin handle.
#include <gtest/gtest.h>
#include <httplib.h>

#include "test_support.h"
#include "zoom_mock/scoped_server.h"

namespace zoom_mock {
namespace {

class ScopedServerTest : public ::testing::Test {
 protected:
  int revoke(const std::string& user, const std::string& token = "mock-admin-token") {
    httplib::Client client("127.0.0.1", zoom.port());
    auto res = client.Delete("/v2/users/" + user + "/token", {{"Authorization", "Bearer " + token}});
    return res ? res->status : 0;
  }
  ScopedServer zoom;
};

TEST_F(ScopedServerTest, StartsOnAFreePortWithDefaultFixtures) {
  EXPECT_GT(zoom.port(), 0);
  EXPECT_EQ(zoom.api_url(), "http://127.0.0.1:" + std::to_string(zoom.port()) + "/v2");
  EXPECT_EQ(zoom.admin().users().size(), 4u);
  EXPECT_EQ(revoke("sso-user-alice"), 204);
}

TEST_F(ScopedServerTest, SeedUsersAndTokensWithoutHttp) {
  User user;
  user.id = "seeded";
  user.email = "seeded@example.com";
  ASSERT_FALSE(zoom.admin().add_user(user));
  AccessToken token;
  token.access_token = "seeded-token";
  token.scopes = {"user:write"};
  token.user_id = "seeded";
  ASSERT_FALSE(zoom.admin().add_token(token));
  EXPECT_EQ(revoke("me", "seeded-token"), 204);
  EXPECT_FALSE(zoom.admin().user("seeded")->sso.active);

  const auto duplicate = zoom.admin().add_user(user);
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->field, "id");
}

TEST_F(ScopedServerTest, VerifyCallsThroughTheJournal) {
  revoke("sso-user-alice");
  revoke("nobody");
  const auto pattern = RequestPattern::from_json({{"method", "DELETE"}, {"userId", "nobody"}});
  EXPECT_EQ(zoom.admin().count_requests(pattern), 1u);
  const auto requests = zoom.admin().requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].status, 404);
  EXPECT_EQ(requests[1].status, 204);
  zoom.admin().clear_requests();
  EXPECT_TRUE(zoom.admin().requests().empty());
}

TEST_F(ScopedServerTest, FaultsAndReset) {
  zoom.admin().add_fault(nlohmann::json{{"request", {{"method", "DELETE"}}},
                                        {"response", {{"status", 503}}},
                                        {"times", 1}});
  EXPECT_EQ(revoke("sso-user-alice"), 503);
  EXPECT_EQ(revoke("sso-user-alice"), 204);
  zoom.admin().add_fault(nlohmann::json{{"request", nlohmann::json::object()},
                                        {"response", {{"status", 500}}}});
  EXPECT_EQ(zoom.admin().faults().size(), 1u);
  zoom.admin().reset();
  EXPECT_TRUE(zoom.admin().faults().empty());
  EXPECT_TRUE(zoom.admin().user("sso-user-alice")->sso.active);
  EXPECT_THROW(zoom.admin().add_fault(nlohmann::json{{"request", 1}}), FieldError);
}

TEST(ScopedServerStartTest, BadFixturesThrowWithTheMessage) {
  testing::ScratchFixtures scratch;
  scratch.write("world.json", "{}");
  try {
    ScopedServer zoom(scratch.dir());
    FAIL() << "started with bad fixtures";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/users: missing required field"),
              std::string::npos)
        << error.what();
  }
}

TEST(ScopedServerStartTest, DefaultFixturesFollowTheEnvironment) {
  testing::ScratchFixtures scratch;
  setenv("ZOOM_MOCK_FIXTURES", scratch.dir().c_str(), 1);
  EXPECT_EQ(default_fixtures_dir(), scratch.dir());
  unsetenv("ZOOM_MOCK_FIXTURES");
  EXPECT_TRUE(std::filesystem::exists(default_fixtures_dir() / "world.json"));
}

}  // namespace
}  // namespace zoom_mock
