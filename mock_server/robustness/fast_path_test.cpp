// The event loop's own parser (fast_path.h) against cpp-httplib's: which
// requests it takes, and that the server answers them byte for byte as
// cpp-httplib does, journal included. Also the connection models: event
// loops with and without the fast path, and a thread per connection.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fast_path.h"
#include "raw_http.h"
#include "robustness_support.h"
#include "zoom_mock/admin.h"
#include "zoom_mock/server.h"

namespace zoom_mock::robustness {
namespace {

using namespace std::chrono_literals;

std::string request(std::string_view line, std::string_view headers) {
  return std::string(line) + "\r\nHost: 127.0.0.1\r\n" + std::string(headers) + "\r\n";
}

constexpr std::string_view kAdmin = "Authorization: Bearer mock-admin-token\r\n";

// Requests the fast path must take: the shapes of the API's everyday load.
std::vector<std::string> simple_requests() {
  return {
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1", kAdmin),
      request("DELETE /v2/users/alice@example.com/token HTTP/1.1", kAdmin),
      request("DELETE /v2/users/ALICE@EXAMPLE.COM/token?x=1&y= HTTP/1.1", kAdmin),
      request("DELETE /v2/users/bob+sso@example.com/token HTTP/1.1", kAdmin),
      request("DELETE /v2/users/me/token HTTP/1.1", kAdmin),
      request("DELETE /v2/users/me/token HTTP/1.1",
              "Authorization: Bearer mock-account-token\r\n"),
      request("DELETE /v2/users/nobody/token HTTP/1.1", kAdmin),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1", ""),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1",
              "Authorization: Bearer unknown\r\n"),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1",
              "Authorization: Basic bW9jazptb2Nr\r\n"),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1",
              "Authorization: Bearer mock-expired-token\r\n"),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1",
              "Authorization: Bearer mock-no-scope-token\r\n"),
      request("DELETE /v2/users/admin-user-id/token HTTP/1.1",
              "Authorization: Bearer mock-user-token-alice\r\n"),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1",
              "authorization:   Bearer mock-admin-token  \r\nX-Trace: \t1\r\n"),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1",
              "Authorization: Bearer mock-admin-token\r\nAuthorization: Bearer unknown\r\n"),
      request("DELETE /v2/users/sso-user-alice/token HTTP/1.1",
              "User-Agent: a\r\nAccept: */*\r\nAuthorization: Bearer mock-admin-token\r\n"
              "accept: text/html\r\n"),
      request("GET /v2/users/sso-user-alice/token HTTP/1.1", kAdmin),
      request("DELETE /v2/users/sso-user-alice HTTP/1.1", kAdmin),
      request("DELETE /v2/nothing HTTP/1.1", kAdmin),
      request("GET /v2 HTTP/1.1", kAdmin),
      request("DELETE /v2/users//token HTTP/1.1", kAdmin),
      request("DELETE /v2/users/a/../token HTTP/1.1", kAdmin),
  };
}

