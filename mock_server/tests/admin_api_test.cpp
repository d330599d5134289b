// The /__admin HTTP API: state, journal, verification, faults, auth and its
// own port. Every endpoint is called with good and bad input.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "zoom_mock/scoped_server.h"

namespace zoom_mock {
namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json;charset=UTF-8";

class AdminApiTest : public ::testing::Test {
 protected:
  explicit AdminApiTest(ServerOptions options = {.fixtures = ZOOM_FIXTURES_DIR})
      : zoom(std::move(options)), client("127.0.0.1", zoom.server().admin_port()),
        api("127.0.0.1", zoom.port()) {}

  httplib::Result revoke(const std::string& user, const std::string& token = "mock-admin-token") {
    return api.Delete("/v2/users/" + user + "/token", {{"Authorization", "Bearer " + token}});
  }

  // Calls the admin API and returns {status, parsed body}.
  std::pair<int, json> call(const std::string& method, const std::string& path,
                            const std::string& body = "") {
    httplib::Result res = method == "GET"    ? client.Get(path)
                          : method == "POST" ? client.Post(path, body, "application/json")
                          : method == "PUT"  ? client.Put(path, body, "application/json")
                                             : client.Delete(path);
    EXPECT_TRUE(res) << method << " " << path;
    if (!res) return {0, nullptr};
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson) << method << " " << path;
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  ScopedServer zoom;
  httplib::Client client;
  httplib::Client api;
};

// --- users ---

TEST_F(AdminApiTest, ListUsers) {
  auto [status, body] = call("GET", "/__admin/users");
  EXPECT_EQ(status, 200);
  ASSERT_EQ(body["users"].size(), 4u);
  EXPECT_EQ(body["users"][1]["id"], "sso-user-alice");
}

TEST_F(AdminApiTest, CreateUserThenRevokeIt) {
  auto [status, body] = call("POST", "/__admin/users",
                             R"({"id": "new-user", "email": "New@Example.com", "type": 2})");
  ASSERT_EQ(status, 201) << body;
  EXPECT_EQ(body["email"], "New@Example.com");
  EXPECT_EQ(body["sso_session_active"], true);
  EXPECT_EQ(revoke("new%40example.com")->status, 204);
  EXPECT_EQ(call("GET", "/__admin/users/new-user").second["sso_session_active"], false);
}

TEST_F(AdminApiTest, CreateUserBadInputNamesTheField) {
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {R"({"email": "x@example.com"})", 400, "/id"},
      {R"({"id": "x"})", 400, "/email"},
      {R"({"id": "x", "email": "nope"})", 400, "/email"},
      {R"({"id": "x", "email": "x@example.com", "type": "2"})", 400, "/type"},
      {R"({"id": "x", "email": "x@example.com", "colour": "red"})", 400, "/colour"},
      {R"({"id": "sso-user-alice", "email": "x@example.com"})", 409, "id"},
      {R"({"id": "x", "email": "ALICE@example.com"})", 409, "email"},
  };
  for (const Case& c : cases) {
    auto [status, body] = call("POST", "/__admin/users", c.body);
    EXPECT_EQ(status, c.status) << c.body;
    EXPECT_EQ(body["code"], 300) << c.body;
    EXPECT_EQ(body["errors"][0]["field"], c.field) << body;
    EXPECT_NE(body["message"].get<std::string>().find(c.field), std::string::npos) << body;
  }
  EXPECT_EQ(call("GET", "/__admin/users").second["users"].size(), 4u) << "nothing was added";
}

TEST_F(AdminApiTest, MalformedOrMissingBodiesAre400) {
  for (const std::string body : {"", "{", "[1,2]", "\"text\""}) {
    auto [status, reply] = call("POST", "/__admin/users", body);
    EXPECT_EQ(status, 400) << body;
    EXPECT_EQ(reply, (json{{"code", 300}, {"message", "Request Body should be a valid JSON object."}}));
  }
}

