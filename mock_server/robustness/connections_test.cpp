// Connections: what the server does with many open connections, idle
// keep-alive clients and more clients than --max-connections, as the README
// states it.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <iostream>
#include <memory>
#include <vector>

#include "raw_http.h"
#include "robustness_support.h"

namespace zoom_mock::robustness {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Opens `count` connections that each make one request and then stay open.
std::vector<std::unique_ptr<RawConnection>> idle_keep_alive_clients(int port, int count) {
  std::vector<std::unique_ptr<RawConnection>> clients;
  for (int i = 0; i < count; ++i) {
    auto client = std::make_unique<RawConnection>(port);
    EXPECT_TRUE(client->send(kGoodRevoke));
    const auto response = client->read_response(2s);
    EXPECT_TRUE(response) << "idle client #" << i << " got no answer";
    if (response) {
      EXPECT_EQ(response->status, 204);
    }
    clients.push_back(std::move(client));
  }
  return clients;
}

TEST(ConnectionsTest, TwoHundredIdleKeepAliveClientsDoNotStarveANewOne) {
  const auto server = start_test_server();
  const auto idle = idle_keep_alive_clients(server->port(), 200);

  const auto started = Clock::now();
  const auto response = exchange(server->port(), kGoodRevoke, 1s);
  const auto elapsed = Clock::now() - started;
  ASSERT_TRUE(response) << "a new client was not answered within 1 s";
  EXPECT_EQ(response->status, 204);
  EXPECT_LT(elapsed, 1s);
  std::cout << "[ figures  ] new client answered in "
            << std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()
            << " us with 200 idle keep-alive connections open\n";

  // The idle clients are still served on their own connections.
  for (std::size_t i = 0; i < idle.size(); ++i) {
    ASSERT_TRUE(idle[i]->send(kGoodRevoke));
    const auto again = idle[i]->read_response(2s);
    ASSERT_TRUE(again) << "idle client #" << i << " lost its connection";
    EXPECT_EQ(again->status, 204);
  }
}

TEST(ConnectionsTest, PastMaxConnectionsNewClientsWaitForAFreeOne) {
  const auto server = start_test_server(4);
  auto idle = idle_keep_alive_clients(server->port(), 4);

  auto waiting = std::async(std::launch::async, [port = server->port()] {
    return exchange(port, kGoodRevoke, 5s);
  });
  EXPECT_EQ(waiting.wait_for(300ms), std::future_status::timeout)
      << "a fifth connection was served while four were held open";

  idle.front().reset();  // one connection closes: the waiting client gets its turn
  ASSERT_EQ(waiting.wait_for(2s), std::future_status::ready);
  const auto response = waiting.get();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 204);
}

TEST(ConnectionsTest, IdleKeepAliveConnectionIsClosedAfterFiveSeconds) {
  const auto server = start_test_server();
  const auto idle = idle_keep_alive_clients(server->port(), 1);
  const auto started = Clock::now();
  EXPECT_TRUE(idle.front()->closed_within(8s));
  const auto elapsed = Clock::now() - started;
  EXPECT_GE(elapsed, 4500ms);
  EXPECT_LE(elapsed, 7s);
}

}  // namespace
}  // namespace zoom_mock::robustness
