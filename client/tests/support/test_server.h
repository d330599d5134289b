// Small cpp-httplib servers for the client's tests: each binds a free port
// on 127.0.0.1, serves on its own thread, and is stopped and joined when
// the test ends. Also a port that is known to be closed.
//
// Thread safety: construct and destroy on the test's thread; handlers run
// on the server's pool, so state they share with the test must be atomic
// or guarded.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace zoom_client_test {

class TestServer {
 public:
  // `routes` registers the handlers before the server starts.
  explicit TestServer(const std::function<void(httplib::Server&)>& routes);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:PORT"

 private:
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
};

// A port on 127.0.0.1 that was bound a moment ago and is now closed, so a
// connection to it is refused.
int closed_port();

// Holds handlers back until the test releases them, so a test can keep a
// request in flight without sleeping on either side.
class Gate {
 public:
  void open();
  // True when opened; false when `limit` passed first.
  bool wait(std::chrono::milliseconds limit);

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

}  // namespace zoom_client_test
