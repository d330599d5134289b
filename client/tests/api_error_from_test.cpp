#include "api_error_from.h"

#include <gtest/gtest.h>

namespace zoom_client {
namespace {

using namespace std::chrono_literals;

const auto kNow = std::chrono::sys_days{std::chrono::year{2024} / 1 / 1} + 12h;

RawResponse response(int status, Headers headers, std::string body) {
  return RawResponse{.status = status, .headers = std::move(headers), .body = std::move(body)};
}

TEST(ApiErrorFrom, ReadsZoomsErrorJsonAndTrackingId) {
  const auto error = api_error_from(
      response(404, {{"X-Zm-Trackingid", "v=2.0;clid=us06;rid=WEB_1"}},
               R"({"code":1001,"message":"User does not exist: nobody@example.com."})"),
      ApiError::Source::kApi, kNow);
  EXPECT_EQ(error.source, ApiError::Source::kApi);
  EXPECT_EQ(error.http_status, 404);
  EXPECT_EQ(error.code, 1001);
  EXPECT_EQ(error.message, "User does not exist: nobody@example.com.");
  EXPECT_EQ(error.tracking_id, "v=2.0;clid=us06;rid=WEB_1");
  EXPECT_EQ(error.retry_after, std::nullopt);
  EXPECT_TRUE(error.is_user_not_found());
  EXPECT_FALSE(error.is_invalid_access_token());
}

TEST(ApiErrorFrom, NamesTheCommonZoomErrors) {
  EXPECT_TRUE(api_error_from(response(401, {}, R"({"code":124,"message":"Invalid access token."})"),
                             ApiError::Source::kApi, kNow)
                  .is_invalid_access_token());
  EXPECT_TRUE(api_error_from(response(400, {}, R"({"code":4711,"message":"Invalid access token, does not contain scopes:[user:write:admin, user:write]."})"),
                             ApiError::Source::kApi, kNow)
                  .is_missing_scopes());
  EXPECT_TRUE(api_error_from(response(429, {}, R"({"code":429,"message":"slow down"})"),
                             ApiError::Source::kApi, kNow)
                  .is_rate_limited());
  // 1001 under another status is not "user not found".
  EXPECT_FALSE(api_error_from(response(400, {}, R"({"code":1001,"message":"x"})"),
                              ApiError::Source::kApi, kNow)
                   .is_user_not_found());
}

TEST(ApiErrorFrom, ReadsTheOAuthEndpointsErrorShape) {
  const auto error = api_error_from(
      response(401, {}, R"({"reason":"Invalid client_id or client_secret","error":"invalid_client"})"),
      ApiError::Source::kOAuth, kNow);
  EXPECT_EQ(error.source, ApiError::Source::kOAuth);
  EXPECT_EQ(error.code, std::nullopt);
  EXPECT_EQ(error.message, "Invalid client_id or client_secret (invalid_client)");
  EXPECT_FALSE(error.is_invalid_access_token());
}

TEST(ApiErrorFrom, AnOAuthErrorIsNeverAnApiCondition) {
  const auto error = api_error_from(response(404, {}, R"({"code":1001,"message":"x"})"),
                                    ApiError::Source::kOAuth, kNow);
  EXPECT_FALSE(error.is_user_not_found());
}

TEST(ApiErrorFrom, KeepsABodyThatIsNotZoomJson) {
  const auto error =
      api_error_from(response(502, {}, "<html>Bad Gateway</html>"), ApiError::Source::kApi, kNow);
  EXPECT_EQ(error.code, std::nullopt);
  EXPECT_EQ(error.message, "body is not Zoom's error JSON");
  EXPECT_EQ(error.body, "<html>Bad Gateway</html>");
}

TEST(ApiErrorFrom, SaysSoWhenTheBodyIsEmptyOrHasNoMessage) {
  EXPECT_EQ(api_error_from(response(500, {}, ""), ApiError::Source::kApi, kNow).message,
            "empty body");
  EXPECT_EQ(api_error_from(response(500, {}, "{}"), ApiError::Source::kApi, kNow).message,
            "no message in the error body");
}

TEST(ApiErrorFrom, IgnoresACodeThatIsNotAnInteger) {
  const auto error = api_error_from(response(404, {}, R"({"code":"1001","message":"m"})"),
                                    ApiError::Source::kApi, kNow);
  EXPECT_EQ(error.code, std::nullopt);
  EXPECT_EQ(error.message, "m");
}

TEST(ApiErrorFrom, ReadsRetryAfterSecondsAndDatesRoundedUp) {
  EXPECT_EQ(api_error_from(response(429, {{"retry-after", "3"}}, "{}"), ApiError::Source::kApi, kNow)
                .retry_after,
            std::chrono::seconds{3});
  EXPECT_EQ(api_error_from(response(429, {{"Retry-After", "Mon, 01 Jan 2024 12:00:01 GMT"}}, "{}"),
                           ApiError::Source::kApi, kNow - 500ms)
                .retry_after,
            std::chrono::seconds{2});
  EXPECT_EQ(api_error_from(response(429, {{"Retry-After", "later"}}, "{}"), ApiError::Source::kApi,
                           kNow)
                .retry_after,
            std::nullopt);
}

}  // namespace
}  // namespace zoom_client
