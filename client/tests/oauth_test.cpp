// Server-to-Server OAuth against an in-test token endpoint: the token
// request, the cache, and the one refresh after a 401 code 124.
#include <gtest/gtest.h>

#include "base64.h"
#include "client_test_config.h"
#include "oauth_stub.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using zoom_client::ApiError;
using zoom_client::Client;

constexpr const char* kSecret = "s3cret/with+odd=chars";

zoom_client::ClientConfig oauth_config(const OAuthStub& stub) {
  auto config = fast_config(stub.api());
  config.credentials = zoom_client::ServerToServerOAuth{
      .account_id = "mock account@1",
      .client_id = "mock-client-id",
      .client_secret = kSecret,
      .token_url = stub.token_url()};
  return config;
}

std::string header(const Hit& hit, const std::string& name) {
  const auto found = hit.headers.find(name);
  return found == hit.headers.end() ? "<absent>" : found->second;
}

TEST(OAuth, FetchesATokenWithClientCredentialsAndUsesIt) {
  OAuthStub stub;
  Client client(oauth_config(stub));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  const auto token_requests = stub.token_requests.hits();
  ASSERT_EQ(token_requests.size(), 1u);
  EXPECT_EQ(token_requests[0].method, "POST");
  EXPECT_EQ(header(token_requests[0], "Authorization"),
            "Basic " + zoom_client::base64_encode(std::string("mock-client-id:") + kSecret));
  EXPECT_EQ(header(token_requests[0], "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(token_requests[0].body, "grant_type=account_credentials&account_id=mock%20account%401");
  const auto api_requests = stub.api_requests.hits();
  ASSERT_EQ(api_requests.size(), 1u);
  EXPECT_EQ(header(api_requests[0], "Authorization"), "Bearer token-1");
}

TEST(OAuth, CachesTheTokenWhileItIsValid) {
  OAuthStub stub;
  Client client(oauth_config(stub));

  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.revoke_user_sso_token("sso-user-alice").ok());

  EXPECT_EQ(stub.token_requests.count(), 1u);
  for (const Hit& hit : stub.api_requests.hits()) {
    EXPECT_EQ(header(hit, "Authorization"), "Bearer token-1");
  }
}

TEST(OAuth, FetchesAgainOnceTheTokenIsCloseToExpiry) {
  OAuthStub stub;
  stub.set_expires_in(0);
  Client client(oauth_config(stub));

  ASSERT_TRUE(client.revoke_user_sso_token("sso-user-alice").ok());
  ASSERT_TRUE(client.revoke_user_sso_token("sso-user-alice").ok());

  EXPECT_EQ(stub.token_requests.count(), 2u);
  const auto api_requests = stub.api_requests.hits();
  ASSERT_EQ(api_requests.size(), 2u);
  EXPECT_EQ(header(api_requests[1], "Authorization"), "Bearer token-2");
}

TEST(OAuth, RefreshesOnceWhenTheApiRejectsTheToken) {
  OAuthStub stub;
  stub.set_accepted([](const std::string& token) { return token != "token-1"; });
  Client client(oauth_config(stub));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(stub.token_requests.count(), 2u);
  const auto api_requests = stub.api_requests.hits();
  ASSERT_EQ(api_requests.size(), 2u);
  EXPECT_EQ(header(api_requests[0], "Authorization"), "Bearer token-1");
  EXPECT_EQ(header(api_requests[1], "Authorization"), "Bearer token-2");
  // The new token is cached for the next call.
  ASSERT_TRUE(client.revoke_user_sso_token("sso-user-alice").ok());
  EXPECT_EQ(stub.token_requests.count(), 2u);
}

TEST(OAuth, RefreshesOnlyOnce) {
  OAuthStub stub;
  stub.set_accepted([](const std::string&) { return false; });
  Client client(oauth_config(stub));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_TRUE(revoked.api_error()->is_invalid_access_token());
  EXPECT_EQ(revoked.api_error()->tracking_id, "stub-401");
  EXPECT_EQ(stub.token_requests.count(), 2u);
  EXPECT_EQ(stub.api_requests.count(), 2u);
}

TEST(OAuth, AFixedTokenIsNotRefreshed) {
  OAuthStub stub;
  Client client(fast_config(stub.api(), "revoked-token"));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_TRUE(revoked.api_error()->is_invalid_access_token());
  EXPECT_EQ(stub.token_requests.count(), 0u);
  EXPECT_EQ(stub.api_requests.count(), 1u);
}

TEST(OAuth, ATokenEndpointRefusalIsAnOAuthError) {
  OAuthStub stub;
  stub.set_token_error(401, R"({"reason":"Invalid client_id or client_secret","error":"invalid_client"})");
  Client client(oauth_config(stub));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr);
  const ApiError& error = *revoked.api_error();
  EXPECT_EQ(error.source, ApiError::Source::kOAuth);
  EXPECT_EQ(error.http_status, 401);
  EXPECT_EQ(error.message, "Invalid client_id or client_secret (invalid_client)");
  EXPECT_EQ(revoked.describe().find(kSecret), std::string::npos);
  EXPECT_EQ(stub.api_requests.count(), 0u);
  // A 4xx from the token endpoint is final, like any other.
  EXPECT_EQ(stub.token_requests.count(), 1u);
}

