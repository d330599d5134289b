// The two ways a call can fail, as values: a server answered with an error
// (ApiError), or no usable answer arrived (TransportError). Neither ever
// holds an access token or a client secret.
//
// Thread safety: plain values.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace zoom_client {

struct ApiError {
  // Which server refused: the Zoom API, or the OAuth token endpoint the
  // client asked for an access token before it could call the API.
  enum class Source { kApi, kOAuth };

  Source source = Source::kApi;
  int http_status = 0;
  // Zoom's "code". Absent when the body was not Zoom's error JSON.
  std::optional<int> code;
  // Zoom's "message" (the OAuth endpoint's "reason"), or a short
  // description when the body had none.
  std::string message;
  // The x-zm-trackingid header Zoom support asks for; empty when absent.
  std::string tracking_id;
  // From Retry-After (seconds or a date), rounded up; set on a 429 and on
  // any other error that carried a usable Retry-After.
  std::optional<std::chrono::seconds> retry_after;
  // The body as received, for what the fields above leave out (such as the
  // "errors" list of a validation failure).
  std::string body;

  bool is_user_not_found() const { return is_api(404, 1001); }
  bool is_invalid_access_token() const { return is_api(401, 124); }
  bool is_missing_scopes() const { return is_api(400, 4711); }
  bool is_rate_limited() const { return source == Source::kApi && http_status == 429; }

 private:
  bool is_api(int status, int zoom_code) const {
    return source == Source::kApi && http_status == status && code == zoom_code;
  }
};

struct TransportError {
  // libcurl's CURLcode: 7 could not connect, 28 timed out (also when the
  // call's deadline ran out), 60 the server's certificate was not trusted.
  int curl_code = 0;
  std::string message;

  bool is_timeout() const { return curl_code == kTimeoutCode; }

  static constexpr int kTimeoutCode = 28;  // CURLE_OPERATION_TIMEDOUT
};

// One line for people: "HTTP 404, code 1001: User does not exist: x.
// (tracking id: abc)".
std::string describe(const ApiError& error);
// "Failed to connect to 127.0.0.1 port 1: Connection refused (curl code 7)".
std::string describe(const TransportError& error);

}  // namespace zoom_client
