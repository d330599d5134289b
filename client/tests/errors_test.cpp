#include "zoom_client/errors.h"

#include <gtest/gtest.h>

namespace zoom_client {
namespace {

TEST(Describe, ApiErrorNamesStatusCodeMessageAndTrackingId) {
  ApiError error;
  error.http_status = 404;
  error.code = 1001;
  error.message = "User does not exist: x.";
  error.tracking_id = "t-1";
  EXPECT_EQ(describe(error), "HTTP 404, code 1001: User does not exist: x. (tracking id: t-1)");
  error.tracking_id.clear();
  error.http_status = 429;
  error.code = 429;
  error.message = "Too many.";
  error.retry_after = std::chrono::seconds{7};
  EXPECT_EQ(describe(error), "HTTP 429, code 429: Too many. (retry after 7 s)");
}

TEST(Describe, OAuthErrorSaysTheTokenRequestFailed) {
  ApiError error;
  error.source = ApiError::Source::kOAuth;
  error.http_status = 401;
  error.message = "bad";
  EXPECT_EQ(describe(error), "OAuth token request failed: HTTP 401: bad");
}

TEST(Describe, TransportErrorNamesTheCurlCode) {
  EXPECT_EQ(describe(TransportError{7, "Failed to connect"}), "Failed to connect (curl code 7)");
  EXPECT_TRUE((TransportError{28, "Timeout"}).is_timeout());
  EXPECT_FALSE((TransportError{7, "x"}).is_timeout());
}

}  // namespace
}  // namespace zoom_client
