#include "test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace zoom_client_test {

TestServer::TestServer(const std::function<void(httplib::Server&)>& routes) {
  // More threads than the default 8: each idle keep-alive connection of a
  // client pool holds one.
  server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
  routes(server_);
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ < 0) throw std::runtime_error("test server could not bind a port");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // The socket already accepts connections into its backlog; waiting for
  // the accept loop matters because stop() before it starts is lost.
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_.is_running()) {
    if (std::chrono::steady_clock::now() > limit) {
      server_.stop();
      thread_.join();
      throw std::runtime_error("test server did not start");
    }
    std::this_thread::yield();
  }
}

TestServer::~TestServer() {
  server_.stop();
  thread_.join();
}

std::string TestServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!bound) throw std::runtime_error("could not bind a port to close");
  return ntohs(address.sin_port);
}

void Gate::open() {
  {
    std::lock_guard lock(mutex_);
    open_ = true;
  }
  opened_.notify_all();
}

bool Gate::wait(std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return opened_.wait_for(lock, limit, [this] { return open_; });
}

}  // namespace zoom_client_test