// Requests left to cpp-httplib, with why.
std::vector<std::pair<std::string, std::string>> other_requests() {
  return {
      {"another method", request("POST /v2/users/sso-user-alice/token HTTP/1.1", kAdmin)},
      {"HEAD", request("HEAD /v2/users/sso-user-alice/token HTTP/1.1", kAdmin)},
      {"lower-case method", request("delete /v2/users/sso-user-alice/token HTTP/1.1", kAdmin)},
      {"HTTP/1.0", request("DELETE /v2/users/sso-user-alice/token HTTP/1.0", kAdmin)},
      {"not under /v2", request("DELETE /v20/users/x/token HTTP/1.1", kAdmin)},
      {"admin API", request("GET /__admin/health HTTP/1.1", "")},
      {"percent-encoding in a header",
       request("DELETE /v2/users/x/token HTTP/1.1", "Authorization: Bearer a%20b\r\n")},
      {"a body", request("DELETE /v2/users/x/token HTTP/1.1", "Content-Length: 2\r\n") + "{}"},
      {"chunked", request("DELETE /v2/users/x/token HTTP/1.1", "Transfer-Encoding: chunked\r\n")},
      {"Connection", request("DELETE /v2/users/x/token HTTP/1.1", "Connection: close\r\n")},
      {"Expect", request("DELETE /v2/users/x/token HTTP/1.1", "Expect: 100-continue\r\n")},
      {"Range", request("DELETE /v2/users/x/token HTTP/1.1", "Range: bytes=0-1\r\n")},
      {"compression", request("DELETE /v2/users/x/token HTTP/1.1", "Accept-Encoding: gzip\r\n")},
      {"Prefer", request("DELETE /v2/users/x/token HTTP/1.1", "Prefer: code=404\r\n")},
      {"no Host", "DELETE /v2/users/x/token HTTP/1.1\r\n" + std::string(kAdmin) + "\r\n"},
      {"bare LF", "DELETE /v2/users/x/token HTTP/1.1\nHost: x\n\n"},
      {"folded header", request("DELETE /v2/users/x/token HTTP/1.1", "X-A: 1\r\n 2\r\n")},
      {"empty header value", request("DELETE /v2/users/x/token HTTP/1.1", "X-A:\r\n")},
      {"space before colon", request("DELETE /v2/users/x/token HTTP/1.1", "X-A : 1\r\n")},
      {"non-ASCII target", request("DELETE /v2/users/\xc3\xa9/token HTTP/1.1", kAdmin)},
      {"control byte in a value", request("DELETE /v2/users/x/token HTTP/1.1", "X-A: \x01\r\n")},
      {"long target", request("DELETE /v2/users/" + std::string(3000, 'a') + "/token HTTP/1.1",
                              kAdmin)},
      {"unfinished head", "DELETE /v2/users/x/token HTTP/1.1\r\nHost: x\r\n"},
      {"a second '?'", request("DELETE /v2/users/x/token?a?b HTTP/1.1", kAdmin)},
  };
}

TEST(FastPathParseTest, TakesTheEverydayShapes) {
  for (const std::string& text : simple_requests()) {
    SimpleRequest parsed;
    EXPECT_TRUE(parse_simple_request(text, parsed)) << text;
    EXPECT_EQ(parsed.size, text.size()) << text;
  }
}

TEST(FastPathParseTest, LeavesEverythingElseToCppHttplib) {
  for (const auto& [why, text] : other_requests()) {
    SimpleRequest parsed;
    EXPECT_FALSE(parse_simple_request(text, parsed)) << why;
  }
}

TEST(FastPathParseTest, ReadsTheRequestInPlace) {
  const std::string text =
      request("DELETE /v2/users/a/token?q=1 HTTP/1.1", "authorization:  Bearer t \r\n") +
      "GET /v2 HTTP/1.1\r\n";
  SimpleRequest parsed;
  ASSERT_TRUE(parse_simple_request(text, parsed));
  EXPECT_EQ(parsed.method, "DELETE");
  EXPECT_EQ(parsed.target, "/v2/users/a/token?q=1");
  ASSERT_EQ(parsed.headers.size(), 2u);
  EXPECT_EQ(parsed.headers[1], HeaderView("authorization", "Bearer t"));
  EXPECT_EQ(parsed.size, text.size() - std::string_view("GET /v2 HTTP/1.1\r\n").size());
  EXPECT_EQ(HeaderViews(parsed.headers).count("AUTHORIZATION"), 1u);
  EXPECT_EQ(HeaderViews(parsed.headers).value("Authorization", 0), "Bearer t");
}

