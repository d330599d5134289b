// Failures below HTTP: nothing listening, a URL libcurl cannot use, no time.
#include <gtest/gtest.h>

#include "client_test_config.h"
#include "test_server.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using zoom_client::Client;

std::string closed_api() { return "http://127.0.0.1:" + std::to_string(closed_port()) + "/v2"; }

TEST(TransportError, AClosedPortIsRefused) {
  auto config = fast_config(closed_api());
  config.retry.max_attempts = 1;
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.transport_error(), nullptr) << revoked.describe();
  EXPECT_EQ(revoked.transport_error()->curl_code, 7);  // CURLE_COULDNT_CONNECT
  EXPECT_FALSE(revoked.transport_error()->message.empty());
  EXPECT_FALSE(revoked.transport_error()->is_timeout());
  EXPECT_FALSE(revoked.is_user_not_found());
}

TEST(TransportError, ARefusedConnectionIsRetried) {
  AttemptRecorder recorder;
  auto config = fast_config(closed_api());
  config.on_attempt = recorder.callback();
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.transport_error(), nullptr);
  const auto logs = recorder.logs();
  ASSERT_EQ(logs.size(), 3u);
  for (const auto& log : logs) {
    EXPECT_EQ(log.status, 0);
    EXPECT_NE(log.transport_error.find("curl code 7"), std::string::npos) << log.transport_error;
  }
  EXPECT_TRUE(logs[0].retry_in.has_value());
  EXPECT_FALSE(logs[2].retry_in.has_value());
}

TEST(TransportError, AnUnusableUrlIsNotRetried) {
  AttemptRecorder recorder;
  auto config = fast_config("ftp://127.0.0.1/v2");
  config.on_attempt = recorder.callback();
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.transport_error(), nullptr);
  EXPECT_EQ(revoked.transport_error()->curl_code, 1);  // CURLE_UNSUPPORTED_PROTOCOL
  EXPECT_EQ(recorder.logs().size(), 1u);
}

TEST(TransportError, AZeroDeadlineSendsNothing) {
  AttemptRecorder recorder;
  auto config = fast_config(closed_api());
  config.deadline = std::chrono::milliseconds{0};
  config.on_attempt = recorder.callback();
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.transport_error(), nullptr);
  EXPECT_TRUE(revoked.transport_error()->is_timeout());
  EXPECT_TRUE(recorder.logs().empty());
}

}  // namespace
}  // namespace zoom_client_test
