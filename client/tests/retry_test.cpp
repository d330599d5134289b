// Retries against small in-test servers: what is retried, how long the
// client waits, and how the deadline bounds it all.
#include <gtest/gtest.h>

#include <ctime>

#include "client_test_config.h"
#include "hit_log.h"
#include "test_server.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using zoom_client::Client;

constexpr const char* kRevokePath = R"(/v2/users/[^/]+/token)";
constexpr const char* kRateLimitBody =
    R"({"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."})";

milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

// Answers request n (from 0) with statuses[n], or the last status once
// they run out; 2xx answers are empty, others carry Zoom's error JSON.
struct ScriptedServer {
  ScriptedServer(std::vector<int> statuses, httplib::Headers extra_headers = {})
      : server([this, statuses, extra_headers](httplib::Server& routes) {
          auto handler = [this, statuses, extra_headers](const httplib::Request& request,
                                                        httplib::Response& response) {
            const std::size_t n = hits.add(request);
            response.status = statuses.at(std::min(n, statuses.size() - 1));
            if (response.status >= 300) {
              response.set_content(response.status == 429
                                       ? kRateLimitBody
                                       : R"({"code":)" + std::to_string(response.status) +
                                             R"(,"message":"scripted"})",
                                   "application/json");
              for (const auto& [name, value] : extra_headers) response.set_header(name, value);
            }
          };
          routes.Delete(kRevokePath, handler);
          routes.Post(R"(/v2/.*)", handler);
        }) {}

  std::string api() const { return server.url() + "/v2"; }

  HitLog hits;
  TestServer server;
};

TEST(Retry, WaitsForRetryAfterSecondsThenSucceeds) {
  ScriptedServer scripted({429, 204}, {{"Retry-After", "1"}});
  AttemptRecorder recorder;
  auto config = fast_config(scripted.api());
  config.on_attempt = recorder.callback();
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoked.value().http_status, 204);
  ASSERT_EQ(scripted.hits.count(), 2u);
  EXPECT_GE(scripted.hits.gap_before(1), 1000ms);
  EXPECT_LT(scripted.hits.gap_before(1), 3000ms);
  const auto logs = recorder.logs();
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].status, 429);
  EXPECT_EQ(logs[0].retry_in, milliseconds{1000});
  EXPECT_EQ(logs[1].status, 204);
  EXPECT_EQ(logs[1].retry_in, std::nullopt);
}

