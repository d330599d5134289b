#include "report.h"

#include <nlohmann/json.hpp>

namespace zoom_cli {
namespace {

using nlohmann::json;

// Ids and server messages may hold bytes that are not UTF-8; replace them
// rather than fail to print.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json api_error_json(const zoom_client::ApiError& error) {
  return {{"kind", "api"},
          {"source", error.source == zoom_client::ApiError::Source::kOAuth ? "oauth" : "api"},
          {"http_status", error.http_status},
          {"code", error.code ? json(*error.code) : json(nullptr)},
          {"message", error.message},
          {"tracking_id", error.tracking_id},
          {"retry_after_seconds",
           error.retry_after ? json(error.retry_after->count()) : json(nullptr)}};
}

json transport_error_json(const zoom_client::TransportError& error) {
  return {{"kind", "transport"},
          {"curl_code", error.curl_code},
          {"message", error.message},
          {"timed_out", error.is_timeout()}};
}

}  // namespace

ExitCode report_outcome(const zoom_client::Result<zoom_client::TokenRevoked>& outcome,
                        const CliOptions& options, std::ostream& out, std::ostream& err) {
  const bool as_json = options.output == OutputFormat::kJson;
  if (outcome.ok()) {
    const zoom_client::TokenRevoked& revoked = outcome.value();
    if (as_json) {
      out << dump({{"ok", true},
                   {"user_id", options.user_id},
                   {"http_status", revoked.http_status},
                   {"tracking_id", revoked.tracking_id}})
          << '\n';
    } else {
      out << "Revoked the SSO token of user '" << options.user_id << "' (HTTP "
          << revoked.http_status << ").\n";
    }
    return kExitSuccess;
  }
  if (const zoom_client::ApiError* error = outcome.api_error()) {
    if (as_json) {
      out << dump({{"ok", false}, {"user_id", options.user_id}, {"error", api_error_json(*error)}})
          << '\n';
    } else {
      err << "zoom-cli: " << describe(*error) << '\n';
    }
    return kExitApiError;
  }
  const zoom_client::TransportError& error = *outcome.transport_error();
  if (as_json) {
    out << dump({{"ok", false}, {"user_id", options.user_id}, {"error", transport_error_json(error)}})
        << '\n';
  } else {
    err << "zoom-cli: " << (error.is_timeout() ? "timed out: " : "transport error: ")
        << describe(error) << '\n';
  }
  return kExitTransportError;
}

std::string format_attempt(const zoom_client::AttemptLog& log) {
  std::string text = "> " + log.method + " " + log.url + " (attempt " +
                     std::to_string(log.attempt) + ")\n";
  for (const auto& [name, value] : log.request_headers) text += "> " + name + ": " + value + "\n";
  const std::string elapsed = std::to_string(log.elapsed.count()) + " ms";
  if (log.status != 0) {
    text += "< " + std::to_string(log.status) + " in " + elapsed;
    if (!log.tracking_id.empty()) text += " (x-zm-trackingid: " + log.tracking_id + ")";
    text += "\n";
  } else {
    text += "< no response after " + elapsed + ": " + log.transport_error + "\n";
  }
  if (log.retry_in) text += "* retrying in " + std::to_string(log.retry_in->count()) + " ms\n";
  return text;
}

}  // namespace zoom_cli
