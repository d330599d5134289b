#include "retrying_sender.h"

#include <algorithm>
#include <random>
#include <thread>

#include "api_error_from.h"
#include "redact.h"
#include "retry_after.h"
#include "retry_rules.h"

namespace zoom_client {
namespace {

using std::chrono::milliseconds;

double random_unit() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

}  // namespace

RetryingSender::RetryingSender(CurlTransport& transport, RetryPolicy policy,
                               milliseconds connect_timeout,
                               std::function<void(const AttemptLog&)> on_attempt)
    : transport_(transport),
      policy_(policy),
      connect_timeout_(connect_timeout),
      on_attempt_(std::move(on_attempt)) {}

Result<RawResponse> RetryingSender::send(const OutgoingRequest& request,
                                         const Deadline& deadline) const {
  Result<RawResponse> outcome =
      TransportError{TransportError::kTimeoutCode, "the deadline passed before the request was sent"};
  for (int attempt = 1; !deadline.passed(); ++attempt) {
    const milliseconds remaining = deadline.remaining();
    const auto started = Deadline::Clock::now();
    outcome = transport_.perform({.method = request.method,
                                  .url = request.url,
                                  .headers = request.headers,
                                  .body = request.body,
                                  .timeout = remaining,
                                  .connect_timeout = std::min(connect_timeout_, remaining)});
    const auto elapsed =
        std::chrono::duration_cast<milliseconds>(Deadline::Clock::now() - started);
    const auto wait = wait_before_retry(outcome, request, attempt, deadline);
    report(request, outcome, attempt, elapsed, wait);
    if (!wait) break;
    std::this_thread::sleep_for(*wait);
  }
  return outcome;
}

std::optional<milliseconds> RetryingSender::wait_before_retry(const Result<RawResponse>& outcome,
                                                              const OutgoingRequest& request,
                                                              int attempt,
                                                              const Deadline& deadline) const {
  if (attempt >= policy_.max_attempts) return std::nullopt;
  std::optional<milliseconds> wait;
  if (const TransportError* error = outcome.transport_error()) {
    // A timeout with budget left was the connect timeout: a connection
    // failure like any other. With no budget left the deadline ended it.
    const bool connection_failed =
        is_retryable_transport_failure(error->curl_code) ||
        (error->is_timeout() && !deadline.passed());
    if (request.repeatable && connection_failed) wait = backoff(attempt);
  } else {
    const RawResponse& response = outcome.value();
    const bool retryable = response.status == 429 ||
                           (request.repeatable && is_retryable_status(response.status));
    if (!retryable) return std::nullopt;
    const std::string* retry_after = response.headers.find("Retry-After");
    const auto asked = retry_after != nullptr
                           ? parse_retry_after(*retry_after, std::chrono::system_clock::now())
                           : std::nullopt;
    if (!asked) {
      wait = backoff(attempt);
    } else if (*asked <= policy_.max_retry_after) {
      wait = asked;
    }
  }
  // A wait that ends past the deadline would only end in a timeout; the
  // answer in hand says more.
  if (wait && *wait >= deadline.remaining()) return std::nullopt;
  return wait;
}

std::optional<milliseconds> RetryingSender::backoff(int attempt) const {
  return backoff_delay(policy_, attempt, random_unit());
}

void RetryingSender::report(const OutgoingRequest& request, const Result<RawResponse>& outcome,
                            int attempt, milliseconds elapsed,
                            std::optional<milliseconds> retry_in) const {
  if (!on_attempt_) return;
  AttemptLog log;
  log.method = std::string(request.method);
  log.url = request.url;
  log.request_headers = redact_credentials(request.headers);
  log.attempt = attempt;
  log.elapsed = elapsed;
  log.retry_in = retry_in;
  if (outcome.ok()) {
    log.status = outcome.value().status;
    log.tracking_id = tracking_id_of(outcome.value());
  } else {
    log.transport_error = describe(*outcome.transport_error());
  }
  on_attempt_(log);
}

}  // namespace zoom_client
