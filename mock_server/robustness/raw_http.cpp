#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <stdexcept>
#include <thread>

namespace zoom_mock::robustness {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string RawResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

bool RawResponse::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return iequals(h.first, name); });
}

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error("cannot connect to port " + std::to_string(port) + ": errno " +
                             std::to_string(error));
  }
  const int yes = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawConnection::send_slowly(std::string_view bytes, std::chrono::milliseconds gap) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (!send(bytes.substr(i, 1))) return false;
    if (i + 1 < bytes.size()) std::this_thread::sleep_for(gap);
  }
  return true;
}

void RawConnection::finish_sending() { ::shutdown(fd_, SHUT_WR); }

void RawConnection::reset() {
  const linger abortive{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
  ::close(fd_);
  fd_ = -1;
}

bool RawConnection::receive_until(std::chrono::steady_clock::time_point deadline) {
  if (peer_closed_) return false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      peer_closed_ = true;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

std::optional<RawResponse> RawConnection::read_response(std::chrono::milliseconds timeout,
                                                        bool head) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto give_up = [this] {
    last_end_ = peer_closed_ ? ReadEnd::kClosed : ReadEnd::kTimeout;
    return std::nullopt;
  };
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!receive_until(deadline)) return give_up();
  }

  RawResponse response;
  const std::string_view head_block(buffer_.data(), header_end);
  const std::size_t line_end = head_block.find("\r\n");
  const std::string_view status_line = head_block.substr(0, line_end);
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12 ||
      std::from_chars(status_line.data() + 9, status_line.data() + 12, response.status).ec !=
          std::errc()) {
    last_end_ = ReadEnd::kMalformed;
    return std::nullopt;
  }
  std::size_t pos = line_end == std::string_view::npos ? head_block.size() : line_end + 2;
  while (pos < head_block.size()) {
    std::size_t end = head_block.find("\r\n", pos);
    if (end == std::string_view::npos) end = head_block.size();
    const std::string_view line = head_block.substr(pos, end - pos);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      last_end_ = ReadEnd::kMalformed;
      return std::nullopt;
    }
    response.headers.emplace_back(std::string(line.substr(0, colon)),
                                  std::string(trim(line.substr(colon + 1))));
    pos = end + 2;
  }

  std::size_t body_length = 0;
  const std::string length_text = response.header("Content-Length");
  const bool bodiless = head || response.status == 204 || response.status == 304 ||
                        response.status / 100 == 1;
  if (!bodiless && !length_text.empty() &&
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), body_length)
              .ec != std::errc()) {
    last_end_ = ReadEnd::kMalformed;
    return std::nullopt;
  }
  if (bodiless) body_length = 0;
  const std::size_t body_start = header_end + 4;
  while (buffer_.size() < body_start + body_length) {
    if (!receive_until(deadline)) return give_up();
  }
  response.body = buffer_.substr(body_start, body_length);
  buffer_.erase(0, body_start + body_length);
  last_end_ = ReadEnd::kResponse;
  return response;
}

bool RawConnection::closed_within(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::size_t had = buffer_.size();
  while (receive_until(deadline)) {
  }
  return peer_closed_ && buffer_.size() == had;
}

std::optional<RawResponse> exchange(int port, std::string_view request,
                                    std::chrono::milliseconds timeout) {
  RawConnection connection(port);
  if (!connection.send(request)) return std::nullopt;
  return connection.read_response(timeout, request.starts_with("HEAD "));
}

}  // namespace zoom_mock::robustness
