#include "test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

extern char** environ;

namespace zoom_mock::testing {
namespace {

int spawn(const std::vector<std::string>& argv, int& out_fd, int& err_fd) {
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw std::runtime_error("cannot start " + argv[0]);
  }
  out_fd = out_pipe[0];
  err_fd = err_pipe[0];
  return pid;
}

// Reads whatever is ready on the fds into the strings, waiting up to
// timeout_ms for something to arrive. Closes fds at EOF (sets them to -1).
void pump(int& out_fd, std::string& out, int& err_fd, std::string& err, int timeout_ms) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  if (poll(fds, 2, timeout_ms) <= 0) return;
  char buffer[4096];
  for (int i = 0; i < 2; ++i) {
    int& fd = i == 0 ? out_fd : err_fd;
    if (fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
    } else {
      close(fd);
      fd = -1;
    }
  }
}

}  // namespace

std::filesystem::path repo_fixtures() { return ZOOM_FIXTURES_DIR; }

ScratchFixtures::ScratchFixtures() {
  static std::atomic<int> counter{0};
  dir_ = std::filesystem::path(::testing::TempDir()) /
         ("zoom-fixtures-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  std::filesystem::copy(repo_fixtures(), dir_, std::filesystem::copy_options::recursive);
}

ScratchFixtures::~ScratchFixtures() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void ScratchFixtures::write(const std::filesystem::path& relative,
                            const std::string& content) const {
  std::filesystem::create_directories((dir_ / relative).parent_path());
  std::ofstream(dir_ / relative, std::ios::binary | std::ios::trunc) << content;
}

std::string ScratchFixtures::read(const std::filesystem::path& relative) const {
  std::ifstream in(dir_ / relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string raw_exchange(int port, const std::string& request, int timeout_ms) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string received;
  char buffer[4096];
  for (;;) {
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, timeout_ms) <= 0) break;
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return received;
}

ProcessResult run_process(const std::vector<std::string>& argv) {
  ChildProcess child(argv);
  ProcessResult result;
  result.exit_code = child.wait(60000);
  result.out = child.out();
  result.err = child.err();
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  pid_ = spawn(argv, out_fd_, err_fd_);
}

ChildProcess::~ChildProcess() {
  if (!reaped_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
  if (err_fd_ >= 0) close(err_fd_);
}

std::string ChildProcess::read_stdout_line(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (const auto newline = out_.find('\n'); newline != std::string::npos) {
      std::string line = out_.substr(0, newline);
      out_.erase(0, newline + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || (out_fd_ < 0 && err_fd_ < 0)) {
      if (out_fd_ < 0 && !out_.empty()) return std::exchange(out_, {});
      return {};
    }
    pump(out_fd_, out_, err_fd_, err_, static_cast<int>(left.count()));
  }
}

void ChildProcess::signal(int signal_number) const { kill(pid_, signal_number); }

void ChildProcess::drain(int timeout_ms) { pump(out_fd_, out_, err_fd_, err_, timeout_ms); }

int ChildProcess::wait(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!reaped_) {
    if (waitpid(pid_, &status_, WNOHANG) == pid_) {
      reaped_ = true;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) return -2;
    if (out_fd_ >= 0 || err_fd_ >= 0) {
      drain(10);
    } else {
      usleep(2000);
    }
  }
  while (out_fd_ >= 0 || err_fd_ >= 0) drain(100);
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
}

}  // namespace zoom_mock::testing
