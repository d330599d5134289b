// When the client tries a request again, and how long it waits first.
// RetryingSender applies these; they are apart so they can be tested alone.
//
// Thread safety: pure functions.
#pragma once

#include <chrono>
#include <string_view>

#include "zoom_client/config.h"

namespace zoom_client {

// Methods that may run twice with the effect of running once (RFC 9110
// section 9.2.2): only these are retried after a 5xx or a lost connection.
bool is_idempotent(std::string_view method);

// 429 and 5xx.
bool is_retryable_status(int status);

// libcurl failures that mean the request never got an answer for reasons
// that may pass: no connection, connection lost, nothing received.
bool is_retryable_transport_failure(int curl_code);

// The wait before retry `retry_number` (1 for the first retry):
// base_backoff * 2^(retry_number - 1), at most max_backoff, less
// jitter * random_unit of it. `random_unit` is in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry_number,
                                        double random_unit);

}  // namespace zoom_client
