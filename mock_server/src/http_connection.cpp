#include "http_connection.h"

#include <netinet/in.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "elastic_pool.h"
#include "event_loop.h"
#include "fast_path.h"

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
  // Read what is there; wait (up to `timeout`) only when nothing is.
  for (bool waited = false;; waited = true) {
    switch (read_available()) {
      case Arrival::kData:
        return Fill::kData;
      case Arrival::kEnd:
        return Fill::kEnd;
      case Arrival::kNothing:
        break;
    }
    if (waited) return Fill::kTimeout;  // readable, yet nothing to read
    const int ready = poll_one(socket_, POLLIN, to_poll_timeout(timeout));
    if (ready < 0) return Fill::kEnd;
    if (ready == 0) return Fill::kTimeout;
  }
}

ConnectionStream::Next ConnectionStream::wait_for_request(
    std::chrono::milliseconds idle_timeout, int stop_fd) {
  bool stopping = false;
  for (;;) {
    skip_empty_lines();
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

ConnectionStream::Arrival ConnectionStream::read_available() {
  if (begin_ == end_) begin_ = end_ = 0;
  if (end_ == buffer_.size() && begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) return Arrival::kData;  // full: the buffer is the news
  for (;;) {
    const ssize_t n =
        ::recv(socket_, buffer_.data() + end_, buffer_.size() - end_, MSG_DONTWAIT);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return Arrival::kData;
    }
    if (n == 0) return Arrival::kEnd;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? Arrival::kNothing : Arrival::kEnd;
  }
}

void ConnectionStream::skip_empty_lines() {
  while (begin_ < end_ && (buffer_[begin_] == '\r' || buffer_[begin_] == '\n')) ++begin_;
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
  // Send at once; when the socket's buffer is full, keep the rest (while
  // deferring) or wait up to the write timeout. Kept bytes go out first.
  std::size_t sent = 0;
  while (sent < size) {
    if (defer_writes_ && !unsent_.empty()) break;
    const ssize_t n = ::send(socket_, ptr + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) {
      sent += static_cast<std::size_t>(n);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (defer_writes_) break;
      if (poll_one(socket_, POLLOUT, to_poll_timeout(write_timeout_)) <= 0) return -1;
    } else if (errno != EINTR) {
      return -1;
    }
  }
  unsent_.append(ptr + sent, size - sent);
  return static_cast<ssize_t>(size);
}

bool ConnectionStream::write_deferred() {
  defer_writes_ = false;
  std::string unsent;
  unsent.swap(unsent_);
  return unsent.empty() || write(unsent.data(), unsent.size()) == static_cast<ssize_t>(unsent.size());
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

// Runs cpp-httplib's accept loop's tasks where they are posted: each is
// process_and_close_socket, which only hands the socket on.
class HttpServer::AcceptQueue final : public httplib::TaskQueue {
 public:
  explicit AcceptQueue(HttpServer& server) : server_(server) {}
  void enqueue(std::function<void()> task) override { task(); }
  void shutdown() override { server_.shut_down_connections(); }

 private:
  HttpServer& server_;
};

HttpServer::HttpServer() : stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  new_task_queue = [this] {
    start_connections();
    return new AcceptQueue(*this);
  };
}

HttpServer::~HttpServer() {
  shut_down_connections();
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

void HttpServer::set_connection_model(std::size_t io_threads, std::size_t max_connections) {
  io_threads_ = io_threads;
  max_connections_ = std::max<std::size_t>(1, max_connections);
}

void HttpServer::start_connections() {
  if (threads_) return;
  keep_alive_value_ = "timeout=" + std::to_string(keep_alive_timeout_sec_) +
                      ", max=" + std::to_string(keep_alive_max_count_);
  // Without loops every connection needs a thread; keep two ready.
  threads_ = std::make_unique<ElasticPool>(io_threads_ == 0 ? 2 : 0, max_connections_);
  EventLoop::Callbacks callbacks{
      [this](LoopConnection& connection, bool stopping) {
        return serve_in_loop(connection, stopping);
      },
      [this](std::unique_ptr<LoopConnection> connection) {
        std::shared_ptr<LoopConnection> moved(std::move(connection));
        if (!threads_->try_enqueue([this, moved] { serve_released(*moved); })) {
          ::close(moved->stream.socket());
          connection_closed();
        }
      },
      [this] { connection_closed(); }};
  for (std::size_t i = 0; i < io_threads_; ++i) {
    loops_.push_back(std::make_unique<EventLoop>(
        callbacks, std::chrono::seconds(keep_alive_timeout_sec_), stop_fd_));
  }
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

namespace {

// Reads requests from a string; what is written is dropped.
class ScriptedStream final : public httplib::Stream {
 public:
  explicit ScriptedStream(std::string_view input) : input_(input) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, std::size_t size) override {
    const std::size_t n = std::min(size, input_.size());
    std::memcpy(ptr, input_.data(), n);
    input_.remove_prefix(n);
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char*, std::size_t size) override { return static_cast<ssize_t>(size); }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  std::string_view input_;
};

class ParserWarmUp final : public httplib::Server {
 public:
  ParserWarmUp() {
    const auto echo = [](const httplib::Request& request, httplib::Response& response) {
      response.set_content(request.body.empty() ? std::string("warm") : request.body,
                           "text/plain");
    };
    Get("/w", echo);
    Post("/w", echo);
  }
  void serve(std::string_view request) {
    ScriptedStream stream(request);
    bool closed = false;
    process_request(stream, true, closed, nullptr);
  }
};

}  // namespace

void initialise_http_parser() {
  static const bool done = [] {
    ParserWarmUp server;
    server.serve(
        "GET /w?a=b&c=%41 HTTP/1.1\r\nHost: w\r\nRange: bytes=0-1,2-3\r\n"
        "Accept-Encoding: gzip, br\r\n\r\n");
    server.serve(
        "POST /w HTTP/1.1\r\nHost: w\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Expect: 100-continue\r\nContent-Length: 7\r\n\r\na=b&c=d");
    server.serve(
        "POST /w HTTP/1.1\r\nHost: w\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n");
    const std::string part =
        "--b0\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\"\r\n"
        "Content-Type: text/plain\r\n\r\nxyz\r\n--b0--\r\n";
    server.serve("POST /w HTTP/1.1\r\nHost: w\r\nContent-Type: multipart/form-data; "
                 "boundary=b0\r\nContent-Length: " +
                 std::to_string(part.size()) + "\r\n\r\n" + part);
    return true;
  }();
  static_cast<void>(done);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  {
    std::lock_guard lock(admission_mutex_);
    if (shutting_down_) {
      ::close(sock);
      return false;
    }
    if (open_connections_ >= max_connections_) {
      waiting_.push_back(sock);
      return true;
    }
    ++open_connections_;
  }
  dispatch(sock);
  return true;
}

void HttpServer::dispatch(int socket) {
  using std::chrono::microseconds;
  using std::chrono::seconds;
  auto connection = std::make_unique<LoopConnection>(
      socket, seconds(read_timeout_sec_) + microseconds(read_timeout_usec_),
      seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
  if (!loops_.empty()) {
    EventLoop* loop;
    {
      std::lock_guard lock(admission_mutex_);
      loop = loops_[next_loop_++ % loops_.size()].get();
    }
    if (!loop->adopt(connection)) {  // the server is stopping
      ::close(socket);
      connection_closed();
    }
    return;
  }
  std::shared_ptr<LoopConnection> moved(std::move(connection));
  if (!threads_->try_enqueue([this, moved] { serve_released(*moved); })) {
    ::close(socket);  // the server is stopping
    connection_closed();
  }
}

void HttpServer::serve_released(LoopConnection& connection) {
  ConnectionStream& stream = connection.stream;
  if (!stream.write_deferred()) {
    ::close(stream.socket());
  } else if (connection.close_only) {
    stream.close_gracefully();
  } else {
    serve_on_thread(stream, connection.served, connection.stopping);
  }
  connection_closed();
}

void HttpServer::connection_closed() {
  int next = -1;
  {
    std::lock_guard lock(admission_mutex_);
    if (!waiting_.empty() && !shutting_down_) {
      next = waiting_.front();
      waiting_.pop_front();
    } else {
      --open_connections_;
    }
  }
  if (next >= 0) dispatch(next);
}

void HttpServer::shut_down_connections() {
  wake_idle_connections();
  std::deque<int> waiting;
  {
    std::lock_guard lock(admission_mutex_);
    shutting_down_ = true;
    waiting.swap(waiting_);
  }
  for (const int socket : waiting) ::close(socket);
  // The loops hand their last requests to threads; the threads finish them.
  for (auto& loop : loops_) loop->join();
  if (threads_) threads_->shutdown();
  loops_.clear();
  threads_.reset();
}

bool HttpServer::serve_request(ConnectionStream& stream, std::size_t served, bool last_by_stop,
                               bool on_event_loop) {
  ConnectionState& state = ConnectionState::current();
  state = ConnectionState();
  state.socket = stream.socket();
  state.on_event_loop = on_event_loop;
  stream.begin_request();
  const bool last =
      last_by_stop || served + 1 >= keep_alive_max_count_ || svr_sock_ == INVALID_SOCKET;
  bool client_closes = false;
  const bool ok = process_request(stream, last, client_closes, nullptr);
  // A body the handlers did not read to its end would be taken for the
  // next request: close instead.
  const bool body_left =
      (state.content_length && stream.body_bytes_read() < *state.content_length) ||
      (state.chunked && !state.body_read);
  return ok && !last && !client_closes && !state.close_after_response && !body_left;
}

void HttpServer::serve_on_thread(ConnectionStream& stream, std::size_t served, bool stopping) {
  for (;; ++served) {
    const auto next = stream.wait_for_request(std::chrono::seconds(keep_alive_timeout_sec_),
                                              stop_fd_);
    if (next == ConnectionStream::Next::kNone) break;
    if (!serve_request(stream, served, stopping || next == ConnectionStream::Next::kLastRequest,
                       false)) {
      break;
    }
  }
  stream.close_gracefully();
}

LoopVerdict HttpServer::serve_in_loop(LoopConnection& connection, bool stopping) {
  ConnectionStream& stream = connection.stream;
  const auto arrival = stream.read_available();
  stream.skip_empty_lines();
  if (stopping) {
    // A request that arrived is answered, on a thread, as the last one.
    connection.stopping = true;
    return stream.buffered().empty() ? LoopVerdict::kClose : LoopVerdict::kRelease;
  }
  if (stream.buffered().empty()) {
    return arrival == ConnectionStream::Arrival::kEnd ? LoopVerdict::kClose : LoopVerdict::kKeep;
  }

  // Nothing here may wait: answers the socket does not take at once are
  // kept and sent by the thread the connection then moves to.
  stream.defer_blocked_writes(true);
  // The fast path's answers go out together, before anything else writes.
  thread_local std::string out;
  thread_local SimpleRequest request;
  out.clear();
  auto flush = [&stream] {
    const bool sent = out.empty() || stream.write(out.data(), out.size()) >= 0;
    out.clear();
    return sent;
  };
  // Reads past a request cut by the buffer's end, at most this often a
  // turn, so one fast pipelining client cannot keep the loop to itself.
  constexpr int kMaxRefills = 16;
  int refills = 0;
  bool release = false;
  for (;;) {
    stream.skip_empty_lines();
    const std::string_view data = stream.buffered();
    if (data.empty() || stream.has_unsent()) break;
    // Faults may sleep or break the connection: a thread plays them.
    if (loop_serving_allowed_ && !loop_serving_allowed_()) {
      release = true;
      break;
    }
    if (fast_handler_ && connection.served + 1 < keep_alive_max_count_ &&
        parse_simple_request(data, request)) {
      fast_handler_(request, keep_alive_value_, out);
      stream.consume(request.size);
      ++connection.served;
      continue;
    }
    if (!flush()) return LoopVerdict::kClose;
    // cpp-httplib's turn, here only if it cannot wait for bytes or a fault.
    if (!request_is_buffered(data)) {
      // The rest may already be in the socket (a read that filled the
      // buffer cut it); otherwise a thread waits for it.
      if (++refills <= kMaxRefills && !stream.buffer_full() &&
          stream.read_available() == ConnectionStream::Arrival::kData) {
        continue;
      }
      return LoopVerdict::kRelease;
    }
    if (!serve_request(stream, connection.served++, false, true)) {
      connection.close_only = true;
      return LoopVerdict::kRelease;
    }
  }
  if (!flush()) return LoopVerdict::kClose;
  if (release || stream.has_unsent()) return LoopVerdict::kRelease;
  return arrival == ConnectionStream::Arrival::kEnd ? LoopVerdict::kClose : LoopVerdict::kKeep;
}

}  // namespace zoom_mock
