// Private: one epoll loop thread holding many keep-alive connections, so a
// connection costs no thread while it waits and a request needs no thread
// switch to be answered. The server (http_connection.h) runs one loop per
// I/O thread and decides what each ready connection gets: answered here, or
// handed to a thread of its own (a request still arriving, a body to read,
// a fault to play), after which it never comes back.
//
// Thread safety: adopt() may be called from any thread; everything else
// about a connection happens on the loop's thread while the loop holds it.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http_connection.h"

namespace zoom_mock {

class EventLoop {
 public:
  using Verdict = LoopVerdict;
  struct Callbacks {
    // The connection is readable (or, with `stopping`, the server stops).
    std::function<Verdict(LoopConnection&, bool stopping)> on_ready;
    std::function<void(std::unique_ptr<LoopConnection>)> on_release;
    // A connection the loop held was closed.
    std::function<void()> on_closed;
  };

  // Starts the thread. `stop_fd` becomes readable when the server stops:
  // each connection then gets a last on_ready(stopping) and the loop ends.
  EventLoop(Callbacks callbacks, std::chrono::seconds idle_timeout, int stop_fd);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Hands the loop a new connection. False when the loop has ended (the
  // caller still owns it).
  bool adopt(std::unique_ptr<LoopConnection>& connection);
  // Waits for the loop to end (it ends once stop_fd is readable).
  void join();

 private:
  void run();
  void take_new_connections();
  void serve(int fd, LoopConnection& connection, bool stopping);
  void close_idle(std::chrono::steady_clock::time_point now);
  void drop(int fd, bool close_socket);

  const Callbacks callbacks_;
  const std::chrono::seconds idle_timeout_;
  const int stop_fd_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::unordered_map<int, std::unique_ptr<LoopConnection>> connections_;

  std::mutex inbox_mutex_;
  std::vector<std::unique_ptr<LoopConnection>> inbox_;  // guarded by inbox_mutex_
  bool ended_ = false;                                  // guarded by inbox_mutex_

  std::thread thread_;
};

}  // namespace zoom_mock
