// Hostile input over real sockets: malformed, oversized and adversarial
// requests sent byte for byte to an in-process server. Each must get a
// clear answer (the exact status, a Zoom-shaped JSON error where there is a
// body) or a closed connection where HTTP says so; the server must stay up
// and answer the next good request.
#include <dirent.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>


#include "raw_http.h"
#include "robustness_support.h"

namespace zoom_mock::robustness {
namespace {

using namespace std::chrono_literals;

const std::string kAdminAuth = "Authorization: Bearer mock-admin-token\r\n";
const std::string kMalformedPath =
    "Bad request: malformed percent-encoding or control characters in the path.";
const std::string kMalformedHttp = "Bad request: malformed HTTP request.";
const std::string kInvalidToken = "Invalid access token.";
const std::string kTooLarge = "The request is larger than the server accepts.";

struct HostileCase {
  std::string name;
  std::string request;  // sent as-is, in one write
  int status;
  // The exact JSON error body; nullopt when the answer has no body.
  std::optional<ZoomError> error;
};

// Test names and failure messages show the case's name, not its bytes.
void PrintTo(const HostileCase& test_case, std::ostream* out) { *out << test_case.name; }

std::string request(std::string_view method, std::string_view target,
                    std::string_view headers = kAdminAuth, std::string_view body = {},
                    std::string_view version = "HTTP/1.1") {
  std::string out;
  out.append(method).append(" ").append(target).append(" ").append(version).append("\r\n");
  out.append("Host: 127.0.0.1\r\n").append(headers).append("Connection: close\r\n\r\n");
  out.append(body);
  return out;
}

std::string revoke(std::string_view user, std::string_view headers = kAdminAuth) {
  return request("DELETE", "/v2/users/" + std::string(user) + "/token", headers);
}

std::string with_auth(std::string_view authorization_lines) {
  return request("DELETE", "/v2/users/sso-user-alice/token", authorization_lines);
}

std::string revoke_with_body(std::string_view method, std::string_view headers,
                             std::string_view body) {
  return request(method, "/v2/users/sso-user-alice/token", kAdminAuth + std::string(headers),
                 body);
}

std::string hex_size(std::size_t size) {
  char text[32];
  std::snprintf(text, sizeof text, "%zx", size);
  return text;
}

std::string chunked(std::size_t total, std::size_t chunk) {
  std::string out;
  for (std::size_t sent = 0; sent < total; sent += chunk) {
    const std::size_t n = std::min(chunk, total - sent);
    out.append(hex_size(n)).append("\r\n").append(n, 'c').append("\r\n");
  }
  return out + "0\r\n\r\n";
}

std::string many_headers(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += "X-Filler-" + std::to_string(i) + ": v\r\n";
  return out;
}

ZoomError not_found(std::string_view user) {
  return {1001, "User does not exist: " + std::string(user) + "."};
}

ZoomError no_operation(std::string_view method, std::string_view path) {
  return {404, "No API operation matches " + std::string(method) + " " + std::string(path) + "."};
}

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD, for bytes that are not UTF-8
constexpr std::size_t kMiB = 1024 * 1024;

std::vector<HostileCase> hostile_cases() {
  const std::string long_id(8000, 'u');
  const std::string too_long_id(10000, 'u');
  return {
      // Oversized request line, headers and body.
      {"TargetOver8KiBIs414", revoke(std::string(9000, 'a')), 414,
       ZoomError{300, "Bad request: the request target is too long."}},
      {"UserId10000CharsIs414", revoke(too_long_id), 414,
       ZoomError{300, "Bad request: the request target is too long."}},
      {"UserId8000CharsIs404", revoke(long_id), 404, not_found(long_id)},
      {"HeaderLineOver8KiBIs400",
       with_auth(kAdminAuth + "X-Big: " + std::string(9000, 'b') + "\r\n"), 400,
       ZoomError{300, kMalformedHttp}},
      {"ThousandHeadersAreServed", with_auth(many_headers(1000) + kAdminAuth), 204, std::nullopt},
      {"HeaderBlockOver64KiBIs431", with_auth(many_headers(20000) + kAdminAuth), 431,
       ZoomError{300, "Bad request: the request headers are too large."}},
      {"BodyOf5MiBIs413",
       revoke_with_body("DELETE", "Content-Length: 5242880\r\n", std::string(5 * kMiB, 'x')),
       413, ZoomError{413, kTooLarge}},
      {"BodyOfExactly4MiBIsServed",
       revoke_with_body("DELETE", "Content-Length: 4194304\r\n", std::string(4 * kMiB, 'x')),
       204, std::nullopt},
      {"ChunkedBodyOver4MiBIs413",
       revoke_with_body("POST", "Transfer-Encoding: chunked\r\n", chunked(5 * kMiB, 65536)), 413,
       ZoomError{413, kTooLarge}},
      {"HugeContentLengthIs413AtOnce",
       revoke_with_body("DELETE", "Content-Length: 99999999999999999999\r\n", ""), 413,
       ZoomError{413, kTooLarge}},

      // Content-Length framing.
      {"NegativeContentLengthIs400",
       revoke_with_body("DELETE", "Content-Length: -5\r\n", ""), 400,
       ZoomError{300, "Bad request: invalid Content-Length."}},
      {"NonNumericContentLengthIs400",
       revoke_with_body("DELETE", "Content-Length: abc\r\n", ""), 400,
       ZoomError{300, "Bad request: invalid Content-Length."}},
      {"ConflictingContentLengthsAre400",
       revoke_with_body("DELETE", "Content-Length: 3\r\nContent-Length: 5\r\n", "abcde"), 400,
       ZoomError{300, "Bad request: invalid Content-Length."}},
      {"GzipBodyThatIsNotGzipIs400",
       revoke_with_body("DELETE", "Content-Encoding: gzip\r\nContent-Length: 5\r\n", "hello"),
       400, ZoomError{300, "Bad request: the request body cannot be read."}},
      {"SmallBodyOnRevokeIsIgnored",
       revoke_with_body("DELETE", "Content-Length: 5\r\n", "hello"), 204, std::nullopt},

      // Percent-encoding.
      {"PercentWithNonHexIs400", revoke("a%zz"), 400, ZoomError{300, kMalformedPath}},
      {"TrailingPercentIs400", revoke("a%"), 400, ZoomError{300, kMalformedPath}},
      {"PercentWithOneHexDigitIs400", revoke("a%4"), 400, ZoomError{300, kMalformedPath}},
      {"EncodedNulIs400", revoke("a%00b"), 400, ZoomError{300, kMalformedPath}},
      {"EncodedNewlineIs400", revoke("a%0Ab"), 400, ZoomError{300, kMalformedPath}},
      {"EncodedCrLfHeaderInjectionIs400", revoke("a%0D%0AX-Injected:%201"), 400,
       ZoomError{300, kMalformedPath}},
      {"EncodedDelIs400", revoke("a%7Fb"), 400, ZoomError{300, kMalformedPath}},

      // NUL and control bytes sent raw.
      {"RawNulInPathIs400", revoke(std::string("a\0b", 3)), 400, ZoomError{300, kMalformedHttp}},
      {"RawControlByteInPathIs400", revoke("a\x01b"), 400, ZoomError{300, kMalformedPath}},
      {"RawTabInPathIs400", revoke("a\tb"), 400, ZoomError{300, kMalformedPath}},
      {"RawEscapeSequenceInPathIs400", revoke("a\x1b[31mred"), 400,
       ZoomError{300, kMalformedPath}},
      {"RawDelInPathIs400", revoke("a\x7f"), 400, ZoomError{300, kMalformedPath}},
      {"SpaceInTargetIs400", revoke("sso user"), 400, ZoomError{300, kMalformedHttp}},

      // Dot segments and encoded slashes: no normalisation, no traversal.
      {"DotDotSegmentIsAnUnknownPath",
       request("DELETE", "/v2/users/../users/sso-user-alice/token"), 404,
       no_operation("DELETE", "/v2/users/../users/sso-user-alice/token")},
      {"DotDotBeforeApiPrefixIsAnUnknownPath",
       request("DELETE", "/v2/../v2/users/sso-user-alice/token"), 404,
       no_operation("DELETE", "/v2/../v2/users/sso-user-alice/token")},
      {"DotDotAsUserIdIsAnUnknownUser", revoke(".."), 404, not_found("..")},
      {"EncodedDotDotIsAnUnknownUser", revoke("%2e%2e"), 404, not_found("..")},
      {"EncodedSlashStaysInTheUserId", revoke("a%2Fb"), 404, not_found("a/b")},
      {"EncodedTraversalStaysInTheUserId", revoke("..%2F..%2Fetc%2Fpasswd"), 404,
       not_found("../../etc/passwd")},
      {"EmptyUserIdIsAnUnknownPath", request("DELETE", "/v2/users//token"), 404,
       no_operation("DELETE", "/v2/users//token")},

      // Bytes that are not UTF-8: echoed with U+FFFD, the body stays JSON.
      {"RawNonUtf8UserIdIs404", revoke("\xff\xfe"), 404,
       not_found(kReplacement + kReplacement)},
      {"EncodedNonUtf8UserIdIs404", revoke("%FF%FE"), 404,
       not_found(kReplacement + kReplacement)},
      {"OverlongUtf8SlashIs404", revoke("%C0%AF"), 404, not_found(kReplacement + kReplacement)},
      {"EncodedUtf8UserIdIsEchoed", revoke("%C3%A9t%C3%A9"), 404, not_found("\xC3\xA9t\xC3\xA9")},
      {"NonUtf8TokenIs401", with_auth("Authorization: Bearer \xff\xfe\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"NonUtf8HeaderValueIsIgnored", with_auth("X-Junk: \xff\xfe\r\n" + kAdminAuth), 204,
       std::nullopt},

      // The Authorization header.
      {"LowercaseAuthorizationHeaderIsServed",
       with_auth("authorization: Bearer mock-admin-token\r\n"), 204, std::nullopt},
      {"UppercaseAuthorizationHeaderIsServed",
       with_auth("AUTHORIZATION: Bearer mock-admin-token\r\n"), 204, std::nullopt},
      {"DuplicateAuthorizationIs401", with_auth(kAdminAuth + kAdminAuth), 401,
       ZoomError{124, kInvalidToken}},
      {"DuplicateAuthorizationDifferingInCaseIs401",
       with_auth(kAdminAuth + "authorization: Bearer mock-admin-token\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"NoAuthorizationIs401", with_auth(""), 401, ZoomError{124, kInvalidToken}},
      {"EmptyAuthorizationIs401", with_auth("Authorization:\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"BearerWithoutTokenIs401", with_auth("Authorization: Bearer\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"BearerWithOnlySpacesIs401", with_auth("Authorization: Bearer    \r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"BearerWithExtraSpacesIsServed",
       with_auth("Authorization:   Bearer    mock-admin-token   \r\n"), 204, std::nullopt},
      {"BearerWithTabIsServed", with_auth("Authorization: Bearer\tmock-admin-token\r\n"), 204,
       std::nullopt},
      {"LowercaseBearerSchemeIsServed", with_auth("Authorization: bearer mock-admin-token\r\n"),
       204, std::nullopt},
      {"BearerWithTwoWordsIs401", with_auth("Authorization: Bearer mock-admin-token x\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"BasicSchemeIs401", with_auth("Authorization: Basic bW9jay1hZG1pbi10b2tlbg==\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"TokenSchemeIs401", with_auth("Authorization: Token mock-admin-token\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"TokenWithoutSchemeIs401", with_auth("Authorization: mock-admin-token\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"TokenPrefixIs401", with_auth("Authorization: Bearer mock-admin-toke\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"TokenWithNulIs401", with_auth(std::string("Authorization: Bearer mock-admin-token\0\r\n",
                                                  41)),
       401, ZoomError{124, kInvalidToken}},
      {"Token8000CharsIs401",
       with_auth("Authorization: Bearer " + std::string(8000, 't') + "\r\n"), 401,
       ZoomError{124, kInvalidToken}},
      {"FoldedAuthorizationIs401", with_auth("Authorization: Bearer\r\n mock-admin-token\r\n"),
       401, ZoomError{124, kInvalidToken}},

      // Request line and HTTP version.
      {"Http10WithoutHostIsServed",
       "DELETE /v2/users/sso-user-alice/token HTTP/1.0\r\n" + kAdminAuth + "\r\n", 204,
       std::nullopt},
      {"Http11WithoutHostIs400",
       "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\n" + kAdminAuth +
           "Connection: close\r\n\r\n",
       400, ZoomError{300, "Bad request: HTTP/1.1 requires a Host header."}},
      {"Http20RequestLineIs400", request("DELETE", "/v2/users/sso-user-alice/token", kAdminAuth,
                                         {}, "HTTP/2.0"),
       400, ZoomError{300, kMalformedHttp}},
      {"MissingVersionIs400", "DELETE /v2/users/sso-user-alice/token\r\n\r\n", 400,
       ZoomError{300, kMalformedHttp}},
      {"LowercaseMethodIs400", request("delete", "/v2/users/sso-user-alice/token"), 400,
       ZoomError{300, kMalformedHttp}},
      {"UnknownMethodIs400", request("FROB", "/v2/users/sso-user-alice/token"), 400,
       ZoomError{300, kMalformedHttp}},
      {"TraceIs400", request("TRACE", "/v2/users/sso-user-alice/token"), 400,
       ZoomError{300, kMalformedHttp}},
      {"HeadIs405WithoutBody", request("HEAD", "/v2/users/sso-user-alice/token"), 405,
       std::nullopt},
      {"OptionsIs405", request("OPTIONS", "/v2/users/sso-user-alice/token"), 405,
       ZoomError{405, "Method OPTIONS is not allowed on /users/{userId}/token; allowed: DELETE."}},
      {"AsteriskTargetIsAnUnknownPath", request("DELETE", "*"), 404, no_operation("DELETE", "*")},
      {"BareLineFeedsAre400",
       "DELETE /v2/users/sso-user-alice/token HTTP/1.1\nHost: x\n" "Authorization: Bearer "
       "mock-admin-token\nConnection: close\n\n",
       400, ZoomError{300, kMalformedHttp}},
      {"EmptyLineBeforeRequestIsSkipped", "\r\n" + revoke("sso-user-alice"), 204, std::nullopt},
      {"BinaryGarbageIs400", std::string("\x01\x02\x03\xff garbage\r\n\r\n", 16), 400,
       ZoomError{300, kMalformedHttp}},
      {"QueryStringIsIgnored", request("DELETE", "/v2/users/sso-user-alice/token?x=%zz&y"), 204,
       std::nullopt},

      // Headers that change how the body is framed or cut.
      {"RangeHeaderDoesNotCutTheErrorBody",
       revoke("nobody", kAdminAuth + "Range: bytes=0-5\r\n"), 404, not_found("nobody")},
      {"ExpectContinueOnRevokeIsServed",
       revoke_with_body("DELETE", "Expect: 100-continue\r\nContent-Length: 2\r\n", "{}"), 204,
       std::nullopt},
  };
}

class HostileInputTest : public ::testing::TestWithParam<HostileCase> {
 protected:
  void SetUp() override { server_ = start_test_server(); }

  std::unique_ptr<Server> server_;
};

TEST_P(HostileInputTest, GetsAClearAnswerAndTheServerStaysUp) {
  const HostileCase& test_case = GetParam();
  RawConnection connection(server_->port());
  // Not asserted: the server may answer and close before all is sent (an
  // early 413); the answer is still there to read.
  connection.send(test_case.request);
  const bool head = std::string_view(test_case.request).starts_with("HEAD ");
  auto response = connection.read_response(3s, head);
  while (response && response->status == 100) response = connection.read_response(3s, head);
  ASSERT_TRUE(response) << "no response; connection "
                        << (connection.last_end() == ReadEnd::kClosed ? "closed" : "timed out")
                        << "; received: " << connection.pending();
  EXPECT_EQ(response->status, test_case.status) << response->body;
  if (test_case.error) {
    expect_zoom_error(*response, *test_case.error);
  } else {
    EXPECT_EQ(response->body, "");
  }
  expect_server_still_serves(server_->port());
}

INSTANTIATE_TEST_SUITE_P(Requests, HostileInputTest, ::testing::ValuesIn(hostile_cases()),
                         [](const ::testing::TestParamInfo<HostileCase>& info) {
                           return info.param.name;
                         });

std::size_t open_fd_count() {
  std::size_t count = 0;
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    while (::readdir(dir) != nullptr) ++count;
    ::closedir(dir);
  }
  return count;
}

using HostileConnectionTest = RobustnessTest;

TEST_F(HostileConnectionTest, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection connection(port_);
  const std::string unknown_user =
      "DELETE /v2/users/nobody/token HTTP/1.1\r\nHost: x\r\n" + kAdminAuth + "\r\n";
  const std::string bad_token =
      "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer nope\r\n\r\n";
  ASSERT_TRUE(connection.send(std::string(kGoodRevoke) + unknown_user + bad_token +
                              std::string(kGoodRevoke)));
  for (const int expected : {204, 404, 401, 204}) {
    const auto response = connection.read_response(1s);
    ASSERT_TRUE(response) << "pipelined request expecting " << expected << " was not answered";
    EXPECT_EQ(response->status, expected);
  }
  EXPECT_EQ(alice_revocations(port_), 2);
}

TEST_F(HostileConnectionTest, BodyTheServerDoesNotReadNeverBecomesARequest) {
  // A GET carrying a body that is itself a revoke: the body must not be
  // taken for a second request, whether it arrives with the headers or after.
  const std::string smuggled(kGoodRevoke);
  const std::string head = "GET /__admin/health HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                           std::to_string(smuggled.size()) + "\r\n\r\n";
  for (const bool separate_packet : {false, true}) {
    RawConnection connection(port_);
    ASSERT_TRUE(connection.send(head));
    if (separate_packet) std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(connection.send(smuggled));
    const auto response = connection.read_response(1s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_FALSE(connection.read_response(500ms)) << "the body was answered as a request";
  }
  // The same for a DELETE whose chunked body cpp-httplib does not read.
  RawConnection connection(port_);
  ASSERT_TRUE(connection.send(
      "DELETE /v2/users/nobody/token HTTP/1.1\r\nHost: x\r\n" + kAdminAuth +
      "Transfer-Encoding: chunked\r\n\r\n" + hex_size(smuggled.size()) + "\r\n"));
  std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(connection.send(smuggled + "\r\n0\r\n\r\n"));
  const auto response = connection.read_response(1s);
  ASSERT_TRUE(response);
  EXPECT_FALSE(connection.read_response(500ms)) << "the body was answered as a request";
  EXPECT_EQ(alice_revocations(port_), 0);
}

TEST_F(HostileConnectionTest, UnparsableRequestClosesTheConnection) {
  // After a request whose framing is lost, HTTP says to close: the server
  // cannot know where the next request would start.
  RawConnection connection(port_);
  ASSERT_TRUE(connection.send("NONSENSE\r\n\r\n"));
  const auto response = connection.read_response(1s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->header("Connection"), "close");
  EXPECT_TRUE(connection.closed_within(1s));
}

TEST_F(HostileConnectionTest, ClientsVanishingMidRequestLeakNothing) {
  expect_server_still_serves(port_);
  const std::size_t fds_before = open_fd_count();
  const std::vector<std::string> partial = {
      "DELETE /v2/users/sso-",
      "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\n",
      "POST /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
      "only part of the body",
      "GET /__admin/health HTTP/1.1\r\nHost: x\r\n\r\n",  // gone before the answer
  };
  for (int round = 0; round < 25; ++round) {
    for (const std::string& bytes : partial) {
      RawConnection connection(port_);
      ASSERT_TRUE(connection.send(bytes));
      if (round % 2 == 0) {
        connection.reset();
      } else {
        connection.finish_sending();
      }
    }
  }
  expect_server_still_serves(port_);
  // Every server-side socket is closed once the server notices the peer left.
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (open_fd_count() > fds_before && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_LE(open_fd_count(), fds_before);
}

}  // namespace
}  // namespace zoom_mock::robustness
