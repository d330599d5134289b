// The task queue serving connections. cpp-httplib's own pool starts a fixed
// number of threads and each open connection keeps one for its lifetime, so
// a few idle keep-alive clients starve everyone else. This pool starts a
// thread whenever no worker is free, up to `max_threads`; past that,
// connections wait in the queue. Threads are kept until shutdown.
//
// Thread safety: enqueue may be called from any thread; shutdown once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace zoom_mock {

class ElasticPool final : public httplib::TaskQueue {
 public:
  ElasticPool(std::size_t initial_threads, std::size_t max_threads);
  ~ElasticPool() override;

  void enqueue(std::function<void()> task) override;
  // As enqueue; false (the task dropped) once shutdown has begun.
  bool try_enqueue(std::function<void()> task);
  // Runs every queued task, then joins all threads.
  void shutdown() override;

 private:
  void work();
  void spawn_locked();

  const std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace zoom_mock
