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
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace zoom_mock {

// The request head (request line and headers) may not exceed this.
inline constexpr std::size_t kMaxRequestHeadBytes = 64 * 1024;
// The largest request body the server reads; past it a request is
// refused (413) without its body being read.
inline constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;

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
  // Set while an event loop serves the request: nothing may wait (so no
  // fault is played; the loop moves connections to threads for those).
  bool on_event_loop = false;

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

  // For the event loop: reads what has arrived without waiting.
  enum class Arrival { kData, kNothing, kEnd };  // kEnd: end of input or an error
  Arrival read_available();
  // Drops empty lines before a request (HTTP lets a server ignore them).
  void skip_empty_lines();
  // The bytes received and not yet consumed.
  std::string_view buffered() const {
    return {buffer_.data() + begin_, end_ - begin_};
  }
  void consume(std::size_t bytes) { begin_ += bytes; }
  // No room to read more: one request fills the whole buffer.
  bool buffer_full() const { return begin_ == 0 && end_ == buffer_.size(); }

  // While set, write() never waits: what the socket does not take at once
  // is kept, in order, until write_deferred() sends it (an event loop must
  // not wait for a client that does not read).
  void defer_blocked_writes(bool defer) { defer_writes_ = defer; }
  bool has_unsent() const { return !unsent_.empty(); }
  // Sends what was kept, waiting up to the write timeout; false on failure.
  bool write_deferred();

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
  bool defer_writes_ = false;
  std::string unsent_;
};

// A connection while an event loop (event_loop.h) holds it.
struct LoopConnection {
  LoopConnection(int socket, std::chrono::microseconds read_timeout,
                 std::chrono::microseconds write_timeout)
      : stream(socket, read_timeout, write_timeout) {}

  ConnectionStream stream;
  std::size_t served = 0;  // requests answered on this connection
  std::chrono::steady_clock::time_point last_active;
  // Set when released: close it gracefully instead of serving it further.
  bool close_only = false;
  // Set when released because the server stops: its request is the last.
  bool stopping = false;
};

// What the loop does with a connection after its turn.
enum class LoopVerdict {
  kKeep,     // wait for its next request in the loop
  kClose,    // close it now (the peer is gone, or nothing is owed)
  kRelease,  // move it to a thread of its own
};

class EventLoop;
class ElasticPool;
struct SimpleRequest;

// cpp-httplib's server with the connections above (plain HTTP; an
// httplib::SSLServer keeps cpp-httplib's own loop). Connections wait in
// event loops (event_loop.h), where requests that have fully arrived are
// answered: the simple ones by the fast handler, the others by
// cpp-httplib's parser and routes. A connection whose request is still
// arriving, or that meets a fault, moves to a thread of its own for the
// rest of its life, served as described above.
class HttpServer final : public httplib::Server {
 public:
  // Answers a simple request (fast_path.h) by appending the response to
  // `out`. `keep_alive` is the Keep-Alive header's value.
  using FastHandler =
      std::function<void(const SimpleRequest&, std::string_view keep_alive, std::string& out)>;

  HttpServer();
  ~HttpServer() override;

  // Before listening. `io_threads` event loops (0: a thread per connection
  // from accept to close); at most `max_connections` connections are
  // served at once, later ones wait until one closes.
  void set_connection_model(std::size_t io_threads, std::size_t max_connections);
  void set_fast_handler(FastHandler handler) { fast_handler_ = std::move(handler); }
  // Asked before each request a loop would answer; false moves the
  // connection to a thread (requests that may sleep or break the
  // connection: faults).
  void set_loop_serving_allowed(std::function<bool()> allowed) {
    loop_serving_allowed_ = std::move(allowed);
  }

  // Starts the loops and threads (once; listening does it otherwise), so
  // the server holds its descriptors before it answers.
  void start_connections();

  // Wakes every connection waiting for its next request, so a stopping
  // server closes idle connections at once.
  void wake_idle_connections();

 private:
  class AcceptQueue;

  bool process_and_close_socket(socket_t sock) override;
  void dispatch(int socket);
  void connection_closed();
  // The listener stopped: ends the loops and threads, closes waiting sockets.
  void shut_down_connections();
  LoopVerdict serve_in_loop(LoopConnection& connection, bool stopping);
  // Serves the request at the front of `stream` with cpp-httplib; false
  // when the connection must close after it.
  bool serve_request(ConnectionStream& stream, std::size_t served, bool last_by_stop,
                     bool on_event_loop);
  // Serves requests until the connection ends, then closes it. With
  // `stopping`, the request already received is the last.
  void serve_on_thread(ConnectionStream& stream, std::size_t served, bool stopping);
  // A released connection, on a thread: sends what the loop could not,
  // then serves or closes it.
  void serve_released(LoopConnection& connection);

  int stop_fd_;  // an eventfd, readable once wake_idle_connections() ran
  std::size_t io_threads_ = 2;
  std::size_t max_connections_ = 1024;
  FastHandler fast_handler_;
  std::function<bool()> loop_serving_allowed_;
  std::string keep_alive_value_;

  std::unique_ptr<ElasticPool> threads_;
  std::vector<std::unique_ptr<EventLoop>> loops_;
  std::size_t next_loop_ = 0;  // guarded by admission_mutex_

  std::mutex admission_mutex_;
  std::size_t open_connections_ = 0;  // guarded by admission_mutex_
  std::deque<int> waiting_;           // accepted past the limit; guarded
  bool shutting_down_ = false;        // guarded by admission_mutex_
};

// Stops `http` as httplib::Server::stop does, first waking the idle
// connections of an HttpServer.
void stop_listener(httplib::Server& http);

// Runs a few requests (ranges, a form, a chunked body, a multipart body)
// through a throwaway cpp-httplib server on the calling thread, once per
// process, so that the function-local statics of cpp-httplib's parser (its
// method set, its range and multipart patterns) exist before any
// connection thread does. Their first use from two threads at once is
// safe, but the library is not built with ThreadSanitizer, which would see
// no order between the thread that built them and the others.
void initialise_http_parser();

}  // namespace zoom_mock
