// Private: the connection loop the server runs in place of cpp-httplib's.
//
// cpp-httplib 0.11.4 reads each request of a keep-alive connection through
// a fresh stream, so bytes it read ahead (pipelined requests) are dropped;
// it waits for the next request by waking every 10 ms; at shutdown it
// closes a connection even when a request has already arrived on it; and it
// cannot tell a handler's "close after this answer" to the loop. Here one
// ConnectionStream with one read buffer serves the whole connection, the
// wait is one poll on the socket and a stop signal, a request that arrived
// before the stop is still answered, and ConnectionState carries what the
// handlers learn about the request to the loop.
//
// Thread safety: a connection is served on one thread from accept to close;
// ConnectionState::current() is that thread's state. stop_listener may be
// called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

namespace zoom_mock {

// The request head (request line and headers) may not exceed this.
inline constexpr std::size_t kMaxRequestHeadBytes = 64 * 1024;

// What is known about the request being served on this thread's connection.
struct ConnectionState {
  int socket = -1;
  // Set by handlers: the connection cannot carry another request (framing
  // lost, body left unread); the loop closes it after this response.
  bool close_after_response = false;
  // Set by the stream: a read timed out mid-request, or the head grew past
  // kMaxRequestHeadBytes.
  bool timed_out = false;
  bool head_too_large = false;
  // Set by the pre-routing check: the body the request declares.
  std::optional<std::size_t> content_length;
  bool chunked = false;
  // Set by read_body once a chunked body was read to its end.
  bool body_read = false;

  static ConnectionState& current();
};

// One connection's socket with a read buffer kept across its requests.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int socket, std::chrono::microseconds read_timeout,
                   std::chrono::microseconds write_timeout);

  enum class Next { kRequest, kLastRequest, kNone };
  // Waits for the first byte of the next request (skipping empty lines
  // sent before it). kLastRequest: it arrived, but the server is stopping.
  Next wait_for_request(std::chrono::milliseconds idle_timeout, int stop_fd);
  // Starts counting the head and body bytes of a new request.
  void begin_request();
  std::size_t body_bytes_read() const { return body_bytes_; }
  // Half-closes, reads what the peer still sends for a moment (so a reset
  // does not destroy the response in flight), then closes.
  void close_gracefully();

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, std::size_t size) override;
  ssize_t write(const char* ptr, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return socket_; }

 private:
  // Reads more bytes into the buffer, waiting up to `timeout` for them.
  enum class Fill { kData, kEnd, kTimeout };  // kEnd: end of input or an error
  Fill fill(std::chrono::microseconds timeout);
  void count_consumed(const char* data, std::size_t size);

  int socket_;
  std::chrono::microseconds read_timeout_;
  std::chrono::microseconds write_timeout_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool in_head_ = true;
  std::size_t head_bytes_ = 0;
  std::size_t body_bytes_ = 0;
  std::uint32_t last_four_ = 0;  // the last bytes of the head, to find its end
};

// cpp-httplib's server with the connection loop above (plain HTTP; an
// httplib::SSLServer keeps cpp-httplib's own loop).
class HttpServer final : public httplib::Server {
 public:
  HttpServer();
  ~HttpServer() override;

  // Wakes every connection waiting for its next request, so a stopping
  // server closes idle connections at once.
  void wake_idle_connections();

 private:
  bool process_and_close_socket(socket_t sock) override;

  int stop_fd_;  // an eventfd, readable once wake_idle_connections() ran
};

// Stops `http` as httplib::Server::stop does, first waking the idle
// connections of an HttpServer.
void stop_listener(httplib::Server& http);

}  // namespace zoom_mock
