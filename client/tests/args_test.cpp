#include "args.h"

#include <gtest/gtest.h>

#include <map>

namespace zoom_cli {
namespace {

using std::chrono::milliseconds;

Environment environment(std::map<std::string, std::string> variables = {}) {
  return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
    const auto found = variables.find(std::string(name));
    return found == variables.end() ? std::nullopt : std::optional(found->second);
  };
}

CliOptions parse_ok(const std::vector<std::string>& args, const Environment& env = environment()) {
  auto parsed = parse_args(args, env);
  if (const auto* error = std::get_if<UsageError>(&parsed)) {
    ADD_FAILURE() << "usage error: " << error->message;
    return {};
  }
  EXPECT_TRUE(std::holds_alternative<CliOptions>(parsed));
  return std::holds_alternative<CliOptions>(parsed) ? std::get<CliOptions>(parsed) : CliOptions{};
}

std::string usage_error(const std::vector<std::string>& args,
                        const Environment& env = environment()) {
  auto parsed = parse_args(args, env);
  const auto* error = std::get_if<UsageError>(&parsed);
  EXPECT_NE(error, nullptr) << "expected a usage error";
  return error != nullptr ? error->message : std::string{};
}

const std::vector<std::string> kCommand = {"users", "revoke-sso-token", "alice@example.com"};

std::vector<std::string> command_with(std::vector<std::string> flags) {
  std::vector<std::string> args = kCommand;
  args.insert(args.end(), flags.begin(), flags.end());
  return args;
}

TEST(ParseArgs, ReadsTheCommandAndAToken) {
  const CliOptions options = parse_ok(command_with({"--token", "t-1"}));
  EXPECT_EQ(options.user_id, "alice@example.com");
  const auto* token = std::get_if<zoom_client::AccessToken>(&options.client.credentials);
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->token, "t-1");
}

