// Sends one request as many times as the retry policy allows within the
// call's deadline, waiting between attempts, and reports every attempt.
//
// Thread safety: immutable after construction; send() may run on any number
// of threads at once (the transport pools its handles, and each thread
// draws its jitter from its own generator).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "curl_transport.h"
#include "deadline.h"
#include "zoom_client/attempt_log.h"
#include "zoom_client/config.h"
#include "zoom_client/http.h"
#include "zoom_client/result.h"

namespace zoom_client {

struct OutgoingRequest {
  std::string_view method;
  const std::string& url;
  const Headers& headers;
  std::string_view body;
  // Whether a 5xx or a lost connection may be retried: true only when
  // running the request twice does no harm. A 429 is always retried, since
  // the server refused it without acting on it.
  bool repeatable;
};

class RetryingSender {
 public:
  RetryingSender(CurlTransport& transport, RetryPolicy policy,
                 std::chrono::milliseconds connect_timeout,
                 std::function<void(const AttemptLog&)> on_attempt);

  // The last answer, whatever its status, or the last transport error.
  Result<RawResponse> send(const OutgoingRequest& request, const Deadline& deadline) const;

 private:
  // How long to wait before trying again after `outcome`, or nullopt to
  // stop here.
  std::optional<std::chrono::milliseconds> wait_before_retry(const Result<RawResponse>& outcome,
                                                            const OutgoingRequest& request,
                                                            int attempt,
                                                            const Deadline& deadline) const;
  std::optional<std::chrono::milliseconds> backoff(int attempt) const;
  void report(const OutgoingRequest& request, const Result<RawResponse>& outcome, int attempt,
              std::chrono::milliseconds elapsed,
              std::optional<std::chrono::milliseconds> retry_in) const;

  CurlTransport& transport_;
  const RetryPolicy policy_;
  const std::chrono::milliseconds connect_timeout_;
  const std::function<void(const AttemptLog&)> on_attempt_;
};

}  // namespace zoom_client
