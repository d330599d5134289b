// Fault injection: make the fake misbehave on purpose for the requests a
// pattern selects, WireMock style:
//
//   {"request": {"method": "DELETE", "urlPathPattern": "/v2/users/.*"},
//    "response": {"status": 503, "fixedDelayMilliseconds": 200},
//    "times": 2}
//
// A response may delay (fixed, or uniform between two bounds), answer a
// status with a JSON body (Zoom-shaped when none is given) and headers, or
// break the connection: CONNECTION_RESET_BY_PEER (TCP reset, no response),
// EMPTY_RESPONSE (closed without a byte), MALFORMED_RESPONSE_CHUNK (a
// chunked 200 cut off mid-body), TRUNCATED_BODY (Content-Length promised,
// half sent), RANDOM_DATA_THEN_CLOSE (garbage instead of HTTP). A delay
// alone lets the request through to the model afterwards. A fault applies
// to the next `times` matching requests, or until removed; the first
// matching fault (oldest first) wins.
//
// Thread safety: FaultTable may be used from any thread; taking a fault
// (and counting down its `times`) is atomic under its mutex.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zoom_mock/request_pattern.h"

namespace zoom_mock {

enum class ConnectionFault {
  kNone,
  kConnectionResetByPeer,
  kEmptyResponse,
  kMalformedResponseChunk,
  kTruncatedBody,
  kRandomDataThenClose,
};

struct FaultResponse {
  std::optional<int> status;
  std::optional<nlohmann::json> json_body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds fixed_delay{0};
  // Uniform random delay in [lower, upper], added to the fixed delay.
  std::optional<std::pair<std::chrono::milliseconds, std::chrono::milliseconds>> random_delay;
  ConnectionFault fault = ConnectionFault::kNone;

  // True when the fault answers in place of the model.
  bool replaces_answer() const { return status.has_value() || fault != ConnectionFault::kNone; }
};

struct Fault {
  std::string id;
  RequestPattern request;
  FaultResponse response;
  std::optional<std::int64_t> times;  // remaining; nullopt: until removed
  std::uint64_t hits = 0;
};

// Throws FieldError naming the offending field.
Fault fault_from_json(const nlohmann::json& value);
nlohmann::json fault_to_json(const Fault& fault);

class FaultTable {
 public:
  // Stores `fault` under a fresh id, which it returns.
  std::string add(Fault fault);
  bool remove(const std::string& id);
  void clear();
  std::vector<Fault> list() const;

  // The fault for this request, if any, counting one use of it.
  std::optional<Fault> take(const RequestFacts& request);
  // Cheap check for the request path: false when no fault is installed.
  bool empty() const { return count_.load(std::memory_order_acquire) == 0; }
  // Whether some installed fault pattern needs the request's {userId}.
  bool needs_user_ref() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
  std::atomic<std::size_t> count_{0};
  std::uint64_t next_id_ = 1;
};

}  // namespace zoom_mock
