// Private: the zoom-mock-server command line, parsed into ServerOptions.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "zoom_mock/server.h"

namespace zoom_mock {

struct CliOptions {
  ServerOptions server;
  bool help = false;
  bool version = false;
};

// A usage error: the message names the flag or value at fault.
struct UsageError {
  std::string message;
};

std::variant<CliOptions, UsageError> parse_cli(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace zoom_mock
