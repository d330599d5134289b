// Soak and shutdown: zoom-mock-server as a process under a long mixed load
// (ZOOM_SOAK_REQUESTS, default 1,000,000), checking every status, the file
// descriptors and the memory it keeps; then SIGTERM in the middle of a load.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "raw_http.h"
#include "test_support.h"

namespace zoom_mock::robustness {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using zoom_mock::testing::ChildProcess;

constexpr int kClientThreads = 4;
constexpr long kRssWarmupRequests = 10000;
constexpr long kRssGrowthLimitKiB = 4 * 1024;

long soak_requests() {
  if (const char* text = std::getenv("ZOOM_SOAK_REQUESTS")) {
    const long value = std::strtol(text, nullptr, 10);
    if (value > 0) return value;
  }
  return 1000000;
}

struct MixedRequest {
  std::string bytes;
  int status;
};

// The mix: valid revokes (by id and by e-mail), an unknown user, a bad
// token, and the admin reads.
const std::vector<MixedRequest>& request_mix() {
  static const std::vector<MixedRequest> mix = {
      {std::string(kGoodRevoke), 204},
      {"DELETE /v2/users/nobody%40example.com/token HTTP/1.1\r\nHost: x\r\n"
       "Authorization: Bearer mock-admin-token\r\n\r\n",
       404},
      {"DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\n"
       "Authorization: Bearer not-a-token\r\n\r\n",
       401},
      {"GET /__admin/health HTTP/1.1\r\nHost: x\r\n\r\n", 200},
      {"DELETE /v2/users/BOB%2Bsso%40example.com/token HTTP/1.1\r\nHost: x\r\n"
       "Authorization: Bearer mock-admin-token\r\n\r\n",
       204},
      {"GET /__admin/users/sso-user-alice HTTP/1.1\r\nHost: x\r\n\r\n", 200},
  };
  return mix;
}

std::size_t fd_count(int pid) {
  std::size_t count = 0;
  if (DIR* dir = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str())) {
    while (const dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] != '.') ++count;
    }
    ::closedir(dir);
  }
  return count;
}

long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

// zoom-mock-server --quiet on a free port, with the default fixtures.
class ServerProcess {
 public:
  ServerProcess()
      : child_({ZOOM_MOCK_SERVER_BIN, "--port", "0", "--fixtures", ZOOM_FIXTURES_DIR,
                "--quiet"}) {
    const std::string line = child_.read_stdout_line(10000);
    const auto colon = line.rfind(':');
    if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
      throw std::runtime_error("zoom-mock-server did not start: " + line + child_.err());
    }
    port_ = std::stoi(line.substr(colon + 1));
  }
  int port() const { return port_; }
  int pid() const { return child_.pid(); }
  ChildProcess& child() { return child_; }

 private:
  ChildProcess child_;
  int port_ = 0;
};

// Sends requests from the mix over one keep-alive connection, reconnecting
// when the server closes it (it answers 100,000 requests per connection).
class MixClient {
 public:
  MixClient(int port, std::size_t offset) : port_(port), next_(offset) {}

  // False, with `failure` set, on an unexpected status or a lost request.
  bool run(long count, std::string& failure) {
    const auto& mix = request_mix();
    for (long i = 0; i < count; ++i) {
      const MixedRequest& request = mix[next_++ % mix.size()];
      if (!connection_) connection_ = std::make_unique<RawConnection>(port_);
      if (!connection_->send(request.bytes)) {
        failure = "send failed";
        return false;
      }
      const auto response = connection_->read_response(5s);
      if (!response) {
        failure = connection_->last_end() == ReadEnd::kClosed ? "connection closed unanswered"
                                                              : "no answer within 5 s";
        return false;
      }
      if (response->status != request.status) {
        failure = "status " + std::to_string(response->status) + " for expected " +
                  std::to_string(request.status) + ": " + response->body;
        return false;
      }
      if (response->header("Connection") == "close") connection_.reset();
    }
    return true;
  }
  void disconnect() { connection_.reset(); }

 private:
  int port_;
  std::size_t next_;
  std::unique_ptr<RawConnection> connection_;
};

// Runs `total` requests split across the clients; returns the failures.
std::vector<std::string> run_load(std::vector<MixClient>& clients, long total) {
  std::vector<std::string> failures(clients.size());
  std::vector<std::thread> threads;
  const long share = total / static_cast<long>(clients.size());
  for (std::size_t i = 0; i < clients.size(); ++i) {
    const long count = i + 1 == clients.size() ? total - share * static_cast<long>(i) : share;
    threads.emplace_back([&, i, count] { clients[i].run(count, failures[i]); });
  }
  for (auto& thread : threads) thread.join();
  std::erase(failures, std::string());
  return failures;
}

