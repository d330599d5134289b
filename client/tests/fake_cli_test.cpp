// zoom-cli, run as a subprocess, against the in-process fake with the
// default fixtures: exit codes and output for success and API errors.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fake_zoom.h"
#include "subprocess.h"

namespace zoom_client_test {
namespace {

using nlohmann::json;

class ZoomCliAgainstFake : public testing::Test {
 protected:
  static void SetUpTestSuite() { fake_ = new FakeZoom(); }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
  }

  static ProcessResult revoke(const std::string& user_id, std::vector<std::string> flags,
                              const std::vector<std::pair<std::string, std::string>>& env = {}) {
    std::vector<std::string> args = {"users", "revoke-sso-token", user_id, "--base-url",
                                     fake_->api()};
    args.insert(args.end(), flags.begin(), flags.end());
    return run_process(ZOOM_CLI_PATH, args, env);
  }

  static FakeZoom* fake_;
};

FakeZoom* ZoomCliAgainstFake::fake_ = nullptr;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(ZoomCliAgainstFake, RevokesAndSaysSo) {
  const auto run = revoke("alice@example.com", {"--token", "mock-admin-token"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Revoked the SSO token of user 'alice@example.com' (HTTP 204).\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(ZoomCliAgainstFake, TakesTheTokenFromTheEnvironment) {
  const auto run = revoke("me", {}, {{"ZOOM_ACCESS_TOKEN", "mock-user-token-alice"}});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(ZoomCliAgainstFake, SuccessAsJson) {
  const auto run = revoke("bob+sso@example.com", {"--token", "mock-admin-token", "--output", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const json printed = json::parse(run.out);
  EXPECT_EQ(printed["ok"], true);
  EXPECT_EQ(printed["user_id"], "bob+sso@example.com");
  EXPECT_EQ(printed["http_status"], 204);
  EXPECT_FALSE(printed["tracking_id"].get<std::string>().empty());
}

TEST_F(ZoomCliAgainstFake, AnUnknownUserExitsOneWithStatusCodeAndMessage) {
  const auto run = revoke("nobody@example.com", {"--token", "mock-admin-token"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(run.err.starts_with(
      "zoom-cli: HTTP 404, code 1001: User does not exist: nobody@example.com. (tracking id: "))
      << run.err;
}

TEST_F(ZoomCliAgainstFake, AnUnknownUserAsJson) {
  const auto run = revoke("nobody@example.com", {"--token", "mock-admin-token", "--output=json"});
  EXPECT_EQ(run.exit_code, 1);
  const json error = json::parse(run.out)["error"];
  EXPECT_EQ(error["kind"], "api");
  EXPECT_EQ(error["http_status"], 404);
  EXPECT_EQ(error["code"], 1001);
  EXPECT_EQ(error["message"], "User does not exist: nobody@example.com.");
  EXPECT_FALSE(error["tracking_id"].get<std::string>().empty());
  EXPECT_EQ(run.err, "");
}

TEST_F(ZoomCliAgainstFake, AnExpiredTokenExitsOne) {
  const auto run = revoke("me", {"--token", "mock-expired-token"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(run.err, "HTTP 401, code 124: Access token is expired.")) << run.err;
}

TEST_F(ZoomCliAgainstFake, MissingScopesExitOne) {
  const auto run = revoke("sso-user-alice", {"--token", "mock-no-scope-token"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(run.err, "HTTP 400, code 4711: Invalid access token, does not contain "
                                "scopes:[user:write:admin, user:write]."))
      << run.err;
}

TEST_F(ZoomCliAgainstFake, VerboseShowsTheExchangeButNotTheToken) {
  const auto run = revoke("bob+sso@example.com", {"--token", "mock-admin-token", "--verbose"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(contains(run.err, "> DELETE " + fake_->api() +
                                    "/users/bob%2Bsso%40example.com/token (attempt 1)\n"))
      << run.err;
  EXPECT_TRUE(contains(run.err, "> Authorization: Bearer ***\n")) << run.err;
  EXPECT_TRUE(contains(run.err, "< 204 in ")) << run.err;
  EXPECT_TRUE(contains(run.err, "(x-zm-trackingid: ")) << run.err;
  EXPECT_FALSE(contains(run.err, "mock-admin-token")) << run.err;
  EXPECT_FALSE(contains(run.out, "mock-admin-token")) << run.out;
}

TEST_F(ZoomCliAgainstFake, VerboseOnAnErrorHidesTheTokenToo) {
  const auto run = revoke("nobody", {"--token", "mock-admin-token", "-v", "--output", "json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(run.err, "< 404 in ")) << run.err;
  EXPECT_FALSE(contains(run.err, "mock-admin-token")) << run.err;
  EXPECT_FALSE(contains(run.out, "mock-admin-token")) << run.out;
}

}  // namespace
}  // namespace zoom_client_test
