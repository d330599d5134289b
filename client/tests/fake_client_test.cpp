// zoom_client against the in-process fake with the default fixtures: the
// answers Zoom documents, through the typed call and the raw layer.
#include <gtest/gtest.h>

#include "client_test_config.h"
#include "fake_zoom.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using zoom_client::Client;

class AgainstFake : public testing::Test {
 protected:
  static void SetUpTestSuite() { fake_ = new FakeZoom(); }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
  }

  static zoom_client::Result<zoom_client::TokenRevoked> revoke(const std::string& token,
                                                               const std::string& user_id) {
    Client client(fast_config(fake_->api(), token));
    return client.revoke_user_sso_token(user_id);
  }

  static void expect_error(const zoom_client::Result<zoom_client::TokenRevoked>& revoked,
                           int http_status, int code, const std::string& message) {
    ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
    const auto& error = *revoked.api_error();
    EXPECT_EQ(error.source, zoom_client::ApiError::Source::kApi);
    EXPECT_EQ(error.http_status, http_status);
    EXPECT_EQ(error.code, code);
    EXPECT_EQ(error.message, message);
    EXPECT_FALSE(error.tracking_id.empty());
  }

  static FakeZoom* fake_;
};

FakeZoom* AgainstFake::fake_ = nullptr;

TEST_F(AgainstFake, RevokesByUserId) {
  const auto revoked = revoke("mock-admin-token", "sso-user-alice");
  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoked.value().http_status, 204);
  EXPECT_FALSE(revoked.value().tracking_id.empty());
}

TEST_F(AgainstFake, RevokesByEmail) {
  const auto revoked = revoke("mock-admin-token", "alice@example.com");
  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoked.value().http_status, 204);
}

TEST_F(AgainstFake, RevokesAnEmailWithAPlus) {
  const auto revoked = revoke("mock-admin-token", "bob+sso@example.com");
  ASSERT_TRUE(revoked.ok()) << revoked.describe();
}

TEST_F(AgainstFake, RevokesAMixedCaseEmailAsStored) {
  const auto revoked = revoke("mock-admin-token", "Carol.Chen@Example.com");
  ASSERT_TRUE(revoked.ok()) << revoked.describe();
}

TEST_F(AgainstFake, RevokesMeForTheTokensOwnUser) {
  EXPECT_TRUE(revoke("mock-admin-token", "me").ok());
  EXPECT_TRUE(revoke("mock-user-token-alice", "me").ok());
  EXPECT_TRUE(revoke("mock-user-token-alice", "alice@example.com").ok());
}

TEST_F(AgainstFake, AnUnknownUserIs404Code1001) {
  const auto revoked = revoke("mock-admin-token", "nobody@example.com");
  EXPECT_TRUE(revoked.is_user_not_found());
  expect_error(revoked, 404, 1001, "User does not exist: nobody@example.com.");
}

TEST_F(AgainstFake, AnOddUnknownIdComesBackAsItWasSent) {
  const std::string odd = "who+what@ex ample/50%\xC3\xA9";
  const auto revoked = revoke("mock-admin-token", odd);
  EXPECT_TRUE(revoked.is_user_not_found());
  expect_error(revoked, 404, 1001, "User does not exist: " + odd + ".");
}

TEST_F(AgainstFake, MeWithoutAUserOfItsOwnIsUnknown) {
  expect_error(revoke("mock-account-token", "me"), 404, 1001, "User does not exist: me.");
}

TEST_F(AgainstFake, AnUnknownTokenIs401Code124) {
  const auto revoked = revoke("not-a-token", "sso-user-alice");
  expect_error(revoked, 401, 124, "Invalid access token.");
  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_TRUE(revoked.api_error()->is_invalid_access_token());
}

TEST_F(AgainstFake, AnExpiredTokenIs401Code124) {
  expect_error(revoke("mock-expired-token", "sso-user-alice"), 401, 124, "Access token is expired.");
}

TEST_F(AgainstFake, ATokenWithoutTheScopesIs400Code4711) {
  const auto revoked = revoke("mock-no-scope-token", "sso-user-alice");
  expect_error(revoked, 400, 4711,
               "Invalid access token, does not contain scopes:[user:write:admin, user:write].");
  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_TRUE(revoked.api_error()->is_missing_scopes());
}

TEST_F(AgainstFake, AUserLevelTokenCannotRevokeAnotherUser) {
  expect_error(revoke("mock-user-token-alice", "sso-user-bob-plus"), 400, 200, "No permission.");
}

TEST_F(AgainstFake, TheRawLayerCanSendNoAuthorization) {
  Client client(fast_config(fake_->api(), "mock-admin-token"));
  zoom_client::Request request;
  request.method = "DELETE";
  request.path = "/users/sso-user-alice/token";
  request.use_credentials = false;

  const auto sent = client.send(request);

  ASSERT_TRUE(sent.ok()) << sent.describe();
  EXPECT_EQ(sent.value().status, 401);
  EXPECT_NE(sent.value().headers.find("x-zm-trackingid"), nullptr);
  EXPECT_NE(sent.value().body.find(R"("code":124)"), std::string::npos) << sent.value().body;
}

TEST_F(AgainstFake, TheRawLayerReturnsTheSuccessAsIs) {
  Client client(fast_config(fake_->api(), "mock-admin-token"));

  const auto sent = client.send("DELETE", "/users/sso-user-alice/token");

  ASSERT_TRUE(sent.ok()) << sent.describe();
  EXPECT_EQ(sent.value().status, 204);
  EXPECT_EQ(sent.value().body, "");
}

}  // namespace
}  // namespace zoom_client_test
