// Retries against the in-process fake, with failures injected through its
// HTTP admin API (/__admin/faults) and calls counted through its journal
// (/__admin/requests/count).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "client_test_config.h"
#include "fake_zoom.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using zoom_client::Client;

class RetryAgainstFake : public testing::Test {
 protected:
  static void SetUpTestSuite() { fake_ = new FakeZoom(); }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
  }

  void SetUp() override { ASSERT_EQ(fake_->admin("POST", "/reset").status, 200); }

  static void add_fault(const json& response, std::optional<int> times) {
    json fault = {{"request", {{"method", "DELETE"}}}, {"response", response}};
    if (times) fault["times"] = *times;
    const auto added = fake_->admin("POST", "/faults", fault.dump());
    ASSERT_EQ(added.status, 201) << added.body;
  }

  static int revoke_calls() {
    return fake_->count_requests({{"method", "DELETE"}, {"userId", "sso-user-alice"}});
  }

  static zoom_client::Result<zoom_client::TokenRevoked> revoke(
      const zoom_client::ClientConfig& config) {
    Client client(config);
    return client.revoke_user_sso_token("alice@example.com");
  }

  static zoom_client::ClientConfig config() {
    return fast_config(fake_->api(), "mock-admin-token");
  }

  static FakeZoom* fake_;
};

FakeZoom* RetryAgainstFake::fake_ = nullptr;

TEST_F(RetryAgainstFake, A429WithRetryAfterIsWaitedForThenSucceeds) {
  add_fault({{"status", 429}, {"headers", {{"Retry-After", "1"}}}}, 1);

  const auto start = std::chrono::steady_clock::now();
  const auto revoked = revoke(config());
  const auto took = std::chrono::steady_clock::now() - start;

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoked.value().http_status, 204);
  EXPECT_GE(took, 1s);
  EXPECT_EQ(revoke_calls(), 2);
}

TEST_F(RetryAgainstFake, ServerErrorsThenSuccess) {
  add_fault({{"status", 503}}, 2);

  const auto revoked = revoke(config());

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoke_calls(), 3);
}

TEST_F(RetryAgainstFake, RetriesRunOutOnAPersistentServerError) {
  add_fault({{"status", 503}}, std::nullopt);

  const auto revoked = revoke(config());

  ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
  EXPECT_EQ(revoked.api_error()->http_status, 503);
  EXPECT_EQ(revoked.api_error()->code, 503);
  EXPECT_EQ(revoked.api_error()->message, "Service Unavailable.");
  EXPECT_EQ(revoke_calls(), 3);
}

TEST_F(RetryAgainstFake, ARateLimitIsReportedWithItsRetryAfterWhenAttemptsRunOut) {
  add_fault({{"status", 429}, {"headers", {{"Retry-After", "0"}}}}, std::nullopt);

  const auto revoked = revoke(config());

  ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
  EXPECT_TRUE(revoked.api_error()->is_rate_limited());
  EXPECT_EQ(revoked.api_error()->code, 429);
  EXPECT_EQ(revoked.api_error()->retry_after, std::chrono::seconds{0});
  EXPECT_EQ(revoke_calls(), 3);
}

TEST_F(RetryAgainstFake, AConnectionResetIsRetried) {
  add_fault({{"fault", "CONNECTION_RESET_BY_PEER"}}, 1);

  const auto revoked = revoke(config());

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoke_calls(), 2);
}

TEST_F(RetryAgainstFake, AnEmptyResponseIsRetried) {
  add_fault({{"fault", "EMPTY_RESPONSE"}}, 1);

  const auto revoked = revoke(config());

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoke_calls(), 2);
}

TEST_F(RetryAgainstFake, ClientErrorsAreNotRetried) {
  add_fault({{"status", 404}}, 1);

  const auto revoked = revoke(config());

  EXPECT_TRUE(revoked.is_user_not_found()) << revoked.describe();
  EXPECT_EQ(revoke_calls(), 1);
}

TEST_F(RetryAgainstFake, TheDeadlineEndsASlowAnswer) {
  add_fault({{"fixedDelayMilliseconds", 1000}}, 1);
  auto slow = config();
  slow.deadline = 300ms;

  const auto start = std::chrono::steady_clock::now();
  const auto revoked = revoke(slow);
  const auto took = std::chrono::steady_clock::now() - start;

  ASSERT_NE(revoked.transport_error(), nullptr) << revoked.describe();
  EXPECT_TRUE(revoked.transport_error()->is_timeout());
  EXPECT_LT(took, 900ms);
}

}  // namespace
}  // namespace zoom_client_test
