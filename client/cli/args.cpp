#include "args.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>

#include "zoom_client/version.h"

namespace zoom_cli {
namespace {

constexpr std::string_view kCommandHint = "'zoom-cli users revoke-sso-token <userId>'";
constexpr int kMaxRetries = 10;
constexpr double kMaxTimeoutSeconds = 86'400;

constexpr std::array<std::string_view, 10> kValueFlags = {
    "--base-url",  "--token",   "--account-id", "--client-id", "--client-secret",
    "--token-url", "--timeout", "--retries",    "--output",    "--ca-file"};

bool is_value_flag(std::string_view name) {
  return std::find(kValueFlags.begin(), kValueFlags.end(), name) != kValueFlags.end();
}

// Non-empty value of `name`, or nullopt; an empty variable counts as unset
// so that `ZOOM_ACCESS_TOKEN= zoom-cli ...` turns it off.
std::optional<std::string> non_empty(const Environment& environment, std::string_view name) {
  auto value = environment(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::optional<std::chrono::milliseconds> parse_timeout(const std::string& text) {
  double seconds = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, seconds);
  if (error != std::errc{} || stop != end || !std::isfinite(seconds) || seconds <= 0 ||
      seconds > kMaxTimeoutSeconds) {
    return std::nullopt;
  }
  return std::chrono::milliseconds{static_cast<long long>(std::ceil(seconds * 1000))};
}

std::optional<int> parse_retries(const std::string& text) {
  int retries = -1;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, retries);
  if (error != std::errc{} || stop != end || retries < 0 || retries > kMaxRetries) {
    return std::nullopt;
  }
  return retries;
}

using FlagValues = std::map<std::string, std::string, std::less<>>;

std::optional<std::string> flag_value(const FlagValues& flags, std::string_view name) {
  const auto found = flags.find(name);
  return found == flags.end() ? std::nullopt : std::optional(found->second);
}

// Where each Server-to-Server OAuth credential comes from.
struct OAuthSource {
  std::string_view flag;
  std::string_view variable;
  std::string zoom_client::ServerToServerOAuth::*field;
};

constexpr std::array<OAuthSource, 3> kOAuthSources = {{
    {"--account-id", "ZOOM_ACCOUNT_ID", &zoom_client::ServerToServerOAuth::account_id},
    {"--client-id", "ZOOM_CLIENT_ID", &zoom_client::ServerToServerOAuth::client_id},
    {"--client-secret", "ZOOM_CLIENT_SECRET", &zoom_client::ServerToServerOAuth::client_secret},
}};

// Flags and environment to credentials: flags before the environment, and
// within each, a fixed token before OAuth. Mixing the two kinds on the
// command line is an error rather than a silent choice.
std::variant<zoom_client::Credentials, UsageError> resolve_credentials(
    const FlagValues& flags, const Environment& environment) {
  const auto any_oauth = [](const auto& has_value) {
    return std::any_of(kOAuthSources.begin(), kOAuthSources.end(), has_value);
  };
  const bool oauth_flags =
      any_oauth([&](const OAuthSource& source) { return flags.contains(source.flag); });
  if (const auto token = flag_value(flags, "--token")) {
    if (oauth_flags) {
      return UsageError{"--token cannot be combined with --account-id, --client-id or --client-secret"};
    }
    return zoom_client::AccessToken{*token};
  }
  if (!oauth_flags) {
    if (const auto token = non_empty(environment, "ZOOM_ACCESS_TOKEN")) {
      return zoom_client::AccessToken{*token};
    }
    const bool oauth_environment = any_oauth([&](const OAuthSource& source) {
      return non_empty(environment, source.variable).has_value();
    });
    if (!oauth_environment) {
      return UsageError{
          "no credentials: pass --token (or set ZOOM_ACCESS_TOKEN), or --account-id, "
          "--client-id and --client-secret (or set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
          "ZOOM_CLIENT_SECRET)"};
    }
  }
  zoom_client::ServerToServerOAuth oauth;
  for (const OAuthSource& source : kOAuthSources) {
    auto value = flag_value(flags, source.flag);
    if (!value) value = non_empty(environment, source.variable);
    if (!value) {
      return UsageError{"missing " + std::string(source.flag) + " (or set " +
                        std::string(source.variable) + ") for Server-to-Server OAuth"};
    }
    oauth.*source.field = std::move(*value);
  }
  if (const auto token_url = flag_value(flags, "--token-url")) oauth.token_url = *token_url;
  return oauth;
}

std::optional<UsageError> apply_flags(const FlagValues& flags, CliOptions& options) {
  for (const auto& [name, value] : flags) {
    if (name == "--base-url") {
      if (!value.starts_with("http://") && !value.starts_with("https://")) {
        return UsageError{"--base-url must start with http:// or https://, got '" + value + "'"};
      }
      options.client.base_url = value;
    } else if (name == "--token-url") {
      if (!value.starts_with("http://") && !value.starts_with("https://")) {
        return UsageError{"--token-url must start with http:// or https://, got '" + value + "'"};
      }
    } else if (name == "--timeout") {
      const auto timeout = parse_timeout(value);
      if (!timeout) {
        return UsageError{"--timeout must be a number of seconds above 0 and at most 86400, got '" +
                          value + "'"};
      }
      options.client.deadline = *timeout;
    } else if (name == "--retries") {
      const auto retries = parse_retries(value);
      if (!retries) {
        return UsageError{"--retries must be a whole number from 0 to " +
                          std::to_string(kMaxRetries) + ", got '" + value + "'"};
      }
      options.client.retry.max_attempts = *retries + 1;
    } else if (name == "--ca-file") {
      options.client.ca_file = value;
    } else if (name == "--output") {
      if (value != "text" && value != "json") {
        return UsageError{"--output must be 'text' or 'json', got '" + value + "'"};
      }
      options.output = value == "json" ? OutputFormat::kJson : OutputFormat::kText;
    }
  }
  return std::nullopt;
}

std::optional<UsageError> check_command(const std::vector<std::string>& positional) {
  if (positional.empty()) return UsageError{"missing command; expected " + std::string(kCommandHint)};
  if (positional[0] != "users" || (positional.size() > 1 && positional[1] != "revoke-sso-token")) {
    std::string given = positional[0];
    if (positional.size() > 1) given += " " + positional[1];
    return UsageError{"unknown command '" + given + "'; expected " + std::string(kCommandHint)};
  }
  if (positional.size() < 3) {
    return UsageError{"missing <userId>; expected " + std::string(kCommandHint)};
  }
  if (positional.size() > 3) return UsageError{"unexpected argument '" + positional[3] + "'"};
  if (positional[2].empty()) return UsageError{"<userId> must not be empty"};
  return std::nullopt;
}

}  // namespace

ParsedArgs parse_args(const std::vector<std::string>& args, const Environment& environment) {
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h") return HelpRequested{};
    if (arg == "--version") return VersionRequested{};
  }

