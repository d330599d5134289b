// Shared by the robustness tests: an in-process server on a free port and
// the assertions every hostile exchange ends with.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "raw_http.h"
#include "zoom_mock/server.h"

namespace zoom_mock::robustness {

inline constexpr std::string_view kJsonType = "application/json;charset=UTF-8";

// A Zoom error body: {"code": code, "message": message}.
struct ZoomError {
  int code;
  std::string message;
};

// The server on port 0 with the repository's fixtures, after one request.
// That first request runs the initialisation of function-local statics
// inside libcpp-httplib.so on one thread: the library is not instrumented,
// so ThreadSanitizer cannot see the guard of those statics and would report
// a race between the first requests of concurrent connections.
inline std::unique_ptr<Server> start_test_server(std::size_t max_connections = 1024) {
  auto started = Server::start(ServerOptions{
      .port = 0, .fixtures = ZOOM_FIXTURES_DIR, .max_connections = max_connections});
  if (!started) throw std::runtime_error(started.error.message);
  exchange(started.server->port(), "GET /__admin/health HTTP/1.1\r\nHost: x\r\n\r\n");
  return std::move(started.server);
}

// The response is a Zoom-shaped JSON error, exactly `error`.
inline void expect_zoom_error(const RawResponse& response, const ZoomError& error) {
  EXPECT_EQ(response.header("Content-Type"), kJsonType);
  EXPECT_TRUE(response.has_header("x-zm-trackingid"));
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << "not JSON: " << response.body;
  EXPECT_EQ(body, (nlohmann::json{{"code", error.code}, {"message", error.message}}));
}

// The server still answers the good request on a fresh connection.
inline void expect_server_still_serves(int port) {
  const auto good = exchange(port, kGoodRevoke);
  ASSERT_TRUE(good) << "the server no longer answers";
  EXPECT_EQ(good->status, 204);
}

// How many revokes reached sso-user-alice, read through the admin API.
inline int alice_revocations(int port) {
  const auto response =
      exchange(port, "GET /__admin/users/sso-user-alice HTTP/1.1\r\nHost: x\r\n\r\n");
  if (!response || response->status != 200) return -1;
  return nlohmann::json::parse(response->body)["sso_revocations"].get<int>();
}

class RobustnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = start_test_server();
    port_ = server_->port();
  }

  std::unique_ptr<Server> server_;
  int port_ = 0;
};

}  // namespace zoom_mock::robustness
