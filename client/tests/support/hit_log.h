// What an in-test server saw: when each request arrived, and what it was.
// Handlers add from the server's threads; the test reads afterwards.
#pragma once

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace zoom_client_test {

struct Hit {
  std::chrono::steady_clock::time_point at;
  std::string method;
  std::string target;  // as received, still percent-encoded
  httplib::Headers headers;
  std::string body;
  int remote_port = 0;
};

class HitLog {
 public:
  // Records `request`; returns how many requests arrived before it.
  std::size_t add(const httplib::Request& request) {
    std::lock_guard lock(mutex_);
    hits_.push_back(Hit{std::chrono::steady_clock::now(), request.method, request.target,
                        request.headers, request.body, request.remote_port});
    return hits_.size() - 1;
  }
  std::vector<Hit> hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
  }
  std::size_t count() const {
    std::lock_guard lock(mutex_);
    return hits_.size();
  }
  // Time between hit i-1 and hit i.
  std::chrono::milliseconds gap_before(std::size_t i) const {
    std::lock_guard lock(mutex_);
    return std::chrono::duration_cast<std::chrono::milliseconds>(hits_.at(i).at -
                                                                 hits_.at(i - 1).at);
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Hit> hits_;
};

}  // namespace zoom_client_test
