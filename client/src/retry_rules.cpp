#include "retry_rules.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace zoom_client {

bool is_idempotent(std::string_view method) {
  static constexpr std::array<std::string_view, 6> kIdempotent = {"GET",    "HEAD",  "PUT",
                                                                  "DELETE", "OPTIONS", "TRACE"};
  return std::find(kIdempotent.begin(), kIdempotent.end(), method) != kIdempotent.end();
}

bool is_retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

bool is_retryable_transport_failure(int curl_code) {
  switch (static_cast<CURLcode>(curl_code)) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry_number,
                                        double random_unit) {
  using std::chrono::milliseconds;
  const milliseconds cap = std::max(policy.max_backoff, milliseconds{0});
  milliseconds delay = std::min(std::max(policy.base_backoff, milliseconds{0}), cap);
  // Doubling stops at the cap, so a large retry_number cannot overflow.
  for (int n = 1; n < retry_number && delay < cap; ++n) delay = std::min(delay * 2, cap);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  const double unit = std::clamp(random_unit, 0.0, 1.0);
  return milliseconds{std::llround(static_cast<double>(delay.count()) * (1.0 - jitter * unit))};
}

}  // namespace zoom_client
