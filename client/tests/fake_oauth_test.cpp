// Server-to-Server OAuth against the fake's /oauth/token and the default
// fixtures' app (mock-client-id / mock-client-secret, account mock-account):
// the fetch, the cache, the refresh after the fake forgets a token, and a
// refused client.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "client_test_config.h"
#include "fake_zoom.h"
#include "subprocess.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using nlohmann::json;
using zoom_client::ApiError;
using zoom_client::Client;

class OAuthAgainstFake : public testing::Test {
 protected:
  static void SetUpTestSuite() { fake_ = new FakeZoom(); }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
  }

  void SetUp() override { ASSERT_EQ(fake_->admin("POST", "/reset").status, 200); }

  static zoom_client::ClientConfig oauth_config(const std::string& secret = "mock-client-secret") {
    auto config = fast_config(fake_->api());
    config.credentials = zoom_client::ServerToServerOAuth{.account_id = "mock-account",
                                                          .client_id = "mock-client-id",
                                                          .client_secret = secret,
                                                          .token_url = fake_->token_url()};
    return config;
  }

  static int token_requests() {
    return fake_->count_requests({{"method", "POST"}, {"urlPath", "/oauth/token"}});
  }

  // Makes the fake forget every token its /oauth/token issued, as Zoom
  // does when an app's tokens are revoked.
  static void forget_issued_tokens() {
    const auto listed = json::parse(fake_->admin("GET", "/tokens").body);
    int forgotten = 0;
    for (const auto& token : listed.at("tokens")) {
      if (token.value("description", "").starts_with("issued by /oauth/token")) {
        const auto removed =
            fake_->admin("DELETE", "/tokens/" + token.at("access_token").get<std::string>());
        ASSERT_EQ(removed.status, 200) << removed.body;
        ++forgotten;
      }
    }
    ASSERT_EQ(forgotten, 1);
  }

  static FakeZoom* fake_;
};

FakeZoom* OAuthAgainstFake::fake_ = nullptr;

TEST_F(OAuthAgainstFake, FetchesATokenAndRevokes) {
  Client client(oauth_config());

  const auto revoked = client.revoke_user_sso_token("alice@example.com");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoked.value().http_status, 204);
  EXPECT_EQ(token_requests(), 1);
}

TEST_F(OAuthAgainstFake, ReusesTheTokenAcrossCalls) {
  Client client(oauth_config());

  for (const char* user : {"sso-user-alice", "bob+sso@example.com", "Carol.Chen@Example.com"}) {
    ASSERT_TRUE(client.revoke_user_sso_token(user).ok()) << user;
  }

  EXPECT_EQ(token_requests(), 1);
}

TEST_F(OAuthAgainstFake, FetchesANewTokenWhenTheFakeForgetsTheOldOne) {
  Client client(oauth_config());
  ASSERT_TRUE(client.revoke_user_sso_token("sso-user-alice").ok());
  forget_issued_tokens();

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(token_requests(), 2);
  // The first call, the one refused with 401 code 124, and its repeat.
  EXPECT_EQ(fake_->count_requests({{"method", "DELETE"}}), 3);
}

TEST_F(OAuthAgainstFake, AWrongSecretIsAnOAuthError) {
  Client client(oauth_config("wrong-secret"));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
  const ApiError& error = *revoked.api_error();
  EXPECT_EQ(error.source, ApiError::Source::kOAuth);
  EXPECT_EQ(error.http_status, 401);
  EXPECT_NE(error.message.find("Invalid client_id or client_secret"), std::string::npos)
      << error.message;
  EXPECT_EQ(revoked.describe().find("wrong-secret"), std::string::npos);
  EXPECT_EQ(fake_->count_requests({{"method", "DELETE"}}), 0);
}

TEST_F(OAuthAgainstFake, TheCliRevokesWithCredentialsFromTheEnvironment) {
  const auto run = run_process(ZOOM_CLI_PATH,
                               {"users", "revoke-sso-token", "alice@example.com", "--base-url",
                                fake_->api(), "--token-url", fake_->token_url(), "--verbose"},
                               {{"ZOOM_ACCOUNT_ID", "mock-account"},
                                {"ZOOM_CLIENT_ID", "mock-client-id"},
                                {"ZOOM_CLIENT_SECRET", "mock-client-secret"}});

  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Revoked the SSO token of user 'alice@example.com' (HTTP 204).\n");
  EXPECT_NE(run.err.find("> Authorization: Basic ***"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("mock-client-secret"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace zoom_client_test
