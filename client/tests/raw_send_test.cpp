// The raw layer and the typed call on the wire: what the client sends and
// what it hands back, observed by an in-test server.
#include <gtest/gtest.h>

#include <set>

#include "client_test_config.h"
#include "hit_log.h"
#include "test_server.h"
#include "zoom_client/client.h"
#include "zoom_client/version.h"

namespace zoom_client_test {
namespace {

using zoom_client::Client;
using zoom_client::Request;

// Records every request and answers 200 with a tracking id, unless the
// test sets `answer`.
struct RecordingServer {
  RecordingServer()
      : server([this](httplib::Server& routes) {
          auto handler = [this](const httplib::Request& request, httplib::Response& response) {
            hits.add(request);
            std::lock_guard lock(answer_mutex);
            answer(response);
          };
          routes.Get(".*", handler);
          routes.Post(".*", handler);
          routes.Put(".*", handler);
          routes.Delete(".*", handler);
        }) {}

  std::string api() const { return server.url() + "/v2"; }
  Hit only_hit() const {
    const auto all = hits.hits();
    EXPECT_EQ(all.size(), 1u);
    return all.empty() ? Hit{} : all.front();
  }
  void answer_with(std::function<void(httplib::Response&)> new_answer) {
    std::lock_guard lock(answer_mutex);
    answer = std::move(new_answer);
  }

  HitLog hits;
  std::mutex answer_mutex;
  std::function<void(httplib::Response&)> answer = [](httplib::Response& response) {
    response.status = 200;
    response.set_header("x-zm-trackingid", "track-1");
  };
  TestServer server;
};

std::size_t header_count(const Hit& hit, const std::string& name) {
  return hit.headers.count(name);
}

std::string header(const Hit& hit, const std::string& name) {
  const auto found = hit.headers.find(name);
  return found == hit.headers.end() ? "<absent>" : found->second;
}

TEST(RawSend, SendsMethodPathHeadersAndBodyAsGiven) {
  RecordingServer recording;
  Client client(fast_config(recording.api()));

  const auto sent = client.send("PUT", "/things/a%2Fb?x=1",
                                {{"X-Custom", "v"}, {"Content-Type", "application/json"}},
                                R"({"a":1})");

  ASSERT_TRUE(sent.ok()) << sent.describe();
  const Hit hit = recording.only_hit();
  EXPECT_EQ(hit.method, "PUT");
  EXPECT_EQ(hit.target, "/v2/things/a%2Fb?x=1");
  EXPECT_EQ(header(hit, "X-Custom"), "v");
  EXPECT_EQ(header(hit, "Content-Type"), "application/json");
  EXPECT_EQ(hit.body, R"({"a":1})");
}

TEST(RawSend, ReturnsStatusHeadersAndBodyOfAnyAnswer) {
  RecordingServer recording;
  recording.answer_with([](httplib::Response& response) {
    response.status = 418;
    response.set_header("X-Zm-Trackingid", "track-418");
    response.set_content("short and stout", "text/plain");
  });
  Client client(fast_config(recording.api()));

  const auto sent = client.send("GET", "/teapot");

  ASSERT_TRUE(sent.ok()) << sent.describe();
  EXPECT_EQ(sent.value().status, 418);
  ASSERT_NE(sent.value().headers.find("x-zm-trackingid"), nullptr);
  EXPECT_EQ(*sent.value().headers.find("x-zm-trackingid"), "track-418");
  EXPECT_EQ(*sent.value().headers.find("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(sent.value().body, "short and stout");
}

TEST(RawSend, AddsTheConfiguredBearerToken) {
  RecordingServer recording;
  Client client(fast_config(recording.api(), "secret-token"));

  ASSERT_TRUE(client.send("GET", "/users/me").ok());

  EXPECT_EQ(header(recording.only_hit(), "Authorization"), "Bearer secret-token");
}

TEST(RawSend, TheCallersAuthorizationReplacesTheConfiguredOne) {
  RecordingServer recording;
  Client client(fast_config(recording.api(), "secret-token"));

  ASSERT_TRUE(client.send("GET", "/users/me", {{"authorization", "Bearer hand-made"}}).ok());

  const Hit hit = recording.only_hit();
  EXPECT_EQ(header_count(hit, "Authorization"), 1u);
  EXPECT_EQ(header(hit, "Authorization"), "Bearer hand-made");
}

TEST(RawSend, SendsNoAuthorizationWhenTheRequestDeclinesCredentials) {
  RecordingServer recording;
  Client client(fast_config(recording.api(), "secret-token"));
  Request request;
  request.method = "GET";
  request.path = "/users/me";
  request.use_credentials = false;

  ASSERT_TRUE(client.send(request).ok());

  EXPECT_EQ(header_count(recording.only_hit(), "Authorization"), 0u);
}

TEST(RawSend, SendsNoAuthorizationWithoutCredentials) {
  RecordingServer recording;
  auto config = fast_config(recording.api());
  config.credentials = zoom_client::NoCredentials{};
  Client client(config);

  ASSERT_TRUE(client.send("GET", "/users/me").ok());

  EXPECT_EQ(header_count(recording.only_hit(), "Authorization"), 0u);
}

TEST(RawSend, AnEmptyPostCarriesContentLengthZero) {
  RecordingServer recording;
  Client client(fast_config(recording.api()));

  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.send("POST", "/__admin/reset").ok());

  EXPECT_EQ(header(recording.only_hit(), "Content-Length"), "0");
  // cpp-httplib waits 5 s for a body a POST without Content-Length might have.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(RawSend, AddsNoContentTypeTheCallerDidNotGive) {
  RecordingServer recording;
  Client client(fast_config(recording.api()));

  ASSERT_TRUE(client.send("POST", "/things", {}, "a=1").ok());

  const Hit hit = recording.only_hit();
  EXPECT_EQ(header_count(hit, "Content-Type"), 0u);
  EXPECT_EQ(hit.body, "a=1");
}

TEST(RawSend, JoinsABaseUrlWithATrailingSlash) {
  RecordingServer recording;
  Client client(fast_config(recording.api() + "/"));

  ASSERT_TRUE(client.send("GET", "/users/me").ok());
  ASSERT_TRUE(client.send("GET", "users/you").ok());

  const auto hits = recording.hits.hits();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].target, "/v2/users/me");
  EXPECT_EQ(hits[1].target, "/v2/users/you");
}

TEST(RawSend, IdentifiesItselfWithTheUserAgent) {
  RecordingServer recording;
  {
    Client client(fast_config(recording.api()));
    ASSERT_TRUE(client.send("GET", "/a").ok());
  }
  {
    auto config = fast_config(recording.api());
    config.user_agent = "my-tool/2.0";
    Client client(config);
    ASSERT_TRUE(client.send("GET", "/b").ok());
  }
  const auto hits = recording.hits.hits();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(header(hits[0], "User-Agent"), "zoom-client/" + std::string(zoom_client::version()));
  EXPECT_EQ(header(hits[1], "User-Agent"), "my-tool/2.0");
}

TEST(RawSend, KeepsTheConnectionForTheNextCall) {
  RecordingServer recording;
  Client client(fast_config(recording.api()));

  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.send("GET", "/users/me").ok());