TEST_F(AdminApiTest, ReplaceUser) {
  auto [status, body] = call("PUT", "/__admin/users/sso-user-alice",
                             R"({"email": "alice@new.example", "first_name": "Al",
                                 "sso_session_active": false})");
  ASSERT_EQ(status, 200) << body;
  EXPECT_EQ(body["id"], "sso-user-alice");
  EXPECT_EQ(body["first_name"], "Al");
  EXPECT_EQ(body["sso_session_active"], false);
  EXPECT_EQ(revoke("alice%40new.example")->status, 204);
  EXPECT_EQ(revoke("alice%40example.com")->status, 404);
}

TEST_F(AdminApiTest, ReplaceUserBadInput) {
  EXPECT_EQ(call("PUT", "/__admin/users/ghost", R"({"email": "g@example.com"})").first, 404);
  EXPECT_EQ(call("PUT", "/__admin/users/sso-user-alice", R"({"email": 5})").first, 400);
  auto [status, body] =
      call("PUT", "/__admin/users/sso-user-alice", R"({"email": "bob+sso@example.com"})");
  EXPECT_EQ(status, 409);
  EXPECT_EQ(body["errors"][0]["field"], "email");
  // Tokens are bound to alice, so her id cannot change.
  EXPECT_EQ(call("PUT", "/__admin/users/sso-user-alice",
                 R"({"id": "renamed", "email": "alice@example.com"})")
                .first,
            409);
}

TEST_F(AdminApiTest, DeleteUserRemovesItsTokens) {
  EXPECT_EQ(call("DELETE", "/__admin/users/sso-user-alice").first, 200);
  EXPECT_EQ(call("GET", "/__admin/users/sso-user-alice").first, 404);
  EXPECT_EQ(revoke("me", "mock-user-token-alice")->status, 401);
  EXPECT_EQ(call("DELETE", "/__admin/users/sso-user-alice").first, 404);
}

// --- tokens ---

TEST_F(AdminApiTest, CreateTokenAndUseIt) {
  auto [status, body] = call("POST", "/__admin/tokens",
                             R"({"access_token": "fresh-token", "scopes": ["user:write:admin"],
                                 "expires_at": "2099-01-01T00:00:00Z"})");
  ASSERT_EQ(status, 201) << body;
  EXPECT_EQ(body["expires_at"], "2099-01-01T00:00:00Z");
  EXPECT_EQ(revoke("sso-user-alice", "fresh-token")->status, 204);
  auto tokens = call("GET", "/__admin/tokens").second["tokens"];
  EXPECT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens.back()["access_token"], "fresh-token");
}

TEST_F(AdminApiTest, CreateTokenBadInput) {
  EXPECT_EQ(call("POST", "/__admin/tokens", R"({"scopes": []})").second["errors"][0]["field"],
            "/access_token");
  EXPECT_EQ(call("POST", "/__admin/tokens", R"({"access_token": "t", "scopes": "x"})")
                .second["errors"][0]["field"],
            "/scopes");
  EXPECT_EQ(call("POST", "/__admin/tokens",
                 R"({"access_token": "t", "scopes": [], "expires_at": "soon"})")
                .first,
            400);
  auto [status, body] =
      call("POST", "/__admin/tokens", R"({"access_token": "t", "scopes": [], "user_id": "ghost"})");
  EXPECT_EQ(status, 400);
  EXPECT_EQ(body["errors"][0]["field"], "user_id");
  EXPECT_EQ(call("POST", "/__admin/tokens",
                 R"({"access_token": "mock-admin-token", "scopes": []})")
                .first,
            409);
}

TEST_F(AdminApiTest, DeleteToken) {
  EXPECT_EQ(call("DELETE", "/__admin/tokens/mock-admin-token").first, 200);
  EXPECT_EQ(revoke("sso-user-alice")->status, 401);
  EXPECT_EQ(call("DELETE", "/__admin/tokens/mock-admin-token").first, 404);
}

// --- reset and state ---

