// How the environment picks the target and the suite's inputs.
#include "target.h"

#include <gtest/gtest.h>

#include <map>

namespace zoom_contract {
namespace {

Environment environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const char* name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
}

std::string settings_error(std::map<std::string, std::string> variables) {
  try {
    settings_from(environment(std::move(variables)));
  } catch (const SettingsError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(SettingsFrom, WithoutABaseUrlTheFakeRunsInProcessWithTheDefaultFixtures) {
  const TargetSettings settings =
      settings_from(environment({{"ZOOM_BASE_URL", ""}, {"ZOOM_TEST_USER_ID", "ignored"}}));
  EXPECT_FALSE(settings.base_url);
  EXPECT_EQ(settings.fake_detection, TargetSettings::FakeDetection::kInProcess);
  EXPECT_EQ(settings.test_user_id.value, "sso-user-alice");
  EXPECT_EQ(settings.test_user_email.value, "alice@example.com");
  EXPECT_EQ(settings.second_user_email.value, "bob+sso@example.com");
  EXPECT_EQ(settings.user_token.value, "mock-user-token-alice");
  EXPECT_EQ(settings.expired_token.value, "mock-expired-token");
  EXPECT_EQ(settings.no_scope_token.value, "mock-no-scope-token");
  ASSERT_TRUE(settings.credentials);
  EXPECT_EQ(std::get<zoom_client::AccessToken>(*settings.credentials).token, "mock-admin-token");
}

TEST(SettingsFrom, ABaseUrlTakesEverythingFromTheEnvironment) {
  const TargetSettings settings = settings_from(environment({
      {"ZOOM_BASE_URL", "https://api.zoom.us/v2/"},
      {"ZOOM_ACCESS_TOKEN", "t"},
      {"ZOOM_TEST_USER_ID", "u1"},
      {"ZOOM_TEST_USER_EMAIL", "u1@example.com"},
      {"ZOOM_EXPIRED_TOKEN", "e"},
      {"ZOOM_REQUIRED_SCOPES", "user:write:admin, user:write ,"},
  }));
  EXPECT_EQ(settings.base_url, "https://api.zoom.us/v2");
  EXPECT_EQ(settings.admin_url, "https://api.zoom.us/__admin");
  EXPECT_EQ(settings.fake_detection, TargetSettings::FakeDetection::kProbe);
  EXPECT_EQ(std::get<zoom_client::AccessToken>(*settings.credentials).token, "t");
  EXPECT_EQ(settings.credentials_variables, "ZOOM_ACCESS_TOKEN");
  EXPECT_EQ(settings.test_user_id.value, "u1");
  EXPECT_EQ(settings.test_user_email.value, "u1@example.com");
  EXPECT_EQ(settings.expired_token.value, "e");
  EXPECT_FALSE(settings.user_token.value);
  EXPECT_FALSE(settings.no_scope_token.value);
  EXPECT_FALSE(settings.second_user_id.value);
  EXPECT_EQ(settings.missing_user_id, "contract-test-missing-user");
  EXPECT_EQ(settings.required_scopes, (std::vector<std::string>{"user:write:admin", "user:write"}));
}

TEST(SettingsFrom, ServerToServerOAuthNeedsAllThreeVariables) {
  const TargetSettings settings = settings_from(environment({
      {"ZOOM_BASE_URL", "http://127.0.0.1:1/v2"},
      {"ZOOM_ACCOUNT_ID", "a"},
      {"ZOOM_CLIENT_ID", "c"},
      {"ZOOM_CLIENT_SECRET", "very-secret"},
      {"ZOOM_TOKEN_URL", "http://127.0.0.1:1/oauth/token"},
  }));
  const auto& oauth = std::get<zoom_client::ServerToServerOAuth>(*settings.credentials);
  EXPECT_EQ(oauth.account_id, "a");
  EXPECT_EQ(oauth.client_id, "c");
  EXPECT_EQ(oauth.client_secret, "very-secret");
  EXPECT_EQ(oauth.token_url, "http://127.0.0.1:1/oauth/token");
  EXPECT_EQ(settings.credentials_variables,
            "Server-to-Server OAuth (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET) from "
            "http://127.0.0.1:1/oauth/token");

  EXPECT_EQ(settings_error({{"ZOOM_BASE_URL", "http://h/v2"}, {"ZOOM_CLIENT_ID", "c"}}),
            "Server-to-Server OAuth needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET; "
            "missing: ZOOM_ACCOUNT_ID, ZOOM_CLIENT_SECRET");
}

TEST(SettingsFrom, NoCredentialsIsAllowedAndSaysWhatToSet) {
  const TargetSettings settings = settings_from(environment({{"ZOOM_BASE_URL", "http://h:1/v2"}}));
  EXPECT_FALSE(settings.credentials);
  EXPECT_EQ(
      settings.credentials_variables,
      "none (set ZOOM_ACCESS_TOKEN, or ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET)");
}

TEST(SettingsFrom, FakeDetectionAndAdminUrl) {
  EXPECT_EQ(
      settings_from(environment({{"ZOOM_BASE_URL", "http://h:1/v2"}, {"ZOOM_TARGET_IS_FAKE", "1"}}))
          .fake_detection,
      TargetSettings::FakeDetection::kYes);
  EXPECT_EQ(
      settings_from(environment({{"ZOOM_BASE_URL", "http://h:1/v2"}, {"ZOOM_TARGET_IS_FAKE", "0"}}))
          .fake_detection,
      TargetSettings::FakeDetection::kNo);
  EXPECT_EQ(settings_error({{"ZOOM_BASE_URL", "http://h:1/v2"}, {"ZOOM_TARGET_IS_FAKE", "yes"}}),
            "ZOOM_TARGET_IS_FAKE must be 1 (a fake: check state through /__admin) or 0 (not a "
            "fake), got \"yes\"");
  const TargetSettings settings =
      settings_from(environment({{"ZOOM_BASE_URL", "http://h:1/v2"},
                                 {"ZOOM_ADMIN_URL", "http://h:2/__admin/"},
                                 {"ZOOM_ADMIN_TOKEN", "a"},
                                 {"ZOOM_CA_FILE", "/etc/fake-ca.pem"}}));
  EXPECT_EQ(settings.admin_url, "http://h:2/__admin");
  EXPECT_EQ(settings.admin_token, "a");
  EXPECT_EQ(settings.ca_file, "/etc/fake-ca.pem");
}

TEST(SettingsFrom, RefusesABaseUrlThatIsNotHttp) {
  EXPECT_EQ(settings_error({{"ZOOM_BASE_URL", "api.zoom.us/v2"}}),
            "ZOOM_BASE_URL must be an http:// or https:// URL such as https://api.zoom.us/v2, got "
            "\"api.zoom.us/v2\"");
  EXPECT_EQ(settings_error({{"ZOOM_BASE_URL", "https:///v2"}}),
            "ZOOM_BASE_URL must be an http:// or https:// URL such as https://api.zoom.us/v2, got "
            "\"https:///v2\"");
}

TEST(OriginOf, KeepsSchemeHostAndPort) {
  EXPECT_EQ(origin_of("http://127.0.0.1:9090/v2"), "http://127.0.0.1:9090");
  EXPECT_EQ(origin_of("https://api.zoom.us"), "https://api.zoom.us");
}

}  // namespace
}  // namespace zoom_contract
