// The mismatch report: everything a user needs to file the difference,
// and never a credential.
#include "exchange.h"

#include <gtest/gtest.h>

namespace zoom_contract {
namespace {

Exchange failed_revoke() {
  Exchange exchange;
  exchange.method = "DELETE";
  exchange.url = "http://127.0.0.1:9090/v2/users/nobody/token";
  exchange.request_headers = {{"Accept", "application/json"},
                              {"Authorization", "Bearer secret-token-value"}};
  exchange.response = zoom_client::RawResponse{
      204, {{"Content-Length", "0"}, {"x-zm-trackingid", "v=2.0;clid=mock;rid=WEB_1"}}, ""};
  return exchange;
}

const ExpectedResponse kExpected{404, 1001, "User does not exist: nobody.",
                                 "fixtures/postman/revoke_user_sso_token.json /response/1"};

TEST(Redacted, HidesCredentialsButTheirScheme) {
  const zoom_client::Headers safe = redacted({{"authorization", "Bearer abc"},
                                              {"Proxy-Authorization", "Basic xyz"},
                                              {"X-Other", "Bearer visible"},
                                              {"Authorization", "abc"}});
  const std::vector<zoom_client::Headers::Field> fields(safe.begin(), safe.end());
  EXPECT_EQ(fields, (std::vector<zoom_client::Headers::Field>{{"authorization", "Bearer ***"},
                                                              {"Proxy-Authorization", "Basic ***"},
                                                              {"X-Other", "Bearer visible"},
                                                              {"Authorization", "***"}}));
}

TEST(MismatchReport, ShowsRequestExpectationResponseAndTrackingId) {
  const std::string report = mismatch_report("Contract/DocumentedResponse.Matches/X_404", kExpected,
                                             failed_revoke(), {"status: expected 404, got 204"});
  EXPECT_EQ(report,
            "contract mismatch in Contract/DocumentedResponse.Matches/X_404\n"
            "  expected by: fixtures/postman/revoke_user_sso_token.json /response/1\n"
            "  - status: expected 404, got 204\n"
            "  request:\n"
            "    DELETE http://127.0.0.1:9090/v2/users/nobody/token\n"
            "    Accept: application/json\n"
            "    Authorization: Bearer ***\n"
            "  expected response:\n"
            "    404 {\"code\":1001,\"message\":\"User does not exist: nobody.\"}, Content-Type "
            "application/json;charset=UTF-8, x-zm-trackingid\n"
            "  actual response:\n"
            "    HTTP 204\n"
            "    Content-Length: 0\n"
            "    x-zm-trackingid: v=2.0;clid=mock;rid=WEB_1\n"
            "    (empty body)\n"
            "  tracking id: v=2.0;clid=mock;rid=WEB_1\n");
  EXPECT_EQ(report.find("secret-token-value"), std::string::npos);
}

TEST(MismatchReport, ListsAttemptsAndEscapesControlCharacters) {
  Exchange exchange = failed_revoke();
  exchange.response->body = std::string("bad\x01\x1b[31m", 9);
  zoom_client::AttemptLog first;
  first.method = "DELETE";
  first.url = exchange.url;
  first.status = 429;
  first.elapsed = std::chrono::milliseconds(3);
  first.retry_in = std::chrono::milliseconds(1000);
  zoom_client::AttemptLog second = first;
  second.status = 204;
  second.retry_in.reset();
  exchange.attempts = {first, second};
  const std::string report = mismatch_report("X", kExpected, exchange, {});
  EXPECT_NE(report.find("    bad\\x01\\x1b[31m\n"), std::string::npos) << report;
  EXPECT_NE(report.find("  attempts:\n"
                        "    DELETE http://127.0.0.1:9090/v2/users/nobody/token -> 429 in 3 ms, "
                        "retried after 1000 ms\n"
                        "    DELETE http://127.0.0.1:9090/v2/users/nobody/token -> 204 in 3 ms\n"),
            std::string::npos)
      << report;
}

TEST(MismatchReport, SaysWhyThereWasNoResponse) {
  Exchange exchange = failed_revoke();
  exchange.response.reset();
  exchange.failure = "Failed to connect to 127.0.0.1 port 1: Connection refused (curl code 7)";
  const std::string report = mismatch_report("X", kExpected, exchange, {"no response"});
  EXPECT_NE(report.find("  actual response: none (Failed to connect to 127.0.0.1 port 1: "
                        "Connection refused (curl code 7))\n  tracking id: (none)\n"),
            std::string::npos)
      << report;
}

}  // namespace
}  // namespace zoom_contract
