// Runs a program to completion and captures what it printed, for testing
// zoom-cli as its users run it.
//
// Thread safety: run_process may be called from any thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace zoom_client_test {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

// The child's environment is this process's without any ZOOM_* variable
// (so the caller's shell cannot leak credentials into a test), plus
// `environment`. Stdin is /dev/null. A child still running after 30 s is
// killed.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& environment = {});

}  // namespace zoom_client_test