TEST(ParseArgs, DefaultsMatchTheDocumentation) {
  const CliOptions options = parse_ok(command_with({"--token", "t"}));
  EXPECT_EQ(options.client.base_url, "https://api.zoom.us/v2");
  EXPECT_EQ(options.client.deadline, milliseconds{30'000});
  EXPECT_EQ(options.client.retry.max_attempts, 3);
  EXPECT_EQ(options.output, OutputFormat::kText);
  EXPECT_FALSE(options.verbose);
  EXPECT_TRUE(options.client.user_agent.starts_with("zoom-cli/"));
  EXPECT_EQ(options.client.ca_file, "");
}

TEST(ParseArgs, ReadsTheCaFile) {
  EXPECT_EQ(parse_ok(command_with({"--token", "t", "--ca-file", "certs/dev-cert.pem"})).client.ca_file,
            "certs/dev-cert.pem");
}

TEST(ParseArgs, AcceptsFlagsBeforeBetweenAndAfterTheCommand) {
  const CliOptions options =
      parse_ok({"--verbose", "users", "--base-url=http://127.0.0.1:9090/v2", "revoke-sso-token",
                "--token", "t", "me", "--output", "json", "--timeout", "2.5", "--retries", "0"});
  EXPECT_EQ(options.user_id, "me");
  EXPECT_TRUE(options.verbose);
  EXPECT_EQ(options.client.base_url, "http://127.0.0.1:9090/v2");
  EXPECT_EQ(options.output, OutputFormat::kJson);
  EXPECT_EQ(options.client.deadline, milliseconds{2'500});
  EXPECT_EQ(options.client.retry.max_attempts, 1);
}

TEST(ParseArgs, DoubleDashLetsAUserIdStartWithADash) {
  EXPECT_EQ(parse_ok({"--token", "t", "users", "revoke-sso-token", "--", "-odd-id"}).user_id,
            "-odd-id");
}

TEST(ParseArgs, TheLastOfARepeatedFlagWins) {
  EXPECT_EQ(parse_ok(command_with({"--token", "t", "--retries", "1", "--retries", "4"}))
                .client.retry.max_attempts,
            5);
}

TEST(ParseArgs, TakesTheTokenFromTheEnvironment) {
  const CliOptions options = parse_ok(kCommand, environment({{"ZOOM_ACCESS_TOKEN", "env-token"}}));
  EXPECT_EQ(std::get<zoom_client::AccessToken>(options.client.credentials).token, "env-token");
}

TEST(ParseArgs, TheTokenFlagBeatsTheEnvironment) {
  const CliOptions options = parse_ok(command_with({"--token", "flag-token"}),
                                      environment({{"ZOOM_ACCESS_TOKEN", "env-token"},
                                                   {"ZOOM_CLIENT_ID", "env-client"}}));
  EXPECT_EQ(std::get<zoom_client::AccessToken>(options.client.credentials).token, "flag-token");
}

TEST(ParseArgs, ReadsOAuthCredentialsFromFlags) {
  const CliOptions options =
      parse_ok(command_with({"--account-id", "acct", "--client-id", "cid", "--client-secret", "sec",
                             "--token-url", "http://127.0.0.1:9/oauth/token"}));
  const auto& oauth = std::get<zoom_client::ServerToServerOAuth>(options.client.credentials);
  EXPECT_EQ(oauth.account_id, "acct");
  EXPECT_EQ(oauth.client_id, "cid");
  EXPECT_EQ(oauth.client_secret, "sec");
  EXPECT_EQ(oauth.token_url, "http://127.0.0.1:9/oauth/token");
}

TEST(ParseArgs, ReadsOAuthCredentialsFromTheEnvironmentWithTheDefaultTokenUrl) {
  const CliOptions options = parse_ok(kCommand, environment({{"ZOOM_ACCOUNT_ID", "acct"},
                                                             {"ZOOM_CLIENT_ID", "cid"},
                                                             {"ZOOM_CLIENT_SECRET", "sec"}}));
  const auto& oauth = std::get<zoom_client::ServerToServerOAuth>(options.client.credentials);
  EXPECT_EQ(oauth.account_id, "acct");
  EXPECT_EQ(oauth.client_secret, "sec");
  EXPECT_EQ(oauth.token_url, "https://zoom.us/oauth/token");
}

TEST(ParseArgs, FillsMissingOAuthFlagsFromTheEnvironment) {
  const CliOptions options = parse_ok(command_with({"--client-id", "flag-cid"}),
                                      environment({{"ZOOM_ACCOUNT_ID", "acct"},
                                                   {"ZOOM_CLIENT_ID", "env-cid"},
                                                   {"ZOOM_CLIENT_SECRET", "sec"}}));
  EXPECT_EQ(std::get<zoom_client::ServerToServerOAuth>(options.client.credentials).client_id,
            "flag-cid");
}

TEST(ParseArgs, WithoutCredentialsNamesTheFlagsAndVariables) {
  const std::string message = usage_error(kCommand);
  EXPECT_NE(message.find("--token"), std::string::npos) << message;
  EXPECT_NE(message.find("ZOOM_ACCESS_TOKEN"), std::string::npos) << message;
  EXPECT_NE(message.find("--client-secret"), std::string::npos) << message;
}

TEST(ParseArgs, AnEmptyEnvironmentVariableCountsAsUnset) {
  EXPECT_NE(usage_error(kCommand, environment({{"ZOOM_ACCESS_TOKEN", ""}})).find("no credentials"),
            std::string::npos);
}

TEST(ParseArgs, IncompleteOAuthNamesTheMissingFlag) {
  EXPECT_EQ(usage_error(command_with({"--account-id", "a", "--client-id", "c"})),
            "missing --client-secret (or set ZOOM_CLIENT_SECRET) for Server-to-Server OAuth");
  EXPECT_EQ(usage_error(kCommand, environment({{"ZOOM_CLIENT_SECRET", "s"}})),
            "missing --account-id (or set ZOOM_ACCOUNT_ID) for Server-to-Server OAuth");
}

TEST(ParseArgs, RefusesATokenMixedWithOAuthFlags) {
  EXPECT_NE(usage_error(command_with({"--token", "t", "--client-id", "c"})).find("cannot be combined"),
            std::string::npos);
}

TEST(ParseArgs, ReportsCommandErrors) {
  EXPECT_NE(usage_error({"--token", "t"}).find("missing command"), std::string::npos);
  EXPECT_NE(usage_error({"--token", "t", "meetings", "list"}).find("unknown command 'meetings list'"),
            std::string::npos);
  EXPECT_NE(usage_error({"--token", "t", "users", "delete", "x"}).find("unknown command 'users delete'"),
            std::string::npos);
  EXPECT_NE(usage_error({"--token", "t", "users", "revoke-sso-token"}).find("missing <userId>"),
            std::string::npos);
  EXPECT_EQ(usage_error(command_with({"--token", "t", "extra"})), "unexpected argument 'extra'");
  EXPECT_EQ(usage_error({"--token", "t", "users", "revoke-sso-token", ""}),
            "<userId> must not be empty");
}

TEST(ParseArgs, ReportsFlagErrorsByName) {
  EXPECT_EQ(usage_error(command_with({"--token", "t", "--frobnicate"})),
            "unknown option '--frobnicate'");
  EXPECT_EQ(usage_error(command_with({"--token"})), "--token needs a value");
  EXPECT_EQ(usage_error(command_with({"--token="})), "--token must not be empty");
  EXPECT_EQ(usage_error(command_with({"--token", "t", "--output", "xml"})),
            "--output must be 'text' or 'json', got 'xml'");
  EXPECT_EQ(usage_error(command_with({"--token", "t", "--base-url", "api.zoom.us"})),
            "--base-url must start with http:// or https://, got 'api.zoom.us'");
  EXPECT_EQ(usage_error(command_with({"--token", "t", "--verbose=yes"})),
            "--verbose takes no value");
}

TEST(ParseArgs, RefusesTimeoutsThatAreNotPositiveSeconds) {
  for (const char* timeout : {"0", "-1", "abc", "1s", "nan", "inf", "86401", ""}) {
    const std::string message =
        usage_error(command_with({"--token", "t", std::string("--timeout=") + timeout}));
    EXPECT_NE(message.find("--timeout"), std::string::npos) << timeout << ": " << message;
  }
}

TEST(ParseArgs, RoundsFractionalTimeoutsUpToAMillisecond) {
  EXPECT_EQ(parse_ok(command_with({"--token", "t", "--timeout", "0.0001"})).client.deadline,
            milliseconds{1});
}

TEST(ParseArgs, RefusesRetriesOutsideZeroToTen) {
  for (const char* retries : {"-1", "11", "two", "1.5"}) {
    const std::string message = usage_error(command_with({"--token", "t", "--retries", retries}));
    EXPECT_NE(message.find("--retries must be a whole number from 0 to 10"), std::string::npos)
        << retries << ": " << message;
  }
  EXPECT_EQ(parse_ok(command_with({"--token", "t", "--retries", "10"})).client.retry.max_attempts,
            11);
}

TEST(ParseArgs, HelpAndVersionWinOverEverythingElse) {
  EXPECT_TRUE(std::holds_alternative<HelpRequested>(parse_args({"--bogus", "--help"}, environment())));
  EXPECT_TRUE(std::holds_alternative<HelpRequested>(parse_args({"-h"}, environment())));
  EXPECT_TRUE(std::holds_alternative<VersionRequested>(parse_args({"x", "--version"}, environment())));
  // After "--" they are arguments, not flags.
  EXPECT_FALSE(std::holds_alternative<HelpRequested>(
      parse_args({"--token", "t", "users", "revoke-sso-token", "--", "--help"}, environment())));
}

TEST(UsageText, DocumentsEveryFlagAndTheExitCodes) {
  const std::string text = usage_text();
  for (const char* flag : {"--base-url", "--ca-file", "--token", "--account-id", "--client-id",
                           "--client-secret", "--token-url", "--timeout", "--retries", "--output",
                           "--verbose", "--help", "--version", "ZOOM_ACCESS_TOKEN",
                           "ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"}) {
    EXPECT_NE(text.find(flag), std::string::npos) << flag;
  }
  EXPECT_NE(text.find("0 revoked, 1 API error, 2 usage error, 3 transport error"),
            std::string::npos);
}

}  // namespace
}  // namespace zoom_cli