TEST(SoakTest, MillionMixedRequestsKeepStatusesFdsAndMemory) {
  const long total = soak_requests();
  ServerProcess server;
  const int pid = server.pid();
  const std::size_t fds_idle = fd_count(pid);
  const long rss_idle = rss_kib(pid);

  std::vector<MixClient> clients;
  for (int i = 0; i < kClientThreads; ++i) clients.emplace_back(server.port(), i);
  const long warmup = std::min(total, kRssWarmupRequests);
  auto failures = run_load(clients, warmup);
  ASSERT_TRUE(failures.empty()) << failures.front();
  const long rss_warm = rss_kib(pid);

  // The rest in tenths, noting the RSS after each, to show where it settles.
  std::ostringstream series;
  long done = warmup;
  const auto started = Clock::now();
  for (int tenth = 1; tenth <= 10; ++tenth) {
    const long upto = warmup + (total - warmup) * tenth / 10;
    failures = run_load(clients, upto - done);
    ASSERT_TRUE(failures.empty()) << failures.front() << " (after " << done << " requests)";
    done = upto;
    series << " " << done / 1000 << "k:" << rss_kib(pid);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const long rss_end = rss_kib(pid);

  for (auto& client : clients) client.disconnect();
  const auto deadline = Clock::now() + 3s;
  while (fd_count(pid) > fds_idle && Clock::now() < deadline) std::this_thread::sleep_for(10ms);
  const std::size_t fds_end = fd_count(pid);

  std::cout << "[ figures  ] " << total << " requests over " << kClientThreads
            << " keep-alive connections; " << static_cast<long>((total - warmup) / seconds)
            << " req/s after warm-up\n"
            << "[ figures  ] RSS idle " << rss_idle << " KiB, after " << warmup << " requests "
            << rss_warm << " KiB, after " << total << " requests " << rss_end << " KiB (growth "
            << rss_end - rss_warm << " KiB, limit " << kRssGrowthLimitKiB << " KiB)\n"
            << "[ figures  ] RSS KiB after each tenth:" << series.str() << "\n"
            << "[ figures  ] fds idle " << fds_idle << ", after the load " << fds_end << "\n";
  EXPECT_EQ(fds_end, fds_idle) << "file descriptors leaked";
#if ZOOM_SANITIZED
  std::cout << "[ figures  ] sanitizer build: RSS growth reported, not asserted\n";
#else
  EXPECT_LE(rss_end - rss_warm, kRssGrowthLimitKiB) << "memory grows with requests";
#endif

  server.child().signal(SIGTERM);
  EXPECT_EQ(server.child().wait(10000), 0) << server.child().err();
}

// What happened to one request sent while the server was being stopped.
struct Outcome {
  Clock::time_point sent;  // when the request was fully written
  enum { kAnswered, kRefused, kClosed, kWrongStatus, kHung } kind;
};

TEST(SoakTest, SigtermDuringLoadAnswersRequestsInFlightAndExitsZero) {
  ServerProcess server;
  std::atomic<bool> stop_clients{false};
  std::mutex outcomes_mutex;
  std::vector<Outcome> outcomes;
  std::atomic<long> answered{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < kClientThreads; ++t) {
    threads.emplace_back([&, t] {
      const auto& mix = request_mix();
      std::vector<Outcome> mine;
      std::unique_ptr<RawConnection> connection;
      for (std::size_t i = static_cast<std::size_t>(t); !stop_clients; ++i) {
        const MixedRequest& request = mix[i % mix.size()];
        try {
          if (!connection) connection = std::make_unique<RawConnection>(server.port());
        } catch (const std::runtime_error&) {
          mine.push_back({Clock::now(), Outcome::kRefused});
          break;  // the listening socket is gone
        }
        if (!connection->send(request.bytes)) {
          mine.push_back({Clock::now(), Outcome::kClosed});
          connection.reset();
          continue;
        }
        const auto sent = Clock::now();
        const auto response = connection->read_response(5s);
        if (!response) {
          const bool closed = connection->last_end() == ReadEnd::kClosed;
          mine.push_back({sent, closed ? Outcome::kClosed : Outcome::kHung});
          connection.reset();
          continue;
        }
        mine.push_back({sent, response->status == request.status ? Outcome::kAnswered
                                                                 : Outcome::kWrongStatus});
        ++answered;
        if (response->header("Connection") == "close") connection.reset();
      }
      std::lock_guard lock(outcomes_mutex);
      outcomes.insert(outcomes.end(), mine.begin(), mine.end());
    });
  }

  while (answered < 20000) std::this_thread::sleep_for(5ms);
  const auto signalled = Clock::now();
  server.child().signal(SIGTERM);
  const int exit_code = server.child().wait(15000);
  const auto exited = Clock::now();
  stop_clients = true;
  for (auto& thread : threads) thread.join();

  long before = 0, unanswered_before = 0, wrong = 0, hung = 0, refused = 0, closed = 0;
  for (const Outcome& outcome : outcomes) {
    if (outcome.kind == Outcome::kWrongStatus) ++wrong;
    if (outcome.kind == Outcome::kHung) ++hung;
    if (outcome.kind == Outcome::kRefused) ++refused;
    if (outcome.kind == Outcome::kClosed) ++closed;
    if (outcome.sent < signalled) {
      ++before;
      if (outcome.kind != Outcome::kAnswered) ++unanswered_before;
    }
  }
  std::cout << "[ figures  ] " << outcomes.size() << " requests, " << before
            << " sent before SIGTERM; after it: " << closed << " closed, " << refused
            << " refused; exit after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(exited - signalled).count()
            << " ms\n";
  EXPECT_EQ(exit_code, 0) << server.child().err();
  EXPECT_EQ(wrong, 0) << "requests answered with an unexpected status";
  EXPECT_EQ(hung, 0) << "requests neither answered nor refused";
  EXPECT_EQ(unanswered_before, 0) << "requests sent before SIGTERM went unanswered";
}

}  // namespace
}  // namespace zoom_mock::robustness
