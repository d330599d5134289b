// zoom-cli run as its users run it, for the cases that need no Zoom fake:
// help, version, usage errors, transport errors and timeouts, and OAuth
// against an in-test token endpoint. Cases against the fake are in
// fake_cli_test.cpp.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "oauth_stub.h"
#include "subprocess.h"
#include "test_server.h"

namespace zoom_client_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

ProcessResult zoom_cli(const std::vector<std::string>& args,
                       const std::vector<std::pair<std::string, std::string>>& environment = {}) {
  return run_process(ZOOM_CLI_PATH, args, environment);
}

std::string closed_api() { return "http://127.0.0.1:" + std::to_string(closed_port()) + "/v2"; }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ZoomCli, HelpPrintsUsageAndExitsZero) {
  const auto run = zoom_cli({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with("Usage: zoom-cli users revoke-sso-token <userId>")) << run.out;
  EXPECT_EQ(run.err, "");
}

TEST(ZoomCli, VersionPrintsTheVersion) {
  const auto run = zoom_cli({"--version"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with("zoom-cli ")) << run.out;
  EXPECT_TRUE(run.out.ends_with("\n"));
  EXPECT_EQ(run.err, "");
}

TEST(ZoomCli, NoArgumentsIsAUsageError) {
  const auto run = zoom_cli({});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(contains(run.err, "missing command")) << run.err;
  EXPECT_TRUE(contains(run.err, "zoom-cli --help")) << run.err;
}

TEST(ZoomCli, MissingCredentialsIsAUsageErrorNamingTheFlags) {
  const auto run = zoom_cli({"users", "revoke-sso-token", "me", "--base-url", closed_api()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(contains(run.err, "--token")) << run.err;
  EXPECT_TRUE(contains(run.err, "ZOOM_ACCESS_TOKEN")) << run.err;
}

TEST(ZoomCli, IncompleteOAuthEnvironmentNamesTheMissingFlag) {
  const auto run = zoom_cli({"users", "revoke-sso-token", "me"},
                            {{"ZOOM_ACCOUNT_ID", "a"}, {"ZOOM_CLIENT_ID", "c"}});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(run.err, "missing --client-secret (or set ZOOM_CLIENT_SECRET)")) << run.err;
}

TEST(ZoomCli, ABadFlagValueIsAUsageError) {
  const auto run = zoom_cli({"users", "revoke-sso-token", "me", "--token", "t", "--timeout", "soon"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(run.err, "--timeout must be a number of seconds")) << run.err;
}

TEST(ZoomCli, AnUnknownCommandIsAUsageError) {
  const auto run = zoom_cli({"users", "delete", "me", "--token", "t"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(run.err, "unknown command 'users delete'")) << run.err;
}

TEST(ZoomCli, AClosedPortIsATransportError) {
  const auto run = zoom_cli({"users", "revoke-sso-token", "me", "--token", "t", "--retries", "0",
                             "--base-url", closed_api()});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(run.err.starts_with("zoom-cli: transport error: ")) << run.err;
  EXPECT_TRUE(contains(run.err, "(curl code 7)")) << run.err;
}

TEST(ZoomCli, ATransportErrorAsJson) {
  const auto run = zoom_cli({"users", "revoke-sso-token", "me", "--token", "t", "--retries", "0",
                             "--output", "json", "--base-url", closed_api()});
  EXPECT_EQ(run.exit_code, 3);
  const json printed = json::parse(run.out);
  EXPECT_EQ(printed["ok"], false);
  EXPECT_EQ(printed["user_id"], "me");
  EXPECT_EQ(printed["error"]["kind"], "transport");
  EXPECT_EQ(printed["error"]["curl_code"], 7);
  EXPECT_EQ(printed["error"]["timed_out"], false);
  EXPECT_EQ(run.err, "");
}

TEST(ZoomCli, TimeoutEndsASilentServerWithExitThree) {
  Gate release;
  TestServer server([&release](httplib::Server& routes) {
    routes.Delete(".*", [&release](const httplib::Request&, httplib::Response& response) {
      release.wait(10s);
      response.status = 204;
    });
  });
  const auto start = std::chrono::steady_clock::now();
  const auto run = zoom_cli({"users", "revoke-sso-token", "me", "--token", "t", "--timeout", "0.3",
                             "--base-url", server.url() + "/v2"});
  const auto took = std::chrono::steady_clock::now() - start;
  release.open();

  EXPECT_EQ(run.exit_code, 3);
  EXPECT_TRUE(run.err.starts_with("zoom-cli: timed out: ")) << run.err;
  EXPECT_TRUE(contains(run.err, "(curl code 28)")) << run.err;
  EXPECT_LT(took, 3s);
}

TEST(ZoomCli, RevokesWithOAuthCredentialsFromTheEnvironment) {
  OAuthStub stub;
  const auto run = zoom_cli({"users", "revoke-sso-token", "sso-user-alice", "--base-url",
                             stub.api(), "--token-url", stub.token_url(), "--verbose"},
                            {{"ZOOM_ACCOUNT_ID", "acct"},
                             {"ZOOM_CLIENT_ID", "cid"},
                             {"ZOOM_CLIENT_SECRET", "very-secret"}});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Revoked the SSO token of user 'sso-user-alice' (HTTP 204).\n");
  EXPECT_EQ(stub.token_requests.count(), 1u);
  EXPECT_TRUE(contains(run.err, "> POST " + stub.token_url() + " (attempt 1)")) << run.err;
  EXPECT_TRUE(contains(run.err, "> Authorization: Basic ***")) << run.err;
  EXPECT_TRUE(contains(run.err, "> Authorization: Bearer ***")) << run.err;
  for (const char* secret : {"very-secret", "token-1", "Y2lkOnZlcnktc2VjcmV0"}) {
    EXPECT_FALSE(contains(run.err, secret)) << secret;
    EXPECT_FALSE(contains(run.out, secret)) << secret;
  }
}

TEST(ZoomCli, ARefusedOAuthClientIsAnApiError) {
  OAuthStub stub;
  stub.set_token_error(401, R"({"reason":"Invalid client_id or client_secret","error":"invalid_client"})");
  const auto run = zoom_cli({"users", "revoke-sso-token", "me", "--base-url", stub.api(),
                             "--token-url", stub.token_url(), "--account-id", "acct",
                             "--client-id", "cid", "--client-secret", "wrong-secret"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "zoom-cli: OAuth token request failed: HTTP 401: Invalid client_id or client_secret "
            "(invalid_client)\n");
}

TEST(ZoomCli, VerboseRetriesAreShownWithoutTheToken) {
  const auto run = zoom_cli({"users", "revoke-sso-token", "me", "--token", "hidden-token",
                             "--retries", "1", "--verbose", "--base-url", closed_api()});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_TRUE(contains(run.err, "(attempt 1)")) << run.err;
  EXPECT_TRUE(contains(run.err, "* retrying in ")) << run.err;
  EXPECT_TRUE(contains(run.err, "(attempt 2)")) << run.err;
  EXPECT_TRUE(contains(run.err, "> Authorization: Bearer ***")) << run.err;
  EXPECT_FALSE(contains(run.err, "hidden-token")) << run.err;
}

}  // namespace
}  // namespace zoom_client_test
