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
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fast_path.h"
#include "raw_http.h"
#include "robustness_support.h"
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
  EXPECT_TRUE(request_is_buffered("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"));
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

}  // namespace
}  // namespace zoom_mock::robustness
