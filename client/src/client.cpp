#include "zoom_client/client.h"

#include <memory>
#include <variant>

#include "api_error_from.h"
#include "curl_transport.h"
#include "deadline.h"
#include "oauth_token_source.h"
#include "retry_rules.h"
#include "retrying_sender.h"
#include "zoom_client/path.h"
#include "zoom_client/version.h"

namespace zoom_client {
namespace {

std::string without_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string default_user_agent() { return "zoom-client/" + std::string(version()); }

template <typename T, typename U>
Result<T> forward_error(const Result<U>& failed) {
  if (const ApiError* error = failed.api_error()) return *error;
  return *failed.transport_error();
}

}  // namespace

struct Client::Impl {
  explicit Impl(ClientConfig client_config)
      : config(std::move(client_config)),
        base_url(without_trailing_slashes(config.base_url)),
        transport(config.user_agent.empty() ? default_user_agent() : config.user_agent,
                  config.ca_file),
        sender(transport, config.retry, config.connect_timeout, config.on_attempt) {
    if (const auto* oauth = std::get_if<ServerToServerOAuth>(&config.credentials)) {
      token_source = std::make_unique<OAuthTokenSource>(*oauth, sender);
    }
  }

  Result<RawResponse> send(const Request& request) {
    const Deadline deadline = Deadline::after(config.deadline);
    const std::string url =
        base_url + (request.path.starts_with('/') ? "" : "/") + request.path;
    const bool repeatable = is_idempotent(request.method);
    const bool client_authorizes =
        request.use_credentials && !request.headers.contains("Authorization");

    if (client_authorizes) {
      if (const auto* fixed = std::get_if<AccessToken>(&config.credentials)) {
        Headers headers = request.headers;
        headers.set("Authorization", "Bearer " + fixed->token);
        return sender.send({request.method, url, headers, request.body, repeatable}, deadline);
      }
      if (token_source) return send_with_oauth(request, url, repeatable, deadline);
    }
    return sender.send({request.method, url, request.headers, request.body, repeatable},
                       deadline);
  }

  // Zoom answers 401 code 124 to a token it revoked or let expire early;
  // one new token is worth a try, more would hide a real fault.
  Result<RawResponse> send_with_oauth(const Request& request, const std::string& url,
                                      bool repeatable, const Deadline& deadline) {
    for (bool refreshed = false;; refreshed = true) {
      auto token = token_source->token(deadline);
      if (!token.ok()) return forward_error<RawResponse>(token);
      Headers headers = request.headers;
      headers.set("Authorization", "Bearer " + token.value());
      auto outcome =
          sender.send({request.method, url, headers, request.body, repeatable}, deadline);
      const bool token_rejected =
          outcome.ok() && outcome.value().status == 401 &&
          api_error_from(outcome.value(), ApiError::Source::kApi, std::chrono::system_clock::now())
              .is_invalid_access_token();
      if (refreshed || !token_rejected) return outcome;
      token_source->invalidate(token.value());
    }
  }

  const ClientConfig config;
  const std::string base_url;
  CurlTransport transport;
  const RetryingSender sender;
  std::unique_ptr<OAuthTokenSource> token_source;  // with ServerToServerOAuth only
};

Client::Client(ClientConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

Client::~Client() = default;

const ClientConfig& Client::config() const { return impl_->config; }

Result<RawResponse> Client::send(const Request& request) { return impl_->send(request); }

Result<RawResponse> Client::send(std::string_view method, std::string_view path,
                                 const Headers& headers, std::string_view body) {
  return impl_->send(Request{.method = std::string(method),
                             .path = std::string(path),
                             .headers = headers,
                             .body = std::string(body),
                             .use_credentials = true});
}

Result<TokenRevoked> Client::revoke_user_sso_token(std::string_view user_id) {
  Request request;
  request.method = "DELETE";
  request.path = "/users/" + encode_path_segment(user_id) + "/token";
  request.headers.add("Accept", "application/json");
  const auto sent = impl_->send(request);
  if (!sent.ok()) return forward_error<TokenRevoked>(sent);
  const RawResponse& response = sent.value();
  if (response.status >= 200 && response.status <= 299) {
    return TokenRevoked{.http_status = response.status, .tracking_id = tracking_id_of(response)};
  }
  return api_error_from(response, ApiError::Source::kApi, std::chrono::system_clock::now());
}

}  // namespace zoom_client
