// One request of a contract case and what came back, as the mismatch
// report shows it: the request as sent (Authorization redacted), every
// attempt the client made, the response's status, headers and body, and
// Zoom's tracking id, so that a user can file the difference with Zoom or
// fix the fake.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expectations.h"
#include "zoom_client/attempt_log.h"
#include "zoom_client/http.h"

namespace zoom_contract {

struct Exchange {
  std::string method;
  std::string url;
  zoom_client::Headers request_headers;  // as sent, Authorization redacted
  // Every HTTP attempt behind the exchange: retries, and the OAuth token
  // request when the suite uses Server-to-Server OAuth.
  std::vector<zoom_client::AttemptLog> attempts;
  std::optional<zoom_client::RawResponse> response;
  std::string failure;  // why there is no response (connection, OAuth)

  // x-zm-trackingid of the response; empty when absent.
  std::string tracking_id() const;
};

// Authorization and Proxy-Authorization become "<scheme> ***" ("Bearer ***").
zoom_client::Headers redacted(const zoom_client::Headers& headers);

// The report printed when a case fails: `problems` (one line each, from
// mismatches() or the case's own checks) under the case name, then the
// request, the expectation and the response in full.
std::string mismatch_report(std::string_view case_name, const ExpectedResponse& expected,
                            const Exchange& exchange, const std::vector<std::string>& problems);

}  // namespace zoom_contract
