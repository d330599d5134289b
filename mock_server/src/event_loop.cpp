#include "event_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace zoom_mock {
namespace {

constexpr int kMaxEvents = 256;
// How often idle connections are looked for, at most.
constexpr std::chrono::milliseconds kSweepInterval(500);

}  // namespace

EventLoop::EventLoop(Callbacks callbacks, std::chrono::seconds idle_timeout, int stop_fd)
    : callbacks_(std::move(callbacks)),
      idle_timeout_(idle_timeout),
      stop_fd_(stop_fd),
      epoll_fd_(::epoll_create1(EPOLL_CLOEXEC)),
      wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  for (const int fd : {wake_fd_, stop_fd_}) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
  }
  thread_ = std::thread([this] { run(); });
}

EventLoop::~EventLoop() {
  join();
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

void EventLoop::join() {
  if (thread_.joinable()) thread_.join();
}

bool EventLoop::adopt(std::unique_ptr<LoopConnection>& connection) {
  {
    std::lock_guard lock(inbox_mutex_);
    if (ended_) return false;
    inbox_.push_back(std::move(connection));
  }
  const std::uint64_t one = 1;
  const ssize_t written = ::write(wake_fd_, &one, sizeof one);
  static_cast<void>(written);  // an eventfd write of 1 cannot fail short
  return true;
}

void EventLoop::take_new_connections() {
  std::uint64_t count = 0;
  const ssize_t read = ::read(wake_fd_, &count, sizeof count);
  static_cast<void>(read);
  std::vector<std::unique_ptr<LoopConnection>> arrived;
  {
    std::lock_guard lock(inbox_mutex_);
    arrived.swap(inbox_);
  }
  const auto now = std::chrono::steady_clock::now();
  for (auto& connection : arrived) {
    const int fd = connection->stream.socket();
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.fd = fd;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) {
      ::close(fd);
      callbacks_.on_closed();
      continue;
    }
    connection->last_active = now;
    connections_.emplace(fd, std::move(connection));
  }
}

void EventLoop::drop(int fd, bool close_socket) {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  auto found = connections_.find(fd);
  std::unique_ptr<LoopConnection> connection = std::move(found->second);
  connections_.erase(found);
  if (close_socket) {
    ::close(fd);
    callbacks_.on_closed();
  } else {
    callbacks_.on_release(std::move(connection));
  }
}

void EventLoop::serve(int fd, LoopConnection& connection, bool stopping) {
  switch (callbacks_.on_ready(connection, stopping)) {
    case Verdict::kKeep:
      connection.last_active = std::chrono::steady_clock::now();
      break;
    case Verdict::kClose:
      drop(fd, true);
      break;
    case Verdict::kRelease:
      drop(fd, false);
      break;
  }
}

void EventLoop::close_idle(std::chrono::steady_clock::time_point now) {
  std::vector<int> idle;
  for (const auto& [fd, connection] : connections_) {
    if (now - connection->last_active >= idle_timeout_) idle.push_back(fd);
  }
  for (const int fd : idle) drop(fd, true);
}

void EventLoop::run() {
  epoll_event events[kMaxEvents];
  auto last_sweep = std::chrono::steady_clock::now();
  bool stopping = false;
  while (!stopping) {
    const int ready = ::epoll_wait(epoll_fd_, events, kMaxEvents,
                                   static_cast<int>(kSweepInterval.count()));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < ready; ++i) {
      const int fd = events[i].data.fd;
      if (fd == stop_fd_) {
        stopping = true;
      } else if (fd == wake_fd_) {
        take_new_connections();
      } else if (auto found = connections_.find(fd); found != connections_.end()) {
        serve(fd, *found->second, false);
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_sweep >= kSweepInterval) {
      close_idle(now);
      last_sweep = now;
    }
  }
  // Stopping: no connection joins from now on; each one held gets its last
  // turn (a request that already arrived is still answered).
  {
    std::lock_guard lock(inbox_mutex_);
    ended_ = true;
  }
  take_new_connections();
  std::vector<int> held;
  held.reserve(connections_.size());
  for (const auto& [fd, connection] : connections_) held.push_back(fd);
  for (const int fd : held) serve(fd, *connections_.at(fd), true);
  // on_ready(stopping) never keeps a connection; close any it did keep.
  held.clear();
  for (const auto& [fd, connection] : connections_) held.push_back(fd);
  for (const int fd : held) drop(fd, true);
}

}  // namespace zoom_mock