std::string http_date(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof(text), "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

TEST(Retry, WaitsUntilARetryAfterHttpDate) {
  HitLog hits;
  TestServer server([&hits](httplib::Server& routes) {
    routes.Delete(kRevokePath, [&hits](const httplib::Request& request, httplib::Response& response) {
      if (hits.add(request) == 0) {
        // Two seconds ahead, written to the whole second: a wait of 1-2 s.
        response.set_header("Retry-After", http_date(std::chrono::system_clock::now() + 2s));
        response.status = 429;
        response.set_content(kRateLimitBody, "application/json");
      } else {
        response.status = 204;
      }
    });
  });
  AttemptRecorder recorder;
  auto config = fast_config(server.url() + "/v2");
  config.on_attempt = recorder.callback();
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  ASSERT_EQ(hits.count(), 2u);
  EXPECT_GE(hits.gap_before(1), 900ms);
  const auto logs = recorder.logs();
  ASSERT_EQ(logs.size(), 2u);
  ASSERT_TRUE(logs[0].retry_in.has_value());
  EXPECT_GT(*logs[0].retry_in, 900ms);
  EXPECT_LE(*logs[0].retry_in, 2000ms);
}

TEST(Retry, ReturnsA429AtOnceWhenRetryAfterExceedsTheCap) {
  ScriptedServer scripted({429, 204}, {{"Retry-After", "3600"}});
  Client client(fast_config(scripted.api()));

  const auto start = std::chrono::steady_clock::now();
  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
  EXPECT_TRUE(revoked.api_error()->is_rate_limited());
  EXPECT_EQ(revoked.api_error()->code, 429);
  EXPECT_EQ(revoked.api_error()->retry_after, std::chrono::seconds{3600});
  EXPECT_EQ(scripted.hits.count(), 1u);
  EXPECT_LT(since(start), 1000ms);
}

TEST(Retry, BacksOffOnA429WithoutRetryAfter) {
  ScriptedServer scripted({429, 204});
  Client client(fast_config(scripted.api()));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(scripted.hits.count(), 2u);
}

TEST(Retry, ServerErrorsThenSuccess) {
  ScriptedServer scripted({503, 500, 204});
  Client client(fast_config(scripted.api()));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(scripted.hits.count(), 3u);
}

TEST(Retry, ReturnsTheLastErrorWhenAttemptsRunOut) {
  ScriptedServer scripted({502, 503});
  AttemptRecorder recorder;
  auto config = fast_config(scripted.api());
  config.retry.max_attempts = 4;
  config.on_attempt = recorder.callback();
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
  EXPECT_EQ(revoked.api_error()->http_status, 503);
  EXPECT_EQ(scripted.hits.count(), 4u);
  const auto logs = recorder.logs();
  ASSERT_EQ(logs.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(logs[i].attempt, i + 1);
  EXPECT_TRUE(logs[2].retry_in.has_value());
  EXPECT_FALSE(logs[3].retry_in.has_value());
}

TEST(Retry, BackoffDoublesBetweenAttempts) {
  ScriptedServer scripted({503});
  auto config = fast_config(scripted.api());
  config.retry.base_backoff = 60ms;
  config.retry.max_backoff = 1s;
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_FALSE(revoked.ok());
  ASSERT_EQ(scripted.hits.count(), 3u);
  EXPECT_GE(scripted.hits.gap_before(1), 60ms);
  EXPECT_GE(scripted.hits.gap_before(2), 120ms);
}

TEST(Retry, MaxAttemptsOfOneNeverRetries) {
  ScriptedServer scripted({503, 204});
  auto config = fast_config(scripted.api());
  config.retry.max_attempts = 1;
  Client client(config);

  EXPECT_EQ(client.revoke_user_sso_token("sso-user-alice").api_error()->http_status, 503);
  EXPECT_EQ(scripted.hits.count(), 1u);
}

class NoRetry : public testing::TestWithParam<int> {};

TEST_P(NoRetry, OnClientErrorsOtherThan429) {
  ScriptedServer scripted({GetParam(), 204});
  Client client(fast_config(scripted.api()));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_EQ(revoked.api_error()->http_status, GetParam());
  EXPECT_EQ(scripted.hits.count(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Statuses, NoRetry, testing::Values(400, 401, 403, 404, 409, 422));

TEST(Retry, DoesNotRepeatANonIdempotentRequestAfterA5xx) {
  ScriptedServer scripted({503, 204});
  Client client(fast_config(scripted.api()));

  const auto sent = client.send("POST", "/things", {}, "{}");

  ASSERT_TRUE(sent.ok()) << sent.describe();
  EXPECT_EQ(sent.value().status, 503);
  EXPECT_EQ(scripted.hits.count(), 1u);
}

TEST(Retry, RepeatsANonIdempotentRequestAfterA429) {
  ScriptedServer scripted({429, 201});
  Client client(fast_config(scripted.api()));

  const auto sent = client.send("POST", "/things", {}, "{}");

  ASSERT_TRUE(sent.ok()) << sent.describe();
  EXPECT_EQ(sent.value().status, 201);
  EXPECT_EQ(scripted.hits.count(), 2u);
}

TEST(Deadline, AWaitThatWouldPassItIsNotStarted) {
  ScriptedServer scripted({429, 204}, {{"Retry-After", "2"}});
  auto config = fast_config(scripted.api());
  config.deadline = 500ms;
  Client client(config);

  const auto start = std::chrono::steady_clock::now();
  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
  EXPECT_EQ(revoked.api_error()->http_status, 429);
  EXPECT_EQ(revoked.api_error()->retry_after, std::chrono::seconds{2});
  EXPECT_EQ(scripted.hits.count(), 1u);
  EXPECT_LT(since(start), 500ms);
}

TEST(Deadline, BoundsRetriesThatWouldOtherwiseGoOn) {
  ScriptedServer scripted({503});
  auto config = fast_config(scripted.api());
  config.retry.max_attempts = 1000;
  config.retry.base_backoff = 50ms;
  config.retry.max_backoff = 50ms;
  config.deadline = 400ms;
  Client client(config);

  const auto start = std::chrono::steady_clock::now();
  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr) << revoked.describe();
  EXPECT_EQ(revoked.api_error()->http_status, 503);
  EXPECT_GE(scripted.hits.count(), 3u);
  EXPECT_LT(scripted.hits.count(), 10u);
  EXPECT_LT(since(start), 600ms);
}

TEST(Deadline, EndsARequestTheServerDoesNotAnswer) {
  Gate release;
  HitLog hits;
  TestServer server([&](httplib::Server& routes) {
    routes.Delete(kRevokePath, [&](const httplib::Request& request, httplib::Response& response) {
      hits.add(request);
      release.wait(10s);
      response.status = 204;
    });
  });
  auto config = fast_config(server.url() + "/v2");
  config.deadline = 300ms;
  Client client(config);

  const auto start = std::chrono::steady_clock::now();
  const auto revoked = client.revoke_user_sso_token("sso-user-alice");
  const auto took = since(start);
  release.open();

  ASSERT_NE(revoked.transport_error(), nullptr) << revoked.describe();
  EXPECT_TRUE(revoked.transport_error()->is_timeout());
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2000ms);
  // Timing out used the whole budget: there was none left to retry.
  EXPECT_EQ(hits.count(), 1u);
}

}  // namespace
}  // namespace zoom_client_test
