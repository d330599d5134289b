// Reading the Retry-After header of a 429 (or 503) answer.
//
// Thread safety: a pure function.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace zoom_client {

// How long `value` asks the client to wait, counted from `now`. Accepts
// delay-seconds ("120"), an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT") and
// the ISO 8601 UTC time Zoom documents for its daily limit
// ("2020-05-31T00:00:00Z"). A time already past means no wait (zero).
// Anything else is nullopt: the client then backs off as for a 5xx.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace zoom_client
