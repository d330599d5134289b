#include "api_session.h"

#include <chrono>
#include <utility>

namespace zoom_contract {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

}  // namespace

ApiSession::ApiSession(std::string base_url,
                       const std::optional<zoom_client::Credentials>& credentials,
                       const std::string& ca_file)
    : base_url_(std::move(base_url)), sink_(std::make_unique<AttemptSink>()) {
  zoom_client::ClientConfig config;
  config.base_url = base_url_;
  config.ca_file = ca_file;
  config.credentials = credentials.value_or(zoom_client::NoCredentials{});
  config.user_agent = "zoom-contract-tests";
  // A 429 (the live API's Light limit is 4 requests a second on a free
  // account) is waited out rather than reported; each retry shows in the
  // report's attempts.
  config.retry.max_attempts = 3;
  config.retry.base_backoff = std::chrono::milliseconds(1000);
  config.retry.max_retry_after = std::chrono::milliseconds(5000);
  config.deadline = std::chrono::milliseconds(30'000);
  config.on_attempt = [sink = sink_.get()](const zoom_client::AttemptLog& attempt) {
    std::lock_guard lock(sink->mutex);
    sink->attempts.push_back(attempt);
  };
  client_ = std::make_unique<zoom_client::Client>(std::move(config));
}

Exchange ApiSession::send(const ApiRequest& request) {
  zoom_client::Request raw;
  raw.method = request.method;
  raw.path = request.path;
  raw.headers.add("Accept", "application/json");
  std::visit(Overloaded{
                 [&](const ApiRequest::SuiteCredentials&) { raw.use_credentials = true; },
                 [&](const ApiRequest::NoAuthorization&) { raw.use_credentials = false; },
                 [&](const ApiRequest::Bearer& bearer) {
                   raw.use_credentials = false;
                   raw.headers.add("Authorization", "Bearer " + bearer.token);
                 },
             },
             request.authorization);
  {
    std::lock_guard lock(sink_->mutex);
    sink_->attempts.clear();
  }

  const auto sent = client_->send(raw);

  Exchange exchange;
  exchange.method = raw.method;
  exchange.url = base_url_ + raw.path;
  exchange.request_headers = redacted(raw.headers);
  {
    std::lock_guard lock(sink_->mutex);
    exchange.attempts = std::move(sink_->attempts);
    sink_->attempts.clear();
  }
  // The headers the client really sent (with its own Authorization, when it
  // added one) are those of the last attempt on the API URL.
  for (auto attempt = exchange.attempts.rbegin(); attempt != exchange.attempts.rend(); ++attempt) {
    if (attempt->url == exchange.url) {
      exchange.request_headers = redacted(attempt->request_headers);
      break;
    }
  }
  if (sent.ok()) {
    exchange.response = sent.value();
  } else if (const zoom_client::ApiError* error = sent.api_error()) {
    exchange.failure = "no access token: " + zoom_client::describe(*error);
  } else {
    exchange.failure = sent.describe();
  }
  return exchange;
}

}  // namespace zoom_contract
