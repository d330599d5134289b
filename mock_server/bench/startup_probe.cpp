// zoom-mock-startup-probe: how long zoom-mock-server takes from exec to its
// first 204, and its resident size then; the median of several runs.
//
//   zoom-mock-startup-probe --server BIN --fixtures DIR [--runs N]
//
// Each run picks a free loopback port, starts `BIN --quiet --port P
// --fixtures DIR`, sends the revoke (admin token, sso-user-alice) every
// 100 us until one is answered 204, reads VmRSS from /proc, then stops the
// server with SIGTERM and checks that it exits 0. Prints one line:
//   startup_ms median=.. min=.. max=..  rss_kib median=..  runs=N
#include <arpa/inet.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// One revoke on a fresh connection; true when answered 204.
bool revoke_answered(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    static const std::string request =
        "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer mock-admin-token\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char reply[64] = {};
      const ssize_t n = ::recv(fd, reply, sizeof reply - 1, 0);
      ok = n >= 12 && std::string(reply, 12) == "HTTP/1.1 204";
    }
  }
  ::close(fd);
  return ok;
}

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

template <typename T>
T median(std::vector<T> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string server;
  std::string fixtures;
  int runs = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--server") {
      server = argv[i + 1];
    } else if (flag == "--fixtures") {
      fixtures = argv[i + 1];
    } else if (flag == "--runs") {
      runs = std::atoi(argv[i + 1]);
    }
  }
  if (server.empty() || fixtures.empty() || runs < 1) {
    std::fprintf(stderr, "usage: zoom-mock-startup-probe --server BIN --fixtures DIR [--runs N]\n");
    return 2;
  }

  std::vector<double> startup_ms;
  std::vector<long> rss;
  for (int run = 0; run < runs; ++run) {
    const int port = free_port();
    const std::string port_text = std::to_string(port);
    std::vector<std::string> args = {server,      "--quiet",   "--host",
                                      "127.0.0.1", "--port",    port_text,
                                      "--fixtures", fixtures};
    std::vector<char*> argv_c;
    for (auto& arg : args) argv_c.push_back(arg.data());
    argv_c.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);

    const auto started = Clock::now();
    pid_t pid = -1;
    if (posix_spawn(&pid, server.c_str(), &actions, nullptr, argv_c.data(), environ) != 0) {
      std::fprintf(stderr, "zoom-mock-startup-probe: cannot start %s\n", server.c_str());
      return 1;
    }
    posix_spawn_file_actions_destroy(&actions);
    while (!revoke_answered(port)) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        std::fprintf(stderr, "zoom-mock-startup-probe: the server exited before answering\n");
        return 1;
      }
      if (Clock::now() - started > std::chrono::seconds(60)) {
        std::fprintf(stderr, "zoom-mock-startup-probe: no 204 within 60 s\n");
        ::kill(pid, SIGKILL);
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    startup_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    rss.push_back(rss_kib(pid));
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "zoom-mock-startup-probe: the server did not exit 0 on SIGTERM\n");
      return 1;
    }
  }
  std::printf("startup_ms median=%.1f min=%.1f max=%.1f  rss_kib median=%ld  runs=%d\n",
              median(startup_ms), *std::min_element(startup_ms.begin(), startup_ms.end()),
              *std::max_element(startup_ms.begin(), startup_ms.end()), median(rss), runs);
  return 0;
}
