// Helpers shared by the mock server's tests: scratch fixture directories,
// and running a program as a subprocess.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace zoom_mock::testing {

// The repository's fixtures/ directory.
std::filesystem::path repo_fixtures();

// A fresh directory (removed on destruction) holding a copy of the
// repository's fixtures, for a test to edit.
class ScratchFixtures {
 public:
  ScratchFixtures();
  ~ScratchFixtures();
  ScratchFixtures(const ScratchFixtures&) = delete;
  ScratchFixtures& operator=(const ScratchFixtures&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path world_file() const { return dir_ / "world.json"; }
  void write(const std::filesystem::path& relative, const std::string& content) const;
  std::string read(const std::filesystem::path& relative) const;

 private:
  std::filesystem::path dir_;
};

// Sends `request` as-is to 127.0.0.1:port and returns all bytes received
// until the peer closes or `timeout_ms` passes without data.
std::string raw_exchange(int port, const std::string& request, int timeout_ms = 2000);

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv` to completion with stdin closed, capturing its output.
ProcessResult run_process(const std::vector<std::string>& argv);

// A program running beside the test, its stdout and stderr captured.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();  // kills it (SIGKILL) if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line of stdout, or "" if none came within `timeout_ms`.
  std::string read_stdout_line(int timeout_ms);
  void signal(int signal_number) const;
  // The exit status, or -1 after a signal; -2 if still running after the
  // timeout. Drains stdout and stderr meanwhile.
  int wait(int timeout_ms);
  const std::string& err() const { return err_; }
  // Stdout received and not yet returned by read_stdout_line.
  const std::string& out() const { return out_; }
  int pid() const { return pid_; }

 private:
  void drain(int timeout_ms);
  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::string out_;
  std::string err_;
};

}  // namespace zoom_mock::testing
