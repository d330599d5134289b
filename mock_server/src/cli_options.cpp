#include "cli_options.h"

#include <charconv>
#include <optional>

namespace zoom_mock {
namespace {

std::optional<long long> parse_integer(const std::string& text, long long min, long long max) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::string usage_text() {
  return "usage: zoom-mock-server [options]\n"
         "\n"
         "A fake of the Zoom REST API (DELETE /v2/users/{userId}/token and its auth rules),\n"
         "driven by fixtures, with a control plane under /__admin.\n"
         "\n"
         "options:\n"
         "  --host HOST              address to listen on (default 127.0.0.1)\n"
         "  --port PORT              port to listen on, 0 picks a free one (default 9090)\n"
         "  --fixtures DIR           fixture directory: DIR/world.json and DIR/postman/*.json\n"
         "                           (default fixtures)\n"
         "  --max-connections N      connections served at once (default 1024)\n"
         "  --io-threads N           event-loop threads holding the connections, 0 for a\n"
         "                           thread per connection (default 2)\n"
         "  --no-fast-path           parse every request with cpp-httplib (the fast path\n"
         "                           for plain GET and DELETE answers the same bytes)\n"
         "  --journal-limit N        requests the journal keeps, oldest dropped first\n"
         "                           (and within 64 MiB of their text); 0 turns the\n"
         "                           journal off (default 10000)\n"
         "  --admin-token TOKEN      /__admin requires \"Authorization: Bearer TOKEN\"\n"
         "  --admin-port PORT        serve /__admin on its own port (0 picks a free one)\n"
         "  --rate-limit-plan PLAN   Zoom's rate limits of a plan: off, free, pro, business\n"
         "                           (default off)\n"
         "  --rate-limit LABEL=N/UNIT[,N/UNIT]\n"
         "                           a label's budget, UNIT s, min or day, e.g. Light=5/s;\n"
         "                           repeatable; replaces the plan's budget for LABEL\n"
         "  --tls-cert FILE          serve HTTPS with this PEM certificate (with --tls-key)\n"
         "  --tls-key FILE           the certificate's PEM private key\n"
         "  --quiet                  no access log on stderr\n"
         "  --help, -h               show this help and exit\n"
         "  --version                show the version and exit\n"
         "\n"
         "exit status: 0 stopped by SIGINT/SIGTERM, 1 cannot listen, 2 usage or fixture error\n";
}

std::variant<CliOptions, UsageError> parse_cli(const std::vector<std::string>& args) {
  CliOptions options;
  options.server.access_log = true;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> inline_value;
    if (const auto eq = flag.find('='); flag.starts_with("--") && eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    auto no_value = [&]() { return !inline_value.has_value(); };

    if (flag == "--help" || flag == "-h") {
      if (!no_value()) return UsageError{flag + " takes no value"};
      options.help = true;
    } else if (flag == "--version") {
      if (!no_value()) return UsageError{flag + " takes no value"};
      options.version = true;
    } else if (flag == "--quiet") {
      if (!no_value()) return UsageError{flag + " takes no value"};
      options.server.access_log = false;
    } else if (flag == "--no-fast-path") {
      if (!no_value()) return UsageError{flag + " takes no value"};
      options.server.fast_path = false;
    } else if (flag == "--host") {
      auto host = value();
      if (!host || host->empty()) return UsageError{"--host needs an address, e.g. 127.0.0.1"};
      options.server.host = *host;
    } else if (flag == "--port") {
      auto text = value();
      if (!text) return UsageError{"--port needs a number from 0 to 65535"};
      auto port = parse_integer(*text, 0, 65535);
      if (!port) return UsageError{"--port: \"" + *text + "\" is not a port from 0 to 65535"};
      options.server.port = static_cast<int>(*port);
    } else if (flag == "--fixtures") {
      auto dir = value();
      if (!dir || dir->empty()) return UsageError{"--fixtures needs a directory"};
      options.server.fixtures = *dir;
    } else if (flag == "--max-connections") {
      auto text = value();
      if (!text) return UsageError{"--max-connections needs a number from 1 to 65536"};
      auto count = parse_integer(*text, 1, 65536);
      if (!count) {
        return UsageError{"--max-connections: \"" + *text + "\" is not a number from 1 to 65536"};
      }
      options.server.max_connections = static_cast<std::size_t>(*count);
    } else if (flag == "--io-threads") {
      auto text = value();
      if (!text) return UsageError{"--io-threads needs a number from 0 to 64"};
      auto count = parse_integer(*text, 0, 64);
      if (!count) return UsageError{"--io-threads: \"" + *text + "\" is not a number from 0 to 64"};
      options.server.io_threads = static_cast<std::size_t>(*count);
    } else if (flag == "--journal-limit") {
      auto text = value();
      if (!text) return UsageError{"--journal-limit needs a number from 0 to 100000000"};
      auto limit = parse_integer(*text, 0, 100000000);
      if (!limit) {
        return UsageError{"--journal-limit: \"" + *text +
                          "\" is not a number from 0 to 100000000"};
      }
      options.server.journal_limit = static_cast<std::size_t>(*limit);
    } else if (flag == "--admin-token") {
      auto token = value();
      if (!token || token->empty() || token->find_first_of(" \t\r\n") != std::string::npos) {
        return UsageError{"--admin-token needs a token without spaces"};
      }
      options.server.admin_token = *token;
    } else if (flag == "--admin-port") {
      auto text = value();
      if (!text) return UsageError{"--admin-port needs a number from 0 to 65535"};
      auto port = parse_integer(*text, 0, 65535);
      if (!port) {
        return UsageError{"--admin-port: \"" + *text + "\" is not a port from 0 to 65535"};
      }
      options.server.admin_port = static_cast<int>(*port);
    } else if (flag == "--rate-limit-plan") {
      auto name = value();
      auto plan = name ? rate_limit_plan_from_name(*name) : std::nullopt;
      if (!plan) {
        return UsageError{"--rate-limit-plan: \"" + name.value_or("") +
                          "\" is not one of off, free, pro, business"};
      }
      options.server.rate_limit_plan = *plan;
    } else if (flag == "--rate-limit") {
      auto text = value();
      const auto eq = text ? text->find('=') : std::string::npos;
      Budget budget;
      bool ok = eq != std::string::npos && eq > 0 && eq + 1 < text->size();
      for (std::size_t start = eq + 1; ok && start <= text->size();) {
        const auto comma = text->find(',', start);
        ok = parse_budget_term(std::string_view(*text).substr(start, comma - start), budget);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      if (!ok) {
        return UsageError{"--rate-limit: \"" + text.value_or("") +
                          "\" is not LABEL=N/UNIT[,N/UNIT] with UNIT s, min or day "
                          "(e.g. Light=5/s or Light=5/s,100/day)"};
      }
      options.server.rate_limits[text->substr(0, eq)] = budget;
    } else if (flag == "--tls-cert" || flag == "--tls-key") {
      auto file = value();
      if (!file || file->empty()) return UsageError{flag + " needs a PEM file"};
      (flag == "--tls-cert" ? options.server.tls_cert : options.server.tls_key) = *file;
    } else {
      return UsageError{"unknown option \"" + args[i] + "\""};
    }
  }
  if (options.server.tls_cert.empty() != options.server.tls_key.empty()) {
    return UsageError{"--tls-cert and --tls-key go together"};
  }
  return options;
}

}  // namespace zoom_mock
