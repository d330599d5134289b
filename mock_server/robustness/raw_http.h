// A raw HTTP/1.1 client for the robustness tests: it sends bytes exactly as
// given (malformed, pipelined, one at a time) and reads the answers one
// response at a time, so a test sees what the server does with the
// connection after each request. Not a general client: it reads bodies by
// Content-Length only, which is all the server sends.
//
// Thread safety: one RawConnection per thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zoom_mock::robustness {

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // as received
  std::string body;

  // The first header named `name` (case-insensitive); "" when absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
};

// How a read ended when no response came.
enum class ReadEnd {
  kResponse,  // a complete response was read
  kClosed,    // the peer closed (FIN or reset) before a complete response
  kTimeout,   // nothing complete within the timeout, connection still open
  kMalformed  // bytes that are not an HTTP response
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error on failure.
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the peer is gone.
  bool send(std::string_view bytes);
  // One byte at a time, `gap` apart.
  bool send_slowly(std::string_view bytes, std::chrono::milliseconds gap);
  // Half-closes the sending side (the server sees end of input).
  void finish_sending();
  // Closes with a reset (SO_LINGER 0): a client vanishing mid-request.
  void reset();

  // Reads the next response. `head` is true for a response to HEAD (no body).
  std::optional<RawResponse> read_response(std::chrono::milliseconds timeout,
                                           bool head = false);
  // Why the last read_response returned nullopt.
  ReadEnd last_end() const { return last_end_; }
  // True when the peer closes within `timeout` without sending anything more.
  bool closed_within(std::chrono::milliseconds timeout);
  // Bytes received and not yet consumed as a response.
  const std::string& pending() const { return buffer_; }

 private:
  // Receives more bytes until `deadline`; false on close or timeout.
  bool receive_until(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
  bool peer_closed_ = false;
  ReadEnd last_end_ = ReadEnd::kResponse;
};

// Sends `request` on a fresh connection and reads one response.
std::optional<RawResponse> exchange(int port, std::string_view request,
                                    std::chrono::milliseconds timeout =
                                        std::chrono::milliseconds(3000));

// The request every robustness test uses to check the server still works:
// DELETE /v2/users/sso-user-alice/token with the admin token (204).
inline constexpr std::string_view kGoodRevoke =
    "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\n"
    "Host: 127.0.0.1\r\n"
    "Authorization: Bearer mock-admin-token\r\n"
    "\r\n";

}  // namespace zoom_mock::robustness
