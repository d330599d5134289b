// The fake Zoom server: the API under /v2, the control plane under /__admin,
// served by cpp-httplib on background threads. A test starts one in-process
// on port 0 and reads its port; the zoom-mock-server binary is a thin
// command line around this class.
//
//   auto started = zoom_mock::Server::start({.port = 0});
//   if (!started) { std::cerr << started.error.message; }
//   std::string url = started.server->base_url();  // http://127.0.0.1:PORT
//
// Thread safety: start/stop/wait may be called from any thread; the server
// serves requests on its own pool. Destruction stops it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "zoom_mock/fixtures.h"

namespace zoom_mock {
class Admin;
}

namespace zoom_mock {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 9090;                              // 0 picks a free port
  std::filesystem::path fixtures = "fixtures";  // used by start(options)
  bool access_log = false;  // one line per request on stderr
  // Connections served at once; connections past this many wait until
  // one closes.
  std::size_t max_connections = 1024;
  // Event-loop threads holding the open connections; 0: a thread per
  // connection instead (as over HTTPS, which always works that way).
  std::size_t io_threads = 2;
  // Answer plain body-less requests with the server's own parser instead
  // of cpp-httplib's (same answers, byte for byte; false for comparing).
  bool fast_path = true;
  // Requests the journal keeps; older ones are dropped (0: no journal).
  std::size_t journal_limit = 10000;
  // When set, /__admin requires "Authorization: Bearer <admin_token>".
  std::string admin_token = {};
  // When set, /__admin is served on this port (0: a free one) instead of
  // sharing the API's listener.
  std::optional<int> admin_port = std::nullopt;
  // Zoom's rate limits: the plan's budgets, then fixture "rate_limits",
  // then these per-label budgets on top.
  RateLimitPlan rate_limit_plan = RateLimitPlan::kOff;
  std::map<std::string, Budget> rate_limits = {};
  // Serve HTTPS with this PEM certificate (chain) and private key.
  std::filesystem::path tls_cert = {};
  std::filesystem::path tls_key = {};
  // The clock for token expiry, rate-limit windows and journal times;
  // empty: the system clock. Tests pass a controllable one.
  std::function<TimePoint()> clock = {};
};

struct StartError {
  enum class Kind { kNone, kFixtures, kBind, kTls };
  Kind kind = Kind::kNone;
  std::string message;
};

class Server;

struct StartResult {
  std::unique_ptr<Server> server;  // null when start failed
  StartError error;
  explicit operator bool() const { return server != nullptr; }
};

class Server {
 public:
  // Loads options.fixtures, then binds and serves.
  static StartResult start(const ServerOptions& options);
  // Serves already-loaded fixtures.
  static StartResult start(Fixtures fixtures, const ServerOptions& options);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  // "http://HOST:PORT"; the API lives under base_url() + "/v2".
  std::string base_url() const;
  // Where /__admin is served: base_url() unless options.admin_port was set.
  int admin_port() const;
  std::string admin_base_url() const;

  // The control plane, in-process (see admin.h).
  Admin& admin();

  // Stops accepting, answers the requests in flight, then returns.
  void stop();
  // Blocks until the server stops (after stop() from another thread).
  void wait();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace zoom_mock