TEST_F(AdminApiTest, ResetRestoresStateAndClearsJournalAndFaults) {
  call("POST", "/__admin/users", R"({"id": "temp", "email": "temp@example.com"})");
  call("DELETE", "/__admin/tokens/mock-user-token-alice");
  call("POST", "/__admin/faults", R"({"request": {}, "response": {"status": 500}})");
  EXPECT_EQ(revoke("sso-user-alice")->status, 500);
  EXPECT_EQ(call("POST", "/__admin/reset").first, 200);
  EXPECT_EQ(call("GET", "/__admin/users/temp").first, 404);
  EXPECT_EQ(call("GET", "/__admin/requests").second["requests"].size(), 0u);
  EXPECT_EQ(call("GET", "/__admin/faults").second["faults"].size(), 0u);
  EXPECT_EQ(revoke("me", "mock-user-token-alice")->status, 204);
}

TEST_F(AdminApiTest, StateRoundTripsThroughFixtures) {
  call("POST", "/__admin/users", R"({"id": "extra", "email": "extra@example.com"})");
  ASSERT_EQ(revoke("sso-user-alice")->status, 204);
  const json state = call("GET", "/__admin/state").second;
  EXPECT_EQ(state["users"].size(), 5u);

  testing::ScratchFixtures scratch;
  scratch.write("world.json", state.dump(2));
  ScopedServer reloaded(scratch.dir());
  httplib::Client again("127.0.0.1", reloaded.port());
  const json reloaded_state = json::parse(again.Get("/__admin/state")->body);
  EXPECT_EQ(reloaded_state, state);
  EXPECT_EQ(reloaded_state["users"][1]["sso_session_active"], false);
}

// --- journal ---

TEST_F(AdminApiTest, JournalRecordsRequestsNewestFirstWithRedactedAuth) {
  ASSERT_EQ(revoke("sso-user-alice")->status, 204);
  ASSERT_EQ(revoke("nobody")->status, 404);
  ASSERT_EQ(api.Get("/v2/nothing?x=1")->status, 404);
  call("GET", "/__admin/health");  // admin calls are not journaled

  auto [status, body] = call("GET", "/__admin/requests");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["requests"].size(), 3u);
  EXPECT_EQ(body["meta"]["total"], 3);
  const json& newest = body["requests"][0];
  EXPECT_EQ(newest["path"], "/v2/nothing");
  EXPECT_EQ(newest["query"], "x=1");
  EXPECT_EQ(newest["matched"], false);
  const json& first = body["requests"][2];
  EXPECT_EQ(first["method"], "DELETE");
  EXPECT_EQ(first["path"], "/v2/users/sso-user-alice/token");
  EXPECT_EQ(first["operation"], "Revoke a user's SSO token");
  EXPECT_EQ(first["user_id"], "sso-user-alice");
  EXPECT_EQ(first["status"], 204);
  EXPECT_EQ(first["headers"]["Authorization"], "Bearer ***oken");
  EXPECT_GE(first["latency_us"].get<int>(), 0);
  EXPECT_TRUE(parse_timestamp(first["time"].get<std::string>()));
  EXPECT_EQ(body.dump().find("mock-admin-token"), std::string::npos) << "token leaked";
}

TEST_F(AdminApiTest, JournalKeepsTheFirst64KiBOfEachBody) {
  ASSERT_TRUE(api.Post("/v2/users", std::string(100 * 1024, 'x'), "application/json"));
  ASSERT_TRUE(api.Post("/v2/users", R"({"a":1})", "application/json"));

  auto [status, body] = call("GET", "/__admin/requests");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["requests"].size(), 2u);
  const json& small = body["requests"][0];
  EXPECT_EQ(small["body"], R"({"a":1})");
  EXPECT_EQ(small["body_bytes"], 7);
  EXPECT_EQ(small["body_truncated"], false);
  const json& large = body["requests"][1];
  EXPECT_EQ(large["body"], std::string(64 * 1024, 'x'));
  EXPECT_EQ(large["body_bytes"], 102400);
  EXPECT_EQ(large["body_truncated"], true);
  EXPECT_GT(body["meta"]["bytes"].get<std::size_t>(), 64u * 1024u);
  EXPECT_EQ(body["meta"]["byte_limit"], 64 * 1024 * 1024);
}

