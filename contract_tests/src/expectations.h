// What a contract case expects of one response, and the check that lists
// every way a response differs from it. Pure: no I/O, so the checks have
// unit tests of their own.
//
// Errors must be Zoom's error JSON, {"code": <int>, "message": "<text>"}
// (plus "errors" for validation failures), under Content-Type
// application/json with charset UTF-8; every answer must carry
// x-zm-trackingid; a 204 must have no body.
//
// Thread safety: pure functions over plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoom_client/http.h"

namespace zoom_contract {

struct ExpectedResponse {
  int status = 0;
  std::optional<int> code;             // Zoom's "code", for errors
  std::optional<std::string> message;  // the exact "message", for errors
  // Where the expectation comes from: a Postman response or a rule.
  std::string source;

  bool is_error() const { return status >= 400; }
  // "404 {"code":1001,"message":"User does not exist: x."}, Content-Type
  // application/json;charset=UTF-8, x-zm-trackingid".
  std::string describe() const;
};

// One line per difference, e.g. "status: expected 404, got 204"; empty when
// the response meets every expectation.
std::vector<std::string> mismatches(const ExpectedResponse& expected,
                                    const zoom_client::RawResponse& actual);

// Whether a Content-Type says JSON in UTF-8, compared as RFC 9110 says:
// type, subtype, parameter names and the charset value case-insensitively,
// whitespace around ';' and a quoted value allowed.
// "application/json;charset=UTF-8" and "application/json; charset=utf-8"
// pass; "application/json" (no charset) and "text/plain" do not.
bool is_json_utf8(std::string_view content_type);

}  // namespace zoom_contract
