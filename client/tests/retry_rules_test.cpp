#include "retry_rules.h"

#include <gtest/gtest.h>

namespace zoom_client {
namespace {

using std::chrono::milliseconds;

RetryPolicy policy(int base_ms, int max_ms, double jitter) {
  RetryPolicy policy;
  policy.base_backoff = milliseconds{base_ms};
  policy.max_backoff = milliseconds{max_ms};
  policy.jitter = jitter;
  return policy;
}

TEST(BackoffDelay, DoublesFromTheBaseUpToTheCap) {
  const RetryPolicy exact = policy(100, 1000, 0.0);
  EXPECT_EQ(backoff_delay(exact, 1, 0.9), milliseconds{100});
  EXPECT_EQ(backoff_delay(exact, 2, 0.9), milliseconds{200});
  EXPECT_EQ(backoff_delay(exact, 3, 0.9), milliseconds{400});
  EXPECT_EQ(backoff_delay(exact, 4, 0.9), milliseconds{800});
  EXPECT_EQ(backoff_delay(exact, 5, 0.9), milliseconds{1000});
  EXPECT_EQ(backoff_delay(exact, 6, 0.9), milliseconds{1000});
}

TEST(BackoffDelay, StaysAtTheCapForAnyNumberOfRetries) {
  EXPECT_EQ(backoff_delay(policy(100, 1000, 0.0), 1'000'000, 0.0), milliseconds{1000});
}

TEST(BackoffDelay, ABaseAboveTheCapIsCapped) {
  EXPECT_EQ(backoff_delay(policy(5000, 1000, 0.0), 1, 0.0), milliseconds{1000});
}

TEST(BackoffDelay, JitterTakesOffAtMostItsFraction) {
  const RetryPolicy half = policy(100, 1000, 0.5);
  EXPECT_EQ(backoff_delay(half, 1, 0.0), milliseconds{100});
  EXPECT_EQ(backoff_delay(half, 1, 0.5), milliseconds{75});
  EXPECT_EQ(backoff_delay(half, 2, 0.99), milliseconds{101});
}

TEST(BackoffDelay, FullJitterCanWaitAlmostNothing) {
  EXPECT_EQ(backoff_delay(policy(100, 1000, 1.0), 1, 0.999), milliseconds{0});
}

TEST(BackoffDelay, JitterOutsideZeroToOneIsClamped) {
  EXPECT_EQ(backoff_delay(policy(100, 1000, -3.0), 1, 0.5), milliseconds{100});
  EXPECT_EQ(backoff_delay(policy(100, 1000, 7.0), 1, 0.5), milliseconds{50});
}

TEST(IsIdempotent, NamesTheMethodsSafeToRepeat) {
  for (const char* method : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"}) {
    EXPECT_TRUE(is_idempotent(method)) << method;
  }
  for (const char* method : {"POST", "PATCH", "CONNECT", "delete", ""}) {
    EXPECT_FALSE(is_idempotent(method)) << method;
  }
}

TEST(IsRetryableStatus, Is429AndServerErrors) {
  for (int status : {429, 500, 502, 503, 504, 599}) EXPECT_TRUE(is_retryable_status(status));
  for (int status : {200, 204, 400, 401, 403, 404, 409, 499, 600}) {
    EXPECT_FALSE(is_retryable_status(status)) << status;
  }
}

TEST(IsRetryableTransportFailure, IsConnectionTroubleOnly) {
  // CURLE_COULDNT_RESOLVE_HOST, _COULDNT_CONNECT, _PARTIAL_FILE,
  // _GOT_NOTHING, _SEND_ERROR, _RECV_ERROR.
  for (int code : {6, 7, 18, 52, 55, 56}) EXPECT_TRUE(is_retryable_transport_failure(code));
  // CURLE_UNSUPPORTED_PROTOCOL, _URL_MALFORMAT, _OPERATION_TIMEDOUT,
  // _PEER_FAILED_VERIFICATION.
  for (int code : {1, 3, 28, 60}) EXPECT_FALSE(is_retryable_transport_failure(code)) << code;
}

}  // namespace
}  // namespace zoom_client