TEST_F(AdminApiTest, JournalFilters) {
  revoke("sso-user-alice");
  revoke("nobody");
  revoke("sso-user-bob-plus", "bad-token");
  api.Get("/v2/users/x/token");
  auto count = [&](const std::string& query) {
    auto [status, body] = call("GET", "/__admin/requests" + query);
    EXPECT_EQ(status, 200) << query << body;
    return body["requests"].size();
  };
  EXPECT_EQ(count("?method=DELETE"), 3u);
  EXPECT_EQ(count("?status=404"), 1u);
  EXPECT_EQ(count("?path=/v2/users/nobody/token"), 1u);
  EXPECT_EQ(count("?pathPattern=/v2/users/sso-.*/token"), 2u);
  EXPECT_EQ(count("?limit=2"), 2u);
  EXPECT_EQ(count("?since=2000-01-01T00:00:00Z"), 4u);
  EXPECT_EQ(count("?since=2999-01-01T00:00:00Z"), 0u);
  for (const std::string bad : {"?status=abc", "?since=yesterday", "?limit=-1",
                                 "?pathPattern=(", "?colour=red"}) {
    EXPECT_EQ(call("GET", "/__admin/requests" + bad).first, 400) << bad;
  }
}

TEST_F(AdminApiTest, CountRequestsByPattern) {
  revoke("sso-user-alice");
  revoke("alice%40example.com");
  revoke("sso-user-bob-plus");
  auto count = [&](const json& pattern) {
    auto [status, body] = call("POST", "/__admin/requests/count", pattern.dump());
    EXPECT_EQ(status, 200) << pattern << body;
    return body["count"];
  };
  EXPECT_EQ(count({{"method", "DELETE"}}), 3);
  EXPECT_EQ(count({{"urlPath", "/v2/users/alice@example.com/token"}}), 1);
  EXPECT_EQ(count({{"urlPathPattern", "/v2/users/[^/]+/token"}}), 3);
  EXPECT_EQ(count({{"userId", "ALICE@example.com"}}), 2) << "by id and by e-mail";
  EXPECT_EQ(count({{"userId", "sso-user-bob-plus"}}), 1);
  EXPECT_EQ(count({{"headers", {{"Authorization", {{"contains", "***oken"}}}}}}), 3);
  EXPECT_EQ(count({{"headers", {{"X-Missing", {{"absent", true}}}}}}), 3);
  EXPECT_EQ(count({{"method", "GET"}}), 0);
  for (const std::string bad :
       {R"({"method": 5})", R"({"urlPathPattern": "("})", R"({"headers": {"A": {"like": "x"}}})",
        R"({"bogus": 1})", "nope"}) {
    EXPECT_EQ(call("POST", "/__admin/requests/count", bad).first, 400) << bad;
  }
}

TEST_F(AdminApiTest, ClearJournal) {
  revoke("sso-user-alice");
  EXPECT_EQ(call("DELETE", "/__admin/requests").first, 200);
  EXPECT_EQ(call("GET", "/__admin/requests").second["requests"].size(), 0u);
}

TEST_F(AdminApiTest, UnmatchedRequestsNameTheClosestOperation) {
  api.Get("/v2/users/sso-user-alice/token");
  api.Delete("/v2/users/sso-user-alice/tokens");
  revoke("sso-user-alice");
  auto [status, body] = call("GET", "/__admin/requests/unmatched");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["requests"].size(), 2u);
  const json& wrong_path = body["requests"][0];
  EXPECT_EQ(wrong_path["closest_operation"], "Revoke a user's SSO token");
  EXPECT_EQ(wrong_path["unmatched_reason"],
            "path /v2/users/sso-user-alice/tokens does not have the shape "
            "/v2/users/{userId}/token");
  const json& wrong_method = body["requests"][1];
  EXPECT_EQ(wrong_method["status"], 405);
  EXPECT_EQ(wrong_method["unmatched_reason"], "method GET is not DELETE");
}