TEST(FastPathParseTest, KnowsWhenARequestHasFullyArrived) {
  const std::string head = "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n";
  EXPECT_FALSE(request_is_buffered("GET / HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_TRUE(request_is_buffered("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_FALSE(request_is_buffered(head + "abcd"));
  EXPECT_TRUE(request_is_buffered(head + "abcde"));
  EXPECT_TRUE(request_is_buffered(head + "abcdeGET"));
  EXPECT_FALSE(request_is_buffered(
      "POST / HTTP/1.1\r\nHost: x\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n"));
  // Refused without reading the body: nothing more to wait for.
  EXPECT_TRUE(request_is_buffered("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n"));
  // Whatever cpp-httplib might read further is left to a thread.
  EXPECT_FALSE(request_is_buffered("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"));
  EXPECT_FALSE(request_is_buffered("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n"));
  EXPECT_FALSE(request_is_buffered("POST / HTTP/1.1\r\n Content-Length: 0\r\n\r\n"));
  EXPECT_FALSE(request_is_buffered(" POST / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_FALSE(request_is_buffered("POST\t/ HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_FALSE(request_is_buffered("POST /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"))
      << "a body read to the end of input";
  EXPECT_FALSE(request_is_buffered("POST / HTTP/1.1\r\nContent-Length: %35\r\n\r\n"))
      << "a length cpp-httplib decodes";
  EXPECT_FALSE(request_is_buffered("POST / HTTP/1.1\r\nX: y\nContent-Length: 5\r\n\r\n"))
      << "a length on a line of its own for cpp-httplib";
  EXPECT_FALSE(request_is_buffered("POST / HTTP/1.1\r\nContent-Length : 0\r\n\r\n"));
  EXPECT_TRUE(request_is_buffered("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_TRUE(request_is_buffered("DELETE /v2 HTTP/1.1\r\nHost: x\r\n\r\n"));
}

TEST(FastPathParseTest, WritesHeadersInCppHttplibsOrder) {
  std::string out;
  append_response(out, 429, {{"X-RateLimit-Type", "QPS"}, {"Retry-After", "1"}},
                  "application/json", "{}", "timeout=5, max=9");
  EXPECT_EQ(out,
            "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 2\r\n"
            "Content-Type: application/json\r\nKeep-Alive: timeout=5, max=9\r\n"
            "Retry-After: 1\r\nX-RateLimit-Type: QPS\r\n\r\n{}");
  out.clear();
  append_response(out, 204, {{"x-zm-trackingid", "t"}}, "", "", "timeout=5, max=9");
  EXPECT_EQ(out,
            "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nKeep-Alive: timeout=5, max=9\r\n"
            "x-zm-trackingid: t\r\n\r\n");
}

// Sends `text` on a fresh connection and returns every byte of the answer
// (read until its Content-Length is complete or the server closes).
std::string raw_answer(int port, const std::string& text) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "connect failed";
  }
  timeval timeout{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  std::string answer;
  char chunk[4096];
  for (;;) {
    const std::size_t head_end = answer.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      std::smatch length;
      const std::string head = answer.substr(0, head_end);
      if (std::regex_search(head, length, std::regex("Content-Length: (\\d+)")) &&
          answer.size() >= head_end + 4 + std::stoul(length[1].str())) {
        break;
      }
    }
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    answer.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return std::regex_replace(answer, std::regex("x-zm-trackingid: [^\r]*"), "x-zm-trackingid: T");
}

// The journal as /__admin/requests lists it, without what differs between
// two runs (latency).
nlohmann::json journal_of(int port) {
  const auto response = exchange(port, "GET /__admin/requests HTTP/1.1\r\nHost: x\r\n\r\n");
  if (!response) return "no answer";
  nlohmann::json journal = nlohmann::json::parse(response->body, nullptr, false);
  for (auto& entry : journal["requests"]) entry.erase("latency_us");
  return journal;
}

std::unique_ptr<Server> start_server(bool fast_path, std::size_t io_threads,
                                     RateLimitPlan plan = RateLimitPlan::kOff) {
  ServerOptions options;
  options.port = 0;
  options.fixtures = ZOOM_FIXTURES_DIR;
  options.fast_path = fast_path;
  options.io_threads = io_threads;
  options.rate_limit_plan = plan;
  // One fixed instant: rate-limit windows and journal times agree.
  options.clock = [] { return TimePoint(std::chrono::hours(24 * 365 * 56)); };
  auto started = Server::start(options);
  if (!started) throw std::runtime_error(started.error.message);
  return std::move(started.server);
}

void expect_same_answers(RateLimitPlan plan) {
  auto fast = start_server(true, 2, plan);
  auto httplib_only = start_server(false, 2, plan);
  auto threads = start_server(true, 0, plan);
  for (int round = 0; round < 2; ++round) {  // the second round meets the rate limits
    for (const std::string& text : simple_requests()) {
      const std::string expected = raw_answer(httplib_only->port(), text);
      ASSERT_TRUE(expected.starts_with("HTTP/1.1 ")) << text << "\n" << expected;
      EXPECT_EQ(raw_answer(fast->port(), text), expected) << text;
      EXPECT_EQ(raw_answer(threads->port(), text), expected) << text;
    }
  }
  const nlohmann::json journal = journal_of(httplib_only->port());
  ASSERT_EQ(journal["requests"].size(), 2 * simple_requests().size());
  EXPECT_EQ(journal_of(fast->port()), journal);
}

TEST(FastPathTest, AnswersByteForByteAsCppHttplibDoes) { expect_same_answers(RateLimitPlan::kOff); }

TEST(FastPathTest, RateLimitHeadersAndRefusalsAlike) { expect_same_answers(RateLimitPlan::kFree); }

// Simple and other requests pipelined in one write are answered in order.
TEST(FastPathTest, PipelinedMixOfSimpleAndOtherRequestsIsAnsweredInOrder) {
  auto server = start_server(true, 2);
  std::string batch;
  for (int i = 0; i < 40; ++i) {
    batch += request("DELETE /v2/users/sso-user-alice/token HTTP/1.1", kAdmin);
    if (i % 10 == 3) batch += "GET /__admin/health HTTP/1.1\r\nHost: x\r\n\r\n";
    if (i % 10 == 7) batch += request("DELETE /v2/users/nobody/token HTTP/1.1", kAdmin);
  }
  RawConnection connection(server->port());
  ASSERT_TRUE(connection.send(batch));
  for (int i = 0; i < 40; ++i) {
    auto revoke = connection.read_response(3000ms);
    ASSERT_TRUE(revoke) << "request " << i;
    EXPECT_EQ(revoke->status, 204) << "request " << i;
    if (i % 10 == 3) {
      auto health = connection.read_response(3000ms);
      ASSERT_TRUE(health);
      EXPECT_EQ(health->status, 200);
    }
    if (i % 10 == 7) {
      auto missing = connection.read_response(3000ms);
      ASSERT_TRUE(missing);
      EXPECT_EQ(missing->status, 404);
    }
  }
  EXPECT_EQ(alice_revocations(server->port()), 40);
}

// A request whose head arrives in pieces moves its connection to a thread
// of its own, which serves it and the next ones.
TEST(FastPathTest, ARequestArrivingInPiecesIsServed) {
  auto server = start_server(true, 1);
  RawConnection connection(server->port());
  const std::string text = request("DELETE /v2/users/sso-user-alice/token HTTP/1.1", kAdmin);
  ASSERT_TRUE(connection.send(text.substr(0, 20)));
  std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(connection.send(text.substr(20)));
  auto first = connection.read_response(3000ms);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 204);
  ASSERT_TRUE(connection.send(text));
  auto second = connection.read_response(3000ms);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 204);
}

// The milliseconds a fresh connection waits for the good revoke's 204.
long good_revoke_ms(int port) {
  const auto started = std::chrono::steady_clock::now();
  const auto answer = exchange(port, kGoodRevoke, 10000ms);
  if (!answer || answer->status != 204) return -1;
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started)
      .count();
}

// A client that pipelines requests and never reads the answers fills its
// socket; the one loop thread must go on serving everyone else.
TEST(FastPathTest, AClientThatDoesNotReadDoesNotStallTheLoop) {
  auto server = start_server(true, 1);
  const int hog = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server->port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(hog, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  // 128-byte requests: the server's 16 KiB reads end between two of them.
  std::string get = request("GET /v2/users/sso-user-alice/token HTTP/1.1", kAdmin);
  get.insert(get.size() - 2, "X-Pad: " + std::string(128 - get.size() - 9, 'p') + "\r\n");
  ASSERT_EQ(get.size(), 128u);
  std::string batch;
  while (batch.size() < 64 * 1024) batch += get;
  // Send until the server stops taking requests: its answers fill both
  // sockets' buffers, since this client reads none.
  timeval timeout{0, 300000};
  ::setsockopt(hog, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  std::size_t sent = 0;
  while (sent < 256 * 1024 * 1024) {
    const ssize_t n = ::send(hog, batch.data(), batch.size(), MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  EXPECT_LT(sent, 256u * 1024 * 1024) << "the server kept reading";
  const long waited = good_revoke_ms(server->port());
  std::cout << "[ figures  ] sent " << sent << " bytes unread; a good revoke took " << waited
            << " ms\n";
  EXPECT_GE(waited, 0);
  EXPECT_LT(waited, 250) << "the loop waited for a client that does not read";
  ::close(hog);
}

// The same for cpp-httplib's blocking reads: requests whose body it would
// read past what arrived go to a thread.
TEST(FastPathTest, RequestsCppHttplibWouldWaitOnDoNotStallTheLoop) {
  auto server = start_server(true, 1);
  const std::vector<std::string> waiting = {
      "POST /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: %35\r\n\r\n",
      "POST /oauth/token HTTP/1.1\r\nHost: x\r\nX: y\nContent-Length: 5\r\n\r\n",
      "POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length : 0\r\n\r\n",
      "POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n",
      " POST /nope HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST\t /nope HTTP/1.1\r\nHost: x\r\n\r\n",
  };
  std::vector<std::unique_ptr<RawConnection>> stalled;
  for (const std::string& text : waiting) {
    stalled.push_back(std::make_unique<RawConnection>(server->port()));
    ASSERT_TRUE(stalled.back()->send(text));
    std::this_thread::sleep_for(100ms);
    const long waited = good_revoke_ms(server->port());
    EXPECT_GE(waited, 0) << text;
    EXPECT_LT(waited, 1000) << text;
  }
}

// A fault configured in the same write as the request it delays is played
// on a thread, not on the loop every other connection shares.
TEST(FastPathTest, AFaultPipelinedBehindItsRequestDoesNotStallTheLoop) {
  auto server = start_server(true, 1);
  const std::string fault =
      R"({"request":{"method":"DELETE","urlPath":"/v2/users/sso-user-bob-plus/token"},)"
      R"("response":{"status":503,"fixedDelayMilliseconds":1500}})";
  RawConnection slow(server->port());
  ASSERT_TRUE(slow.send("POST /__admin/faults HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        "application/json\r\nContent-Length: " +
                        std::to_string(fault.size()) + "\r\n\r\n" + fault +
                        request("DELETE /v2/users/sso-user-bob-plus/token HTTP/1.1", kAdmin)));
  std::this_thread::sleep_for(200ms);
  const long waited = good_revoke_ms(server->port());
  EXPECT_GE(waited, 0);
  EXPECT_LT(waited, 1000) << "the fault's delay was played on the loop";
  const auto added = slow.read_response(3000ms);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 201);
  const auto delayed = slow.read_response(5000ms);
  ASSERT_TRUE(delayed);
  EXPECT_EQ(delayed->status, 503);
}

// The admin listener of --admin-port serves no API, fast path or not.
TEST(FastPathTest, TheAdminPortAnswersNoApi) {
  auto started = Server::start(
      ServerOptions{.port = 0, .fixtures = ZOOM_FIXTURES_DIR, .admin_port = 0});
  ASSERT_TRUE(started) << started.error.message;
  const auto answer = exchange(started.server->admin_port(), kGoodRevoke);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 404);
  EXPECT_TRUE(started.server->admin().user("sso-user-alice")->sso.active);
}

}  // namespace
}  // namespace zoom_mock::robustness
