// The zoom-cli command line: flags and environment in, a validated
// CliOptions (or help, version, or a usage error naming the bad flag) out.
// Kept apart from main() so it can be tested without running a process.
//
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "zoom_client/config.h"

namespace zoom_cli {

enum class OutputFormat { kText, kJson };

struct CliOptions {
  zoom_client::ClientConfig client;
  std::string user_id;
  bool verbose = false;
  OutputFormat output = OutputFormat::kText;
};

struct HelpRequested {};
struct VersionRequested {};
struct UsageError {
  std::string message;
};

using ParsedArgs = std::variant<CliOptions, HelpRequested, VersionRequested, UsageError>;

// Looks up an environment variable; nullopt when unset.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

// `args` excludes the program name.
ParsedArgs parse_args(const std::vector<std::string>& args, const Environment& environment);

std::string usage_text();

}  // namespace zoom_cli
