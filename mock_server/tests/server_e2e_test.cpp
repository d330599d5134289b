// End-to-end: the server started in-process on port 0, called over HTTP.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "zoom_mock/server.h"

namespace zoom_mock {
namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json;charset=UTF-8";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = Server::start(ServerOptions{.port = 0, .fixtures = testing::repo_fixtures()});
    ASSERT_TRUE(started) << started.error.message;
    server = std::move(started.server);
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
  }

  httplib::Result revoke(const std::string& user_ref, const std::string& token) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client->Delete("/v2/users/" + user_ref + "/token", headers);
  }

  json admin_user(const std::string& id) {
    auto res = client->Get("/__admin/users/" + id);
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body);
  }

  // Asserts the Zoom error shape and returns the body.
  static json expect_error(const httplib::Result& res, int status, int code,
                           const std::string& message) {
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
    EXPECT_TRUE(res->has_header("x-zm-trackingid"));
    const json body = json::parse(res->body);
    EXPECT_EQ(body, (json{{"code", code}, {"message", message}}));
    return body;
  }

  std::unique_ptr<Server> server;
  std::unique_ptr<httplib::Client> client;
};

TEST_F(ServerTest, RevokeByIdIs204AndEndsTheSession) {
  EXPECT_TRUE(admin_user("sso-user-alice")["sso_session_active"].get<bool>());
  const auto before = std::chrono::system_clock::now();
  auto res = revoke("sso-user-alice", "mock-admin-token");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_EQ(res->body, "");
  EXPECT_FALSE(res->has_header("Content-Type"));
  EXPECT_TRUE(res->has_header("x-zm-trackingid"));

  const json alice = admin_user("sso-user-alice");
  EXPECT_FALSE(alice["sso_session_active"].get<bool>());
  EXPECT_EQ(alice["sso_revocations"], 1);
  const auto revoked_at = parse_timestamp(alice["sso_revoked_at"].get<std::string>());
  ASSERT_TRUE(revoked_at);
  EXPECT_GE(*revoked_at, std::chrono::floor<std::chrono::milliseconds>(before));
  EXPECT_TRUE(admin_user("sso-user-bob-plus")["sso_session_active"].get<bool>());
}

TEST_F(ServerTest, RevokeTwiceIs204Twice) {
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204);
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204);
  EXPECT_EQ(admin_user("sso-user-alice")["sso_revocations"], 2);
}

TEST_F(ServerTest, RevokeByEmailPercentEncodedAndCaseInsensitive) {
  EXPECT_EQ(revoke("BOB%2Bsso%40Example.COM", "mock-admin-token")->status, 204);
  EXPECT_FALSE(admin_user("sso-user-bob-plus")["sso_session_active"].get<bool>());
  EXPECT_EQ(revoke("carol.chen@example.com", "mock-admin-token")->status, 204);
  EXPECT_FALSE(admin_user("sso-user-carol-mixed-case")["sso_session_active"].get<bool>());
}

TEST_F(ServerTest, PlusInPathStaysPlus) {
  EXPECT_EQ(revoke("bob+sso@example.com", "mock-admin-token")->status, 204);
  expect_error(revoke("bob%20sso@example.com", "mock-admin-token"), 404, 1001,
               "User does not exist: bob sso@example.com.");
}

TEST_F(ServerTest, UnknownUserIs404WithTheDocumentedMessage) {
  expect_error(revoke("no-such-user", "mock-admin-token"), 404, 1001,
               "User does not exist: no-such-user.");
  expect_error(revoke("Ghost%40Example.com", "mock-admin-token"), 404, 1001,
               "User does not exist: Ghost@Example.com.");
}

TEST_F(ServerTest, EncodedSlashIsPartOfTheUserId) {
  expect_error(revoke("a%2Fb", "mock-admin-token"), 404, 1001, "User does not exist: a/b.");
}

TEST_F(ServerTest, MalformedEncodingIs400) {
  expect_error(revoke("a%zz", "mock-admin-token"), 400, 300,
               "Bad request: malformed percent-encoding or control characters in the path.");
  expect_error(revoke("a%00b", "mock-admin-token"), 400, 300,
               "Bad request: malformed percent-encoding or control characters in the path.");
}

TEST_F(ServerTest, MeIsTheTokensUser) {
  EXPECT_EQ(revoke("me", "mock-user-token-alice")->status, 204);
  EXPECT_FALSE(admin_user("sso-user-alice")["sso_session_active"].get<bool>());
  expect_error(revoke("me", "mock-account-token"), 404, 1001, "User does not exist: me.");
}

TEST_F(ServerTest, AuthErrors) {
  const std::string invalid = "Invalid access token.";
  expect_error(revoke("sso-user-alice", ""), 401, 124, invalid);
  expect_error(revoke("sso-user-alice", "not-a-token"), 401, 124, invalid);
  expect_error(client->Delete("/v2/users/sso-user-alice/token",
                              {{"Authorization", "Basic bW9jay1hZG1pbi10b2tlbg=="}}),
               401, 124, invalid);
  expect_error(client->Delete("/v2/users/sso-user-alice/token", {{"Authorization", "Bearer"}}),
               401, 124, invalid);
  expect_error(revoke("sso-user-alice", "mock-expired-token"), 401, 124,
               "Access token is expired.");
  EXPECT_TRUE(admin_user("sso-user-alice")["sso_session_active"].get<bool>());
}