  std::set<int> ports;
  for (const Hit& hit : recording.hits.hits()) ports.insert(hit.remote_port);
  EXPECT_EQ(ports.size(), 1u);
}

TEST(RawSend, ReportsEachAttemptWithTheAuthorizationRedacted) {
  RecordingServer recording;
  AttemptRecorder recorder;
  auto config = fast_config(recording.api(), "secret-token");
  config.on_attempt = recorder.callback();
  Client client(config);

  ASSERT_TRUE(client.send("GET", "/users/me").ok());

  const auto logs = recorder.logs();
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].method, "GET");
  EXPECT_EQ(logs[0].url, recording.api() + "/users/me");
  EXPECT_EQ(logs[0].status, 200);
  EXPECT_EQ(logs[0].tracking_id, "track-1");
  ASSERT_NE(logs[0].request_headers.find("Authorization"), nullptr);
  EXPECT_EQ(*logs[0].request_headers.find("Authorization"), "Bearer ***");
  for (const auto& [name, value] : logs[0].request_headers) {
    EXPECT_EQ(value.find("secret-token"), std::string::npos) << name;
  }
}

TEST(RevokeUserSsoToken, SendsDeleteToTheEncodedUserPath) {
  RecordingServer recording;
  recording.answer_with([](httplib::Response& response) { response.status = 204; });
  Client client(fast_config(recording.api()));

  ASSERT_TRUE(client.revoke_user_sso_token("bob+sso@example.com").ok());
  ASSERT_TRUE(client.revoke_user_sso_token("a/b c%d\xC3\xA9").ok());

  const auto hits = recording.hits.hits();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].method, "DELETE");
  EXPECT_EQ(hits[0].target, "/v2/users/bob%2Bsso%40example.com/token");
  EXPECT_EQ(header(hits[0], "Accept"), "application/json");
  EXPECT_EQ(hits[0].body, "");
  EXPECT_EQ(hits[1].target, "/v2/users/a%2Fb%20c%25d%C3%A9/token");
}

TEST(RevokeUserSsoToken, AnyTwoHundredIsSuccessWithItsTrackingId) {
  RecordingServer recording;
  Client client(fast_config(recording.api()));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoked.value().http_status, 200);
  EXPECT_EQ(revoked.value().tracking_id, "track-1");
}

TEST(RevokeUserSsoToken, ABodyThatIsNotZoomJsonIsStillAnApiError) {
  RecordingServer recording;
  recording.answer_with([](httplib::Response& response) {
    response.status = 404;
    response.set_content("<html>not here</html>", "text/html");
  });
  Client client(fast_config(recording.api()));

  const auto revoked = client.revoke_user_sso_token("sso-user-alice");

  ASSERT_NE(revoked.api_error(), nullptr);
  EXPECT_EQ(revoked.api_error()->http_status, 404);
  EXPECT_EQ(revoked.api_error()->code, std::nullopt);
  EXPECT_FALSE(revoked.is_user_not_found());
  EXPECT_EQ(revoked.api_error()->body, "<html>not here</html>");
}

}  // namespace
}  // namespace zoom_client_test
