// One client shared by many threads: every call succeeds, the threads
// share one OAuth token, and connections are reused rather than opened per
// call. Run under -DZOOM_SANITIZE=thread as well.
#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <thread>

#include "client_test_config.h"
#include "oauth_stub.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using zoom_client::Client;

constexpr int kThreads = 8;
constexpr int kCallsPerThread = 25;

zoom_client::ClientConfig oauth_config(const OAuthStub& stub) {
  auto config = fast_config(stub.api());
  config.credentials = zoom_client::ServerToServerOAuth{.account_id = "acct",
                                                        .client_id = "cid",
                                                        .client_secret = "secret",
                                                        .token_url = stub.token_url()};
  return config;
}

// Runs `calls` revokes on each of kThreads threads, started together;
// returns how many failed.
int revoke_from_threads(Client& client, int calls) {
  std::atomic<int> failures{0};
  std::latch start(kThreads);
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < calls; ++i) {
        if (!client.revoke_user_sso_token("sso-user-alice").ok()) ++failures;
      }
    });
  }
  threads.clear();
  return failures.load();
}

TEST(SharedClient, ServesManyThreadsWithOneTokenAndFewConnections) {
  OAuthStub stub;
  AttemptRecorder recorder;
  auto config = oauth_config(stub);
  config.on_attempt = recorder.callback();
  Client client(config);

  EXPECT_EQ(revoke_from_threads(client, kCallsPerThread), 0);

  EXPECT_EQ(stub.token_requests.count(), 1u);
  EXPECT_EQ(stub.api_requests.count(), static_cast<std::size_t>(kThreads * kCallsPerThread));
  EXPECT_EQ(recorder.logs().size(), static_cast<std::size_t>(kThreads * kCallsPerThread + 1));
  std::set<int> ports;
  for (const Hit& hit : stub.api_requests.hits()) ports.insert(hit.remote_port);
  // One pooled handle, and so one connection, per concurrent call at most.
  EXPECT_LE(ports.size(), static_cast<std::size_t>(kThreads));
}

TEST(SharedClient, ThreadsThatSeeTheTokenRejectedFetchOneNewToken) {
  OAuthStub stub;
  stub.set_accepted([](const std::string& token) { return token != "token-1"; });
  Client client(oauth_config(stub));

  EXPECT_EQ(revoke_from_threads(client, 3), 0);

  EXPECT_EQ(stub.token_requests.count(), 2u);
}

}  // namespace
}  // namespace zoom_client_test
