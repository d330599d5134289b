// Client configurations and an attempt recorder for the client's tests:
// millisecond backoffs so retry tests run fast, exact waits (no jitter) so
// they can be asserted, and a thread-safe record of every attempt.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "zoom_client/attempt_log.h"
#include "zoom_client/config.h"

namespace zoom_client_test {

inline zoom_client::ClientConfig fast_config(const std::string& api_base_url,
                                             const std::string& token = "test-token") {
  using namespace std::chrono_literals;
  zoom_client::ClientConfig config;
  config.base_url = api_base_url;
  config.credentials = zoom_client::AccessToken{token};
  config.connect_timeout = 2s;
  config.deadline = 10s;
  config.retry.max_attempts = 3;
  config.retry.base_backoff = 1ms;
  config.retry.max_backoff = 10ms;
  config.retry.max_retry_after = 5s;
  config.retry.jitter = 0.0;
  return config;
}

class AttemptRecorder {
 public:
  std::function<void(const zoom_client::AttemptLog&)> callback() {
    return [this](const zoom_client::AttemptLog& log) {
      std::lock_guard lock(mutex_);
      logs_.push_back(log);
    };
  }
  std::vector<zoom_client::AttemptLog> logs() const {
    std::lock_guard lock(mutex_);
    return logs_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<zoom_client::AttemptLog> logs_;
};

}  // namespace zoom_client_test
