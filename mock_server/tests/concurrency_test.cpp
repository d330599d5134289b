// Concurrency: revokes, admin reads and resets racing each other, both on
// the World directly and over HTTP. Run under ThreadSanitizer in CI.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "zoom_mock/model.h"
#include "zoom_mock/server.h"

namespace zoom_mock {
namespace {

using nlohmann::json;

TEST(WorldConcurrencyTest, NoRevokeIsLostAcrossThreads) {
  World world;
  WorldData data;
  for (int i = 0; i < 8; ++i) {
    User user;
    user.id = "user-" + std::to_string(i);
    user.email = user.id + "@example.com";
    data.users.push_back(user);
  }
  ASSERT_FALSE(world.replace(data));

  constexpr int kThreads = 8;
  constexpr int kRevokesPerThread = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&world, t] {
      for (int i = 0; i < kRevokesPerThread; ++i) {
        // Every thread revokes every user, by id and by e-mail in turn.
        const std::string id = "user-" + std::to_string((t + i) % 8);
        world.revoke_sso_session(i % 2 ? id : id + "@EXAMPLE.com", Clock::now());
      }
    });
  }
  std::atomic<bool> done{false};
  std::thread reader([&] {
    while (!done) {
      for (const User& user : world.users()) EXPECT_FALSE(user.id.empty());
    }
  });
  for (auto& thread : threads) thread.join();
  done = true;
  reader.join();

  std::uint64_t total = 0;
  for (const User& user : world.users()) {
    total += user.sso.revocations;
    EXPECT_FALSE(user.sso.active);
    EXPECT_TRUE(user.sso.revoked_at.has_value());
  }
  EXPECT_EQ(total, std::uint64_t{kThreads} * kRevokesPerThread);
}

TEST(ServerConcurrencyTest, RevokesAdminReadsAndResetsRace) {
  auto started = Server::start(ServerOptions{.port = 0, .fixtures = testing::repo_fixtures()});
  ASSERT_TRUE(started) << started.error.message;
  const int port = started.server->port();
  // One request first, on one thread: it initialises function-local statics
  // inside libcpp-httplib.so (client and server side), whose guards
  // ThreadSanitizer cannot see in that uninstrumented library.
  ASSERT_EQ(httplib::Client("127.0.0.1", port).Get("/__admin/health")->status, 200);

  std::atomic<int> unexpected{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port);
      const std::vector<std::string> users = {"sso-user-alice", "bob%2Bsso%40example.com",
                                              "me", "no-such-user"};
      for (int i = 0; i < 150; ++i) {
        const std::string& user = users[static_cast<std::size_t>(t + i) % users.size()];
        auto res = client.Delete("/v2/users/" + user + "/token",
                                 {{"Authorization", "Bearer mock-admin-token"}});
        const int expected = user == "no-such-user" ? 404 : 204;
        if (!res || res->status != expected) ++unexpected;
      }
    });
  }
  threads.emplace_back([&] {
    httplib::Client client("127.0.0.1", port);
    while (!stop) {
      auto res = client.Get("/__admin/users/sso-user-alice");
      if (!res || res->status != 200) ++unexpected;
    }
  });
  threads.emplace_back([&] {
    httplib::Client client("127.0.0.1", port);
    for (int i = 0; i < 50; ++i) {
      auto res = client.Post("/__admin/reset", "", "application/json");
      if (!res || res->status != 200) ++unexpected;
    }
  });
  // Faults come and go on a path the revokes never use; the journal is read
  // and seeded users are added while all of the above runs.
  threads.emplace_back([&] {
    httplib::Client client("127.0.0.1", port);
    for (int i = 0; i < 50; ++i) {
      auto added = client.Post("/__admin/faults",
                               R"({"request": {"urlPath": "/v2/faulted"},
                                   "response": {"status": 503}, "times": 1})",
                               "application/json");
      if (!added || added->status != 201) ++unexpected;
      auto faulted = client.Get("/v2/faulted");
      // A reset may clear the fault first; then the path is simply unknown.
      if (!faulted || (faulted->status != 503 && faulted->status != 404)) ++unexpected;
      auto journal = client.Get("/__admin/requests?limit=5");
      if (!journal || journal->status != 200) ++unexpected;
      auto user = client.Post("/__admin/users",
                              R"({"id": "racer-)" + std::to_string(i) +
                                  R"(", "email": "racer)" + std::to_string(i) + R"(@example.com"})",
                              "application/json");
      if (!user || user->status != 201) ++unexpected;
    }
  });
  for (std::size_t i = 0; i < threads.size(); ++i) {
    if (i == 4) continue;  // the admin reader stops last
    threads[i].join();
  }
  stop = true;
  threads[4].join();
  EXPECT_EQ(unexpected.load(), 0);

  // After the storm the state is consistent: reset, then one revoke lands.
  httplib::Client client("127.0.0.1", port);
  ASSERT_EQ(client.Post("/__admin/reset", "", "application/json")->status, 200);
  ASSERT_EQ(client.Delete("/v2/users/sso-user-alice/token",
                          {{"Authorization", "Bearer mock-admin-token"}})
                ->status,
            204);
  const json alice = json::parse(client.Get("/__admin/users/sso-user-alice")->body);
  EXPECT_EQ(alice["sso_revocations"], 1);
  EXPECT_FALSE(alice["sso_session_active"].get<bool>());
}

}  // namespace
}  // namespace zoom_mock
