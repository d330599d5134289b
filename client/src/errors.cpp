#include "zoom_client/errors.h"

namespace zoom_client {

std::string describe(const ApiError& error) {
  std::string text;
  if (error.source == ApiError::Source::kOAuth) text += "OAuth token request failed: ";
  text += "HTTP " + std::to_string(error.http_status);
  if (error.code) text += ", code " + std::to_string(*error.code);
  if (!error.message.empty()) text += ": " + error.message;
  if (error.retry_after) {
    text += " (retry after " + std::to_string(error.retry_after->count()) + " s)";
  }
  if (!error.tracking_id.empty()) text += " (tracking id: " + error.tracking_id + ")";
  return text;
}

std::string describe(const TransportError& error) {
  return error.message + " (curl code " + std::to_string(error.curl_code) + ")";
}

}  // namespace zoom_client