TEST(OAuth, ATokenEndpointServerErrorIsRetried) {
  OAuthStub stub;
  stub.set_token_error(503, R"({"reason":"busy"})");
  Client client(oauth_config(stub));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_EQ(revoked.api_error()->source, ApiError::Source::kOAuth);
  EXPECT_EQ(revoked.api_error()->http_status, 503);
  EXPECT_EQ(stub.token_requests.count(), 3u);
}

TEST(OAuth, ATokenResponseWithoutATokenIsAnOAuthError) {
  OAuthStub stub;
  stub.set_token_error(200, R"({"token_type":"bearer","expires_in":3600})");
  Client client(oauth_config(stub));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_EQ(revoked.api_error()->source, ApiError::Source::kOAuth);
  EXPECT_EQ(revoked.api_error()->message, "the token response has no access_token");
  EXPECT_EQ(stub.api_requests.count(), 0u);
}

TEST(OAuth, AnUnreachableTokenEndpointIsATransportError) {
  OAuthStub stub;
  auto config = oauth_config(stub);
  std::get<zoom_client::ServerToServerOAuth>(config.credentials).token_url =
      "http://127.0.0.1:" + std::to_string(closed_port()) + "/oauth/token";
  config.retry.max_attempts = 1;
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.transport_error(), nullptr);
  EXPECT_EQ(revoked.transport_error()->curl_code, 7);
  EXPECT_EQ(stub.api_requests.count(), 0u);
}

TEST(OAuth, AttemptLogsShowNeitherTheSecretNorTheTokens) {
  OAuthStub stub;
  stub.set_accepted([](const std::string& token) { return token != "token-1"; });
  AttemptRecorder recorder;
  auto config = oauth_config(stub);
  config.on_attempt = recorder.callback();
  Client client(config);

  ASSERT_TRUE(client.revoke_user_sso_token("sso-user-alice").ok());

  const auto logs = recorder.logs();
  // Token, rejected call, token again, accepted call.
  ASSERT_EQ(logs.size(), 4u);
  EXPECT_EQ(logs[0].method, "POST");
  EXPECT_EQ(*logs[0].request_headers.find("Authorization"), "Basic ***");
  EXPECT_EQ(*logs[1].request_headers.find("Authorization"), "Bearer ***");
  EXPECT_EQ(logs[1].status, 401);
  const std::string basic = zoom_client::base64_encode(std::string("mock-client-id:") + kSecret);
  for (const auto& log : logs) {
    for (const auto& [name, value] : log.request_headers) {
      for (const std::string& secret : {std::string(kSecret), basic, std::string("token-1"),
                                        std::string("token-2")}) {
        EXPECT_EQ(value.find(secret), std::string::npos) << name << ": " << value;
      }
    }
  }
}

}  // namespace
}  // namespace zoom_client_test
