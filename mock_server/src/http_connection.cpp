#include "http_connection.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace zoom_mock {
namespace {

constexpr std::size_t kReadBufferBytes = 16 * 1024;
constexpr std::uint32_t kEndOfHead = 0x0d0a0d0a;  // "\r\n\r\n"

int to_poll_timeout(std::chrono::microseconds timeout) {
  return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(timeout).count());
}

// Polls one descriptor; > 0 when ready, 0 on timeout, < 0 on error.
int poll_one(int fd, short events, int timeout_ms) {
  pollfd pfd{fd, events, 0};
  int ready;
  do {
    ready = ::poll(&pfd, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  return ready;
}

void address_of(int socket, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  const int rc = peer ? ::getpeername(socket, reinterpret_cast<sockaddr*>(&address), &length)
                      : ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
  if (rc != 0) return;
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

}  // namespace

ConnectionState& ConnectionState::current() {
  thread_local ConnectionState state;
  return state;
}

ConnectionStream::ConnectionStream(int socket, std::chrono::microseconds read_timeout,
                                   std::chrono::microseconds write_timeout)
    : socket_(socket),
      read_timeout_(read_timeout),
      write_timeout_(write_timeout),
      buffer_(kReadBufferBytes) {}

ConnectionStream::Fill ConnectionStream::fill(std::chrono::microseconds timeout) {
  if (begin_ == end_) begin_ = end_ = 0;
  if (end_ == buffer_.size()) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  // Read what is there; wait (up to `timeout`) only when nothing is.
  bool waited = false;
  for (;;) {
    const ssize_t n =
        ::recv(socket_, buffer_.data() + end_, buffer_.size() - end_, MSG_DONTWAIT);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return Fill::kData;
    }
    if (n == 0) return Fill::kEnd;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Fill::kEnd;
    if (waited) return Fill::kTimeout;  // readable, yet nothing to read
    const int ready = poll_one(socket_, POLLIN, to_poll_timeout(timeout));
    if (ready < 0) return Fill::kEnd;
    if (ready == 0) return Fill::kTimeout;
    waited = true;
  }
}

ConnectionStream::Next ConnectionStream::wait_for_request(
    std::chrono::milliseconds idle_timeout, int stop_fd) {
  bool stopping = false;
  for (;;) {
    // HTTP lets a server ignore empty lines before a request line.
    while (begin_ < end_ && (buffer_[begin_] == '\r' || buffer_[begin_] == '\n')) ++begin_;
    if (begin_ < end_) return stopping ? Next::kLastRequest : Next::kRequest;

    pollfd fds[2] = {{socket_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    const int ready = ::poll(fds, stopping ? 1 : 2, stopping ? 0 : to_poll_timeout(idle_timeout));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return Next::kNone;  // idle for too long, or stopping with nothing sent
    if (fds[0].revents != 0) {
      if (fill(std::chrono::microseconds(0)) == Fill::kEnd) return Next::kNone;
    } else {
      stopping = true;  // look once more for a request that already arrived
    }
  }
}

void ConnectionStream::begin_request() {
  in_head_ = true;
  head_bytes_ = 0;
  body_bytes_ = 0;
  last_four_ = 0;
}

void ConnectionStream::count_consumed(const char* data, std::size_t size) {
  std::size_t i = 0;
  for (; in_head_ && i < size; ++i) {
    last_four_ = (last_four_ << 8) | static_cast<unsigned char>(data[i]);
    ++head_bytes_;
    if (last_four_ == kEndOfHead) in_head_ = false;
  }
  body_bytes_ += size - i;
}

ssize_t ConnectionStream::read(char* ptr, std::size_t size) {
  if (in_head_ && head_bytes_ >= kMaxRequestHeadBytes) {
    ConnectionState::current().head_too_large = true;
    return -1;
  }
  if (begin_ == end_) {
    switch (fill(read_timeout_)) {
      case Fill::kData:
        break;
      case Fill::kEnd:
        return 0;
      case Fill::kTimeout:
        ConnectionState::current().timed_out = true;
        return -1;
    }
  }
  const std::size_t n = std::min(size, end_ - begin_);
  std::memcpy(ptr, buffer_.data() + begin_, n);
  begin_ += n;
  count_consumed(ptr, n);
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, std::size_t size) {
  std::size_t sent = 0;
  while (sent < size) {
    // Send at once; wait (up to the write timeout) only when the socket's
    // buffer is full.
    const ssize_t n = ::send(socket_, ptr + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) {
      sent += static_cast<std::size_t>(n);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (poll_one(socket_, POLLOUT, to_poll_timeout(write_timeout_)) <= 0) return -1;
    } else if (errno != EINTR) {
      return -1;
    }
  }
  return static_cast<ssize_t>(sent);
}

bool ConnectionStream::is_readable() const {
  return begin_ < end_ || poll_one(socket_, POLLIN, to_poll_timeout(read_timeout_)) > 0;
}

bool ConnectionStream::is_writable() const {
  return poll_one(socket_, POLLOUT, to_poll_timeout(write_timeout_)) > 0;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  address_of(socket_, true, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  address_of(socket_, false, ip, port);
}

void ConnectionStream::close_gracefully() {
  ::shutdown(socket_, SHUT_WR);
  constexpr int kLingerMs = 100;
  constexpr std::size_t kLingerBytes = 256 * 1024;
  std::size_t drained = 0;
  char sink[4096];
  while (drained < kLingerBytes && poll_one(socket_, POLLIN, kLingerMs) > 0) {
    const ssize_t n = ::recv(socket_, sink, sizeof sink, 0);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
  ::close(socket_);
}

HttpServer::HttpServer() : stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

HttpServer::~HttpServer() {
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

void HttpServer::wake_idle_connections() {
  const std::uint64_t one = 1;
  if (stop_fd_ >= 0) {
    const ssize_t written = ::write(stop_fd_, &one, sizeof one);
    static_cast<void>(written);  // an eventfd write of 1 cannot fail short
  }
}

void stop_listener(httplib::Server& http) {
  if (auto* ours = dynamic_cast<HttpServer*>(&http)) ours->wake_idle_connections();
  http.stop();
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  using std::chrono::microseconds;
  using std::chrono::seconds;
  ConnectionStream stream(sock, seconds(read_timeout_sec_) + microseconds(read_timeout_usec_),
                          seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
  ConnectionState& state = ConnectionState::current();
  bool ok = true;
  for (std::size_t served = 0; ok && served < keep_alive_max_count_; ++served) {
    const auto next = stream.wait_for_request(seconds(keep_alive_timeout_sec_), stop_fd_);
    if (next == ConnectionStream::Next::kNone) break;
    state = ConnectionState();
    state.socket = sock;
    stream.begin_request();
    const bool last = next == ConnectionStream::Next::kLastRequest ||
                      served + 1 == keep_alive_max_count_ || svr_sock_ == INVALID_SOCKET;
    bool client_closes = false;
    ok = process_request(stream, last, client_closes, nullptr);
    // A body the handlers did not read to its end would be taken for the
    // next request: close instead.
    const bool body_left = (state.content_length && stream.body_bytes_read() <
                                                         *state.content_length) ||
                           (state.chunked && !state.body_read);
    if (last || client_closes || state.close_after_response || body_left) break;
  }
  stream.close_gracefully();
  return ok;
}

}  // namespace zoom_mock
