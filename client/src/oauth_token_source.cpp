#include "oauth_token_source.h"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "api_error_from.h"
#include "base64.h"
#include "zoom_client/path.h"

namespace zoom_client {
namespace {

using std::chrono::seconds;

// Stop using a token this long before it expires, so that a request sent
// just before the expiry does not arrive just after it: a minute, or a
// tenth of the lifetime of a short-lived token.
std::chrono::milliseconds refresh_margin(seconds lifetime) {
  return std::min<std::chrono::milliseconds>(seconds{60}, lifetime / 10);
}

}  // namespace

OAuthTokenSource::OAuthTokenSource(ServerToServerOAuth credentials, const RetryingSender& sender)
    : credentials_(std::move(credentials)), sender_(sender) {}

Result<std::string> OAuthTokenSource::token(const Deadline& deadline) {
  std::unique_lock lock(mutex_);
  while (!has_valid_token() && fetching_) {
    if (fetch_done_.wait_until(lock, deadline.at) == std::cv_status::timeout && fetching_) {
      return TransportError{TransportError::kTimeoutCode,
                            "the deadline passed while waiting for an OAuth access token"};
    }
  }
  if (has_valid_token()) return token_;

  fetching_ = true;
  lock.unlock();
  auto fetched = fetch(deadline);
  lock.lock();
  fetching_ = false;
  if (fetched.ok()) {
    token_ = fetched.value().token;
    valid_until_ = fetched.value().valid_until;
  }
  // Waiters take the new token, or, after a failure, try for themselves.
  fetch_done_.notify_all();
  if (const ApiError* error = fetched.api_error()) return *error;
  if (const TransportError* error = fetched.transport_error()) return *error;
  return fetched.value().token;
}

void OAuthTokenSource::invalidate(const std::string& rejected) {
  std::lock_guard lock(mutex_);
  if (token_ == rejected) token_.clear();
}

bool OAuthTokenSource::has_valid_token() const {
  return !token_.empty() && Deadline::Clock::now() < valid_until_;
}

Result<OAuthTokenSource::FreshToken> OAuthTokenSource::fetch(const Deadline& deadline) const {
  const Headers headers = {
      {"Authorization",
       "Basic " + base64_encode(credentials_.client_id + ":" + credentials_.client_secret)},
      {"Content-Type", "application/x-www-form-urlencoded"},
      {"Accept", "application/json"}};
  // Form values are encoded like path segments: unreserved characters only.
  const std::string body =
      "grant_type=account_credentials&account_id=" + encode_path_segment(credentials_.account_id);
  const auto requested_at = Deadline::Clock::now();
  // Asking again for a token has no effect beyond the token: repeatable.
  auto outcome = sender_.send({.method = "POST",
                               .url = credentials_.token_url,
                               .headers = headers,
                               .body = body,
                               .repeatable = true},
                              deadline);
  if (const TransportError* error = outcome.transport_error()) return *error;
  const RawResponse& response = outcome.value();
  if (response.status != 200) {
    return api_error_from(response, ApiError::Source::kOAuth, std::chrono::system_clock::now());
  }

  const auto json = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  const auto access_token = json.find("access_token");
  if (access_token == json.end() || !access_token->is_string() ||
      access_token->get<std::string>().empty()) {
    // The body is left out: it may hold a token after all.
    ApiError error;
    error.source = ApiError::Source::kOAuth;
    error.http_status = response.status;
    error.message = "the token response has no access_token";
    error.tracking_id = tracking_id_of(response);
    return error;
  }

  // Without expires_in the token serves this call only. A lifetime beyond a
  // day is cut to a day, which keeps the arithmetic far from overflow.
  const auto expires_in = json.find("expires_in");
  const seconds lifetime{(expires_in != json.end() && expires_in->is_number_integer())
                             ? std::clamp<long long>(expires_in->get<long long>(), 0, 86'400)
                             : 0};
  return FreshToken{access_token->get<std::string>(),
                    requested_at + lifetime - refresh_margin(lifetime)};
}

}  // namespace zoom_client