  CliOptions options;
  options.client.user_agent = "zoom-cli/" + std::string(zoom_client::version());
  // The last of a repeated flag wins, as in most command lines.
  FlagValues flags;
  std::vector<std::string> positional;
  bool options_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || !arg.starts_with("-") || arg == "-") {
      positional.push_back(arg);
    } else if (arg == "--") {
      options_ended = true;
    } else if (arg == "--verbose" || arg == "-v") {
      options.verbose = true;
    } else {
      const auto equals = arg.find('=');
      const std::string name = arg.substr(0, equals);
      if (name == "--verbose" || name == "-v") return UsageError{name + " takes no value"};
      if (!is_value_flag(name)) return UsageError{"unknown option '" + name + "'"};
      std::string value;
      if (equals != std::string::npos) {
        value = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return UsageError{name + " needs a value"};
      }
      if (value.empty()) return UsageError{name + " must not be empty"};
      flags[name] = std::move(value);
    }
  }

  if (auto error = check_command(positional)) return *error;
  options.user_id = positional[2];
  if (auto error = apply_flags(flags, options)) return *error;
  auto credentials = resolve_credentials(flags, environment);
  if (auto* error = std::get_if<UsageError>(&credentials)) return *error;
  options.client.credentials = std::get<zoom_client::Credentials>(std::move(credentials));
  return options;
}

std::string usage_text() {
  return R"(Usage: zoom-cli users revoke-sso-token <userId> [options]

Revokes a user's SSO token (DELETE /users/{userId}/token), signing the user
out of their Zoom session. <userId> is a user id, an email address, or "me".

Credentials (one kind; flags before environment):
  --token TOKEN            access token (env ZOOM_ACCESS_TOKEN)
  --account-id ID          Server-to-Server OAuth account id (env ZOOM_ACCOUNT_ID)
  --client-id ID           OAuth client id (env ZOOM_CLIENT_ID)
  --client-secret SECRET   OAuth client secret (env ZOOM_CLIENT_SECRET)
  --token-url URL          OAuth token endpoint (default https://zoom.us/oauth/token)

Options:
  --base-url URL           API base URL (default https://api.zoom.us/v2)
  --ca-file PATH           PEM CA certificates to trust instead of the system's
                           (HTTPS against a fake with a self-signed certificate)
  --timeout SECONDS        deadline for the whole call, retries included (default 30)
  --retries N              retries after a 429, a 5xx or a lost connection, 0-10 (default 2)
  --output text|json       result format on stdout (default text)
  -v, --verbose            print each HTTP attempt to stderr (credentials redacted)
  -h, --help               print this help
  --version                print the version

Exit status: 0 revoked, 1 API error, 2 usage error, 3 transport error or timeout.
)";
}

}  // namespace zoom_cli
