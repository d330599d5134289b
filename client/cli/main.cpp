// zoom-cli: revokes a Zoom user's SSO token from a shell or a CI job.
// Parsing lives in args.cc and printing in report.cc; this file wires them
// to the process (argv, environment, streams, exit code).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "args.h"
#include "report.h"
#include "zoom_client/client.h"
#include "zoom_client/version.h"

namespace {

std::optional<std::string> from_process_environment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
}

int run(zoom_cli::CliOptions options) {
  if (options.verbose) {
    options.client.on_attempt = [](const zoom_client::AttemptLog& log) {
      std::cerr << zoom_cli::format_attempt(log) << std::flush;
    };
  }
  zoom_client::Client client(options.client);
  const auto outcome = client.revoke_user_sso_token(options.user_id);
  return zoom_cli::report_outcome(outcome, options, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = zoom_cli::parse_args(args, from_process_environment);
  if (std::holds_alternative<zoom_cli::HelpRequested>(parsed)) {
    std::cout << zoom_cli::usage_text();
    return zoom_cli::kExitSuccess;
  }
  if (std::holds_alternative<zoom_cli::VersionRequested>(parsed)) {
    std::cout << "zoom-cli " << zoom_client::version() << '\n';
    return zoom_cli::kExitSuccess;
  }
  if (const auto* error = std::get_if<zoom_cli::UsageError>(&parsed)) {
    std::cerr << "zoom-cli: " << error->message << "\nRun 'zoom-cli --help' for usage.\n";
    return zoom_cli::kExitUsageError;
  }
  return run(std::get<zoom_cli::CliOptions>(std::move(parsed)));
}
