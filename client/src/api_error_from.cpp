#include "api_error_from.h"

#include <nlohmann/json.hpp>

#include "retry_after.h"

namespace zoom_client {
namespace {

std::string string_field(const nlohmann::json& object, const char* name) {
  const auto field = object.find(name);
  return (field != object.end() && field->is_string()) ? field->get<std::string>() : std::string{};
}

void read_error_body(const std::string& body, ApiError& error) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    error.message = body.empty() ? "empty body" : "body is not Zoom's error JSON";
    return;
  }
  if (const auto code = json.find("code"); code != json.end() && code->is_number_integer()) {
    error.code = code->get<int>();
  }
  error.message = string_field(json, "message");
  if (error.message.empty()) error.message = string_field(json, "reason");
  const std::string oauth_error = string_field(json, "error");
  if (error.message.empty()) {
    error.message = oauth_error;
  } else if (!oauth_error.empty()) {
    error.message += " (" + oauth_error + ")";
  }
  if (error.message.empty()) error.message = "no message in the error body";
}

}  // namespace

std::string tracking_id_of(const RawResponse& response) {
  const std::string* id = response.headers.find("x-zm-trackingid");
  return id != nullptr ? *id : std::string{};
}

ApiError api_error_from(const RawResponse& response, ApiError::Source source,
                        std::chrono::system_clock::time_point now) {
  ApiError error;
  error.source = source;
  error.http_status = response.status;
  error.tracking_id = tracking_id_of(response);
  error.body = response.body;
  read_error_body(response.body, error);
  if (const std::string* retry_after = response.headers.find("Retry-After")) {
    if (const auto wait = parse_retry_after(*retry_after, now)) {
      error.retry_after = std::chrono::ceil<std::chrono::seconds>(*wait);
    }
  }
  return error;
}

}  // namespace zoom_client