TEST(AdminJournalLimitTest, OldestAreDroppedAndCounted) {
  ScopedServer zoom(ServerOptions{.fixtures = ZOOM_FIXTURES_DIR, .journal_limit = 3});
  httplib::Client api("127.0.0.1", zoom.port());
  for (int i = 0; i < 5; ++i) {
    api.Delete("/v2/users/user-" + std::to_string(i) + "/token",
               {{"Authorization", "Bearer mock-admin-token"}});
  }
  const json body = json::parse(api.Get("/__admin/requests")->body);
  ASSERT_EQ(body["requests"].size(), 3u);
  EXPECT_EQ(body["requests"][0]["path"], "/v2/users/user-4/token");
  EXPECT_EQ(body["requests"][2]["path"], "/v2/users/user-2/token");
  EXPECT_EQ(body["meta"]["dropped"], 2);
  EXPECT_EQ(body["meta"]["recorded"], 5);
  EXPECT_EQ(body["meta"]["limit"], 3);
}

// --- faults ---

TEST_F(AdminApiTest, FaultStatusWithZoomShapedBodyForNextNRequests) {
  auto [status, fault] = call("POST", "/__admin/faults",
                              R"({"request": {"method": "DELETE", "urlPathPattern": "/v2/users/.*"},
                                  "response": {"status": 503}, "times": 2})");
  ASSERT_EQ(status, 201) << fault;
  EXPECT_EQ(fault["id"], "fault-1");
  for (int i = 0; i < 2; ++i) {
    auto res = revoke("sso-user-alice");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 503);
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
    EXPECT_TRUE(res->has_header("x-zm-trackingid"));
    EXPECT_EQ(json::parse(res->body), (json{{"code", 503}, {"message", "Service Unavailable."}}));
  }
  EXPECT_EQ(call("GET", "/__admin/users/sso-user-alice").second["sso_session_active"], true)
      << "a faulted request does not reach the model";
  EXPECT_EQ(revoke("sso-user-alice")->status, 204);
  EXPECT_EQ(call("GET", "/__admin/faults").second["faults"].size(), 0u);
  const json journal = call("GET", "/__admin/requests").second;
  EXPECT_EQ(journal["requests"][1]["fault_id"], "fault-1");
  EXPECT_EQ(journal["requests"][1]["status"], 503);
  EXPECT_EQ(journal["requests"][1]["operation"], "Revoke a user's SSO token");
  EXPECT_EQ(journal["requests"][1]["user_id"], "sso-user-alice");
}

TEST_F(AdminApiTest, FaultWithBodyAndHeaders) {
  call("POST", "/__admin/faults",
       R"({"request": {"userId": "alice@example.com"},
           "response": {"status": 429, "headers": {"Retry-After": "1"},
                        "jsonBody": {"code": 429, "message": "slow down"}}})");
  auto res = revoke("sso-user-alice");
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "1");
  EXPECT_EQ(json::parse(res->body), (json{{"code", 429}, {"message", "slow down"}}));
  EXPECT_EQ(revoke("sso-user-bob-plus")->status, 204) << "other users are not faulted";
  EXPECT_EQ(revoke("alice%40example.com")->status, 429) << "until removed";
}

TEST_F(AdminApiTest, CannedBodiesFollowTheCatalog) {
  call("POST", "/__admin/faults", R"({"request": {}, "response": {"status": 429}, "times": 1})");
  EXPECT_EQ(json::parse(revoke("sso-user-alice")->body)["message"],
            "You have reached the maximum per-second rate limit for this API. Try again later.");
  call("POST", "/__admin/faults", R"({"request": {}, "response": {"status": 404}, "times": 1})");
  EXPECT_EQ(json::parse(revoke("sso-user-alice")->body)["message"],
            "User does not exist: sso-user-alice.");
}

