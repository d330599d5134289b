#include "report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace zoom_cli {
namespace {

using nlohmann::json;
using zoom_client::ApiError;
using zoom_client::Result;
using zoom_client::TokenRevoked;
using zoom_client::TransportError;

struct Printed {
  ExitCode exit_code;
  std::string out;
  std::string err;
};

Printed print(const Result<TokenRevoked>& outcome, OutputFormat format,
              std::string user_id = "alice@example.com") {
  CliOptions options;
  options.user_id = std::move(user_id);
  options.output = format;
  std::ostringstream out;
  std::ostringstream err;
  const ExitCode code = report_outcome(outcome, options, out, err);
  return {code, out.str(), err.str()};
}

ApiError api_error(int http_status, std::optional<int> code, std::string message,
                   std::string tracking_id = "") {
  ApiError error;
  error.http_status = http_status;
  error.code = code;
  error.message = std::move(message);
  error.tracking_id = std::move(tracking_id);
  return error;
}

const ApiError kNotFound =
    api_error(404, 1001, "User does not exist: alice@example.com.", "track-1");

TEST(ReportOutcome, SuccessAsText) {
  const Printed printed = print(TokenRevoked{204, "track-0"}, OutputFormat::kText);
  EXPECT_EQ(printed.exit_code, kExitSuccess);
  EXPECT_EQ(printed.out, "Revoked the SSO token of user 'alice@example.com' (HTTP 204).\n");
  EXPECT_EQ(printed.err, "");
}

TEST(ReportOutcome, SuccessAsJson) {
  const Printed printed = print(TokenRevoked{204, "track-0"}, OutputFormat::kJson);
  EXPECT_EQ(printed.exit_code, kExitSuccess);
  EXPECT_EQ(json::parse(printed.out), json::parse(R"({"ok":true,"user_id":"alice@example.com",
      "http_status":204,"tracking_id":"track-0"})"));
  EXPECT_EQ(printed.err, "");
}

TEST(ReportOutcome, ApiErrorAsTextGoesToStderr) {
  const Printed printed = print(kNotFound, OutputFormat::kText);
  EXPECT_EQ(printed.exit_code, kExitApiError);
  EXPECT_EQ(printed.out, "");
  EXPECT_EQ(printed.err,
            "zoom-cli: HTTP 404, code 1001: User does not exist: alice@example.com. "
            "(tracking id: track-1)\n");
}

TEST(ReportOutcome, ApiErrorAsJson) {
  const Printed printed = print(kNotFound, OutputFormat::kJson);
  EXPECT_EQ(printed.exit_code, kExitApiError);
  EXPECT_EQ(json::parse(printed.out), json::parse(R"({"ok":false,"user_id":"alice@example.com",
      "error":{"kind":"api","source":"api","http_status":404,"code":1001,
               "message":"User does not exist: alice@example.com.","tracking_id":"track-1",
               "retry_after_seconds":null}})"));
  EXPECT_EQ(printed.err, "");
}

TEST(ReportOutcome, OAuthErrorWithoutCodeAsJson) {
  ApiError error = api_error(401, std::nullopt, "bad");
  error.source = ApiError::Source::kOAuth;
  const json printed = json::parse(print(error, OutputFormat::kJson).out);
  EXPECT_EQ(printed["error"]["source"], "oauth");
  EXPECT_EQ(printed["error"]["code"], nullptr);
}

TEST(ReportOutcome, RateLimitCarriesRetryAfterInJson) {
  ApiError limited = api_error(429, 429, "slow");
  limited.retry_after = std::chrono::seconds{30};
  EXPECT_EQ(json::parse(print(limited, OutputFormat::kJson).out)["error"]["retry_after_seconds"], 30);
}

TEST(ReportOutcome, TransportErrorAsTextAndJson) {
  const TransportError refused{7, "Failed to connect to 127.0.0.1 port 1: Connection refused"};
  const Printed text = print(refused, OutputFormat::kText);
  EXPECT_EQ(text.exit_code, kExitTransportError);
  EXPECT_EQ(text.err,
            "zoom-cli: transport error: Failed to connect to 127.0.0.1 port 1: Connection refused "
            "(curl code 7)\n");
  const Printed as_json = print(refused, OutputFormat::kJson);
  EXPECT_EQ(as_json.exit_code, kExitTransportError);
  EXPECT_EQ(json::parse(as_json.out)["error"],
            json::parse(R"({"kind":"transport","curl_code":7,"timed_out":false,
                "message":"Failed to connect to 127.0.0.1 port 1: Connection refused"})"));
}

TEST(ReportOutcome, TimeoutSaysSo) {
  const Printed printed = print(TransportError{28, "Operation timed out"}, OutputFormat::kText);
  EXPECT_EQ(printed.exit_code, kExitTransportError);
  EXPECT_EQ(printed.err, "zoom-cli: timed out: Operation timed out (curl code 28)\n");
}

TEST(ReportOutcome, JsonSurvivesBytesThatAreNotUtf8) {
  const Printed printed = print(TokenRevoked{204, ""}, OutputFormat::kJson, "bad\xFFid");
  EXPECT_EQ(printed.exit_code, kExitSuccess);
  EXPECT_EQ(json::parse(printed.out)["user_id"], "bad\xEF\xBF\xBDid");
}

TEST(FormatAttempt, ShowsRequestHeadersStatusAndTrackingId) {
  zoom_client::AttemptLog log;
  log.method = "DELETE";
  log.url = "http://127.0.0.1:9090/v2/users/me/token";
  log.request_headers.add("Authorization", "Bearer ***");
  log.attempt = 1;
  log.status = 204;
  log.tracking_id = "track-1";
  log.elapsed = std::chrono::milliseconds{3};
  EXPECT_EQ(format_attempt(log),
            "> DELETE http://127.0.0.1:9090/v2/users/me/token (attempt 1)\n"
            "> Authorization: Bearer ***\n"
            "< 204 in 3 ms (x-zm-trackingid: track-1)\n");
}

TEST(FormatAttempt, ShowsTransportErrorsAndTheComingRetry) {
  zoom_client::AttemptLog log;
  log.method = "DELETE";
  log.url = "http://127.0.0.1:1/v2/users/me/token";
  log.attempt = 2;
  log.transport_error = "refused (curl code 7)";
  log.elapsed = std::chrono::milliseconds{1};
  log.retry_in = std::chrono::milliseconds{250};
  EXPECT_EQ(format_attempt(log),
            "> DELETE http://127.0.0.1:1/v2/users/me/token (attempt 2)\n"
            "< no response after 1 ms: refused (curl code 7)\n"
            "* retrying in 250 ms\n");
}

}  // namespace
}  // namespace zoom_cli