TEST_F(ServerTest, AuthIsCheckedBeforeTheUserLookup) {
  expect_error(revoke("no-such-user", "bad-token"), 401, 124, "Invalid access token.");
  expect_error(revoke("no-such-user", "mock-expired-token"), 401, 124,
               "Access token is expired.");
}

TEST_F(ServerTest, MissingScopesIs4711) {
  expect_error(revoke("sso-user-alice", "mock-no-scope-token"), 400, 4711,
               "Invalid access token, does not contain scopes:[user:write:admin, user:write].");
}

TEST_F(ServerTest, UserLevelTokenOnAnotherUserIsNoPermission) {
  expect_error(revoke("sso-user-bob-plus", "mock-user-token-alice"), 400, 200, "No permission.");
  EXPECT_TRUE(admin_user("sso-user-bob-plus")["sso_session_active"].get<bool>());
  EXPECT_EQ(revoke("sso-user-alice", "mock-user-token-alice")->status, 204);
}

TEST_F(ServerTest, OtherMethodsOnThePathAre405Json) {
  const std::string path = "/v2/users/sso-user-alice/token";
  std::vector<httplib::Result> results;
  results.push_back(client->Get(path));
  results.push_back(client->Post(path, "{}", "application/json"));
  results.push_back(client->Put(path, "", "text/plain"));
  results.push_back(client->Patch(path, "{}", "application/json"));
  for (const auto& res : results) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405);
    EXPECT_EQ(res->get_header_value("Allow"), "DELETE");
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
    EXPECT_EQ(json::parse(res->body)["code"], 405);
  }
}

TEST_F(ServerTest, UnknownPathsAreZoomShaped404) {
  expect_error(client->Get("/v2/users"), 404, 404, "No API operation matches GET /v2/users.");
  expect_error(client->Delete("/v2/users/x/token/extra"), 404, 404,
               "No API operation matches DELETE /v2/users/x/token/extra.");
  expect_error(client->Get("/index.html"), 404, 404,
               "No API operation matches GET /index.html.");
  expect_error(client->Post("/v3/anything", "x", "text/plain"), 404, 404,
               "No API operation matches POST /v3/anything.");
}

TEST_F(ServerTest, TrackingIdsAreUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto res = revoke(i % 2 ? "sso-user-alice" : "nobody", i % 3 ? "mock-admin-token" : "x");
    ASSERT_TRUE(res);
    ids.insert(res->get_header_value("x-zm-trackingid"));
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST_F(ServerTest, AdminHealthListsTheOperations) {
  auto res = client->Get("/__admin/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  const json body = json::parse(res->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["operations"][0]["path"], "/v2/users/{userId}/token");
  EXPECT_EQ(body["operations"][0]["method"], "DELETE");
}

TEST_F(ServerTest, AdminUnknownUserIs404Json) {
  auto res = client->Get("/__admin/users/ghost");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json::parse(res->body)["code"], 1001);
}

TEST_F(ServerTest, AdminResetRestoresTheFixtures) {
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204);
  auto res = client->Post("/__admin/reset", "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const json alice = admin_user("sso-user-alice");
  EXPECT_TRUE(alice["sso_session_active"].get<bool>());
  EXPECT_TRUE(alice["sso_revoked_at"].is_null());
  EXPECT_EQ(alice["sso_revocations"], 0);
}

TEST_F(ServerTest, AdminResetWithoutContentLengthIsAnsweredAtOnce) {
  const auto started = std::chrono::steady_clock::now();
  const std::string reply = testing::raw_exchange(
      server->port(), "POST /__admin/reset HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(reply.substr(0, 15), "HTTP/1.1 200 OK") << reply;
}

TEST_F(ServerTest, GarbageRequestGetsZoomShaped400) {
  const std::string reply = testing::raw_exchange(server->port(), "NONSENSE\r\n\r\n", 300);
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 400") << reply;
  EXPECT_NE(reply.find(kJson), std::string::npos) << reply;
  EXPECT_NE(reply.find("\"code\":300"), std::string::npos) << reply;
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204);
}

TEST_F(ServerTest, ASecondServerOnTheSamePortFails) {
  auto second = Server::start(
      ServerOptions{.port = server->port(), .fixtures = testing::repo_fixtures()});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error.kind, StartError::Kind::kBind);
  EXPECT_NE(second.error.message.find("Address already in use"), std::string::npos)
      << second.error.message;
}

TEST_F(ServerTest, BaseUrlNamesHostAndPort) {
  EXPECT_EQ(server->base_url(), "http://127.0.0.1:" + std::to_string(server->port()));
}

TEST(ServerStartTest, BadFixturesAreAStartError) {
  auto started = Server::start(ServerOptions{.port = 0, .fixtures = "/nonexistent"});
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error.kind, StartError::Kind::kFixtures);
  EXPECT_NE(started.error.message.find("/nonexistent"), std::string::npos);
}

TEST(ServerStartTest, StopRightAfterStartReturns) {
  for (int i = 0; i < 20; ++i) {
    auto started = Server::start(ServerOptions{.port = 0, .fixtures = testing::repo_fixtures()});
    ASSERT_TRUE(started);
    started.server->stop();
    started.server->wait();
  }
}

}  // namespace
}  // namespace zoom_mock
