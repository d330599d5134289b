// Slow and stalled clients over real sockets: a client trickling its
// request in is answered, clients that stop mid-request are cut off after
// the read timeout, and neither keeps other clients waiting.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "raw_http.h"
#include "robustness_support.h"

namespace zoom_mock::robustness {
namespace {

using namespace std::chrono_literals;

using SlowClientTest = RobustnessTest;

const std::string kAdminAuth = "Authorization: Bearer mock-admin-token\r\n";

TEST_F(SlowClientTest, SlowClientIsServedWithoutBlockingOthers) {
  // One byte every 100 ms: a short request (3.7 s), answered in full;
  // meanwhile other clients are answered without waiting for it (the bound
  // is generous: CI machines are shared).
  auto slow = std::async(std::launch::async, [this] {
    RawConnection connection(port_);
    connection.send_slowly("DELETE /v2/users/nobody/token HTTP/1.0\r\n\r\n", 100ms);
    return connection.read_response(2s);
  });
  while (slow.wait_for(200ms) != std::future_status::ready) {
    const auto started = std::chrono::steady_clock::now();
    const auto good = exchange(port_, kGoodRevoke);
    ASSERT_TRUE(good);
    EXPECT_EQ(good->status, 204);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  }
  const auto response = slow.get();
  ASSERT_TRUE(response) << "the slow client got no answer";
  EXPECT_EQ(response->status, 401);
  expect_zoom_error(*response, ZoomError{124, "Invalid access token."});
}

TEST_F(SlowClientTest, StalledClientsAreCutOffAfterTheReadTimeout) {
  // Clients that stop sending mid-request get an answer or a close once the
  // 5 s read timeout passes; good clients are served meanwhile.
  const std::vector<std::string> stalls = {
      "",                                                      // connected, silent
      "DELETE /v2/users/sso-user-alice/tok",                   // mid request line
      "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\nAuthoriz",  // mid headers
      "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\n" + kAdminAuth +
          "Content-Length: 10\r\n\r\nabc",                     // mid body
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),  // a TLS ClientHello
  };
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (const std::string& bytes : stalls) {
    connections.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(connections.back()->send(bytes));
  }
  const auto started = std::chrono::steady_clock::now();
  expect_server_still_serves(port_);
  for (std::size_t i = 0; i < connections.size(); ++i) {
    SCOPED_TRACE("stall #" + std::to_string(i));
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        started + 7s - std::chrono::steady_clock::now());
    const auto response = connections[i]->read_response(std::max(left, 1ms));
    if (response) {
      EXPECT_GE(response->status, 400);
      EXPECT_LT(response->status, 500);
      EXPECT_EQ(response->header("Content-Type"), kJsonType);
    } else {
      EXPECT_EQ(connections[i]->last_end(), ReadEnd::kClosed) << "still open after 7 s";
    }
  }
  EXPECT_EQ(alice_revocations(port_), 1) << "a stalled request must not be executed";
}

}  // namespace
}  // namespace zoom_mock::robustness
