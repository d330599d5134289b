// What the client reports about each HTTP attempt it makes (API calls and
// OAuth token requests), for --verbose output and for callers' logs.
// Secrets are redacted before a record exists: Authorization reads
// "Bearer ***" or "Basic ***", and bodies are never included.
//
// Thread safety: a plain value, handed to ClientConfig::on_attempt on the
// thread that made the call.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "zoom_client/http.h"

namespace zoom_client {

struct AttemptLog {
  std::string method;
  std::string url;
  Headers request_headers;  // as sent, Authorization redacted
  int attempt = 1;          // 1 for the first try of a request, then 2, ...
  int status = 0;           // 0 when no response arrived
  std::string tracking_id;  // x-zm-trackingid of the response, if any
  std::string transport_error;  // libcurl's text when no response arrived
  std::chrono::milliseconds elapsed{0};
  // Set when the client will try again after this wait.
  std::optional<std::chrono::milliseconds> retry_in;
};

}  // namespace zoom_client
