// Turns an answer that was not a success into an ApiError.
//
// Thread safety: a pure function.
#pragma once

#include <chrono>

#include "zoom_client/errors.h"
#include "zoom_client/http.h"

namespace zoom_client {

// Reads Zoom's error JSON {"code": 1001, "message": "..."} and the OAuth
// endpoint's {"reason": "...", "error": "..."}; from a body of any other
// shape (an HTML page from a proxy, nothing at all) `code` stays empty and
// `message` says so. The tracking id and Retry-After come from the headers,
// the wait counted from `now`.
ApiError api_error_from(const RawResponse& response, ApiError::Source source,
                        std::chrono::system_clock::time_point now);

// The response's x-zm-trackingid, or "".
std::string tracking_id_of(const RawResponse& response);

}  // namespace zoom_client
