#include "elastic_pool.h"

#include <algorithm>

namespace zoom_mock {

ElasticPool::ElasticPool(std::size_t initial_threads, std::size_t max_threads)
    : max_threads_(std::max<std::size_t>(1, max_threads)) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < std::min(initial_threads, max_threads_); ++i) spawn_locked();
}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::spawn_locked() {
  threads_.emplace_back([this] { work(); });
}

void ElasticPool::enqueue(std::function<void()> task) { try_enqueue(std::move(task)); }

bool ElasticPool::try_enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    tasks_.push_back(std::move(task));
    // Every queued task beyond the idle workers needs a thread of its own.
    if (tasks_.size() > idle_ && threads_.size() < max_threads_) spawn_locked();
  }
  wake_.notify_one();
  return true;
}

void ElasticPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (std::thread& thread : threads) thread.join();
}

void ElasticPool::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      --idle_;
      if (tasks_.empty()) return;  // stopping, and nothing left to run
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

}  // namespace zoom_mock