TEST_F(AdminApiTest, FixedDelay) {
  call("POST", "/__admin/faults",
       R"({"request": {"method": "DELETE"}, "response": {"fixedDelayMilliseconds": 300}, "times": 1})");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(revoke("sso-user-alice")->status, 204) << "a delay alone lets the request through";
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
}

TEST_F(AdminApiTest, RandomDelayWithinBounds) {
  call("POST", "/__admin/faults",
       R"({"request": {}, "response": {"status": 500,
           "delayDistribution": {"type": "uniform", "lower": 100, "upper": 150}}, "times": 1})");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(revoke("sso-user-alice")->status, 500);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(100));
}

TEST_F(AdminApiTest, ConnectionFaultsGiveNoHttpResponse) {
  for (const std::string fault : {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"}) {
    call("POST", "/__admin/faults",
         R"({"request": {}, "response": {"fault": ")" + fault + R"("}, "times": 1})");
    const std::string reply = testing::raw_exchange(
        zoom.port(),
        "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\n"
        "Authorization: Bearer mock-admin-token\r\n\r\n");
    EXPECT_EQ(reply, "") << fault;
  }
  EXPECT_EQ(revoke("sso-user-alice")->status, 204) << "the server is fine afterwards";
  const json journal = call("GET", "/__admin/requests").second;
  EXPECT_EQ(journal["requests"][1]["status"], 0);
}

TEST_F(AdminApiTest, RandomDataIsNotHttp) {
  call("POST", "/__admin/faults",
       R"({"request": {}, "response": {"fault": "RANDOM_DATA_THEN_CLOSE"}, "times": 1})");
  const std::string reply = testing::raw_exchange(
      zoom.port(), "DELETE /v2/users/x/token HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_FALSE(reply.empty());
  EXPECT_FALSE(reply.starts_with("HTTP/")) << reply;
}

TEST_F(AdminApiTest, TruncatedAndMalformedBodies) {
  call("POST", "/__admin/faults",
       R"({"request": {}, "response": {"status": 200, "fault": "TRUNCATED_BODY",
           "jsonBody": {"code": 1, "message": "0123456789"}}, "times": 1})");
  std::string reply = testing::raw_exchange(
      zoom.port(), "DELETE /v2/users/x/token HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  const auto header_end = reply.find("\r\n\r\n");
  const std::string body = reply.substr(header_end + 4);
  EXPECT_NE(reply.find("Content-Length: 33"), std::string::npos) << reply;
  EXPECT_EQ(body, R"({"code":1,"messa)");

  call("POST", "/__admin/faults",
       R"({"request": {}, "response": {"status": 200, "fault": "MALFORMED_RESPONSE_CHUNK"}, "times": 1})");
  reply = testing::raw_exchange(zoom.port(), "DELETE /v2/users/x/token HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  EXPECT_NE(reply.find("Transfer-Encoding: chunked"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("\r\n0\r\n\r\n"), std::string::npos) << "the last chunk never comes";

  // The httplib client sees both as failures, like any HTTP client would.
  call("POST", "/__admin/faults",
       R"({"request": {}, "response": {"status": 200, "fault": "TRUNCATED_BODY"}, "times": 1})");
  EXPECT_FALSE(revoke("sso-user-alice"));
}

TEST_F(AdminApiTest, FaultBadInputNamesTheField) {
  struct Case {
    std::string body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {R"({"request": {}})", "/response"},
      {R"({"request": {}, "response": {}})", "/response"},
      {R"({"request": {}, "response": {"status": 99}})", "/response/status"},
      {R"({"request": {}, "response": {"fault": "EXPLODE"}})", "/response/fault"},
      {R"({"request": {}, "response": {"status": 500}, "times": 0})", "/times"},
      {R"({"request": {"urlPathPattern": "["}, "response": {"status": 500}})",
       "/request/urlPathPattern"},
      {R"({"request": {"verb": "GET"}, "response": {"status": 500}})", "/request/verb"},
      {R"({"request": {}, "response": {"fixedDelayMilliseconds": -1}})",
       "/response/fixedDelayMilliseconds"},
      {R"({"request": {}, "response": {"jsonBody": {}}})", "/response/status"},
      {R"({"request": {}, "response": {"status": 500, "headers": {"X": 1}}})",
       "/response/headers/X"},
      {R"({"request": {}, "response": {"status": 500, "delayDistribution": {"type": "normal"}}})",
       "/response/delayDistribution"},
      {R"({"request": {}, "response": {"status": 500}, "extra": 1})", "/extra"},
  };
  for (const Case& c : cases) {
    auto [status, body] = call("POST", "/__admin/faults", c.body);
    EXPECT_EQ(status, 400) << c.body;
    EXPECT_EQ(body["errors"][0]["field"], c.field) << c.body << " -> " << body;
  }
  EXPECT_EQ(call("GET", "/__admin/faults").second["faults"].size(), 0u);
}

TEST_F(AdminApiTest, ListAndRemoveFaults) {
  call("POST", "/__admin/faults", R"({"request": {"method": "GET"}, "response": {"status": 500}})");
  call("POST", "/__admin/faults", R"({"request": {}, "response": {"status": 502}, "times": 3})");
  auto faults = call("GET", "/__admin/faults").second["faults"];
  ASSERT_EQ(faults.size(), 2u);
  EXPECT_EQ(faults[0]["request"], (json{{"method", "GET"}}));
  EXPECT_TRUE(faults[0]["times"].is_null());
  EXPECT_EQ(faults[1]["times"], 3);
  EXPECT_EQ(call("DELETE", "/__admin/faults/fault-2").first, 200);
  EXPECT_EQ(call("DELETE", "/__admin/faults/fault-2").first, 404);
  EXPECT_EQ(revoke("sso-user-alice")->status, 204);
  EXPECT_EQ(call("DELETE", "/__admin/faults").first, 200);
  EXPECT_EQ(call("GET", "/__admin/faults").second["faults"].size(), 0u);
}

TEST_F(AdminApiTest, UnknownAdminPathIs404Json) {
  auto [status, body] = call("GET", "/__admin/nothing");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body["code"], 404);
}

// --- admin token and port ---

class AdminTokenTest : public AdminApiTest {
 protected:
  AdminTokenTest()
      : AdminApiTest({.fixtures = ZOOM_FIXTURES_DIR, .admin_token = "s3cret-admin"}) {}
};

TEST_F(AdminTokenTest, AdminNeedsTheToken) {
  auto res = client.Get("/__admin/users");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(json::parse(res->body)["code"], 124);
  EXPECT_EQ(client.Post("/__admin/reset", "", "application/json")->status, 401);
  EXPECT_EQ(client.Get("/__admin/users", {{"Authorization", "Bearer wrong"}})->status, 401);
  EXPECT_EQ(client.Get("/__admin/users", {{"Authorization", "Bearer s3cret-admin"}})->status, 200);
  EXPECT_EQ(revoke("sso-user-alice")->status, 204) << "the API is unaffected";
}

class AdminPortTest : public AdminApiTest {
 protected:
  AdminPortTest() : AdminApiTest({.fixtures = ZOOM_FIXTURES_DIR, .admin_port = 0}) {}
};

TEST_F(AdminPortTest, AdminMovesToItsOwnPort) {
  EXPECT_NE(zoom.server().admin_port(), zoom.port());
  EXPECT_EQ(client.Get("/__admin/health")->status, 200);
  auto on_api_port = api.Get("/__admin/health");
  EXPECT_EQ(on_api_port->status, 404);
  EXPECT_EQ(json::parse(on_api_port->body)["code"], 404);
  EXPECT_EQ(client.Get("/v2/users")->status, 404) << "the API is not on the admin port";
}

}  // namespace
}  // namespace zoom_mock
