// Private: the transport's parser and writer for the one request shape that
// dominates a fake's load — a body-less GET or DELETE under /v2 in HTTP/1.1
// with plain headers — so the event loop (event_loop.h) can answer it
// without cpp-httplib's per-byte parser and per-request allocations.
//
// The accepted shape is a strict subset of what cpp-httplib accepts, and
// for it the answer is byte for byte what cpp-httplib would write (tested
// by answering the same requests both ways). Anything else — another
// method, a body, framing headers (Content-Length, Transfer-Encoding,
// Connection, Expect, Range), '%' in a header value, an unusual byte, a
// long target — is left to cpp-httplib.
//
// Thread safety: plain functions over caller-owned data.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoom_mock/api.h"

namespace zoom_mock {

using HeaderView = std::pair<std::string_view, std::string_view>;

// A request parsed in place: every view points into the caller's buffer.
struct SimpleRequest {
  std::string_view method;
  std::string_view target;
  std::vector<HeaderView> headers;  // in arrival order
  std::size_t size = 0;             // bytes of the whole request
};

// Parses the request at the front of `data`. True when it is complete and
// of the simple shape (then `out` describes it); false for anything else,
// complete or not.
bool parse_simple_request(std::string_view data, SimpleRequest& out);

// Whether the request at the front of `data` has fully arrived: its head
// ended, and the Content-Length body (if any) is there. False for a
// chunked body, which cpp-httplib must read as it comes.
bool request_is_buffered(std::string_view data);

// Headers in cpp-httplib's order: by case-insensitive name, equal names in
// arrival order.
std::vector<HeaderView> sorted_like_httplib(std::vector<HeaderView> headers);

// The request's headers for the service, looked up case-insensitively.
class HeaderViews final : public HeaderSource {
 public:
  explicit HeaderViews(const std::vector<HeaderView>& headers) : headers_(headers) {}
  std::size_t count(std::string_view name) const override;
  std::string_view value(std::string_view name, std::size_t index) const override;

 private:
  const std::vector<HeaderView>& headers_;
};

// Appends a response to `out` as cpp-httplib 0.11.4 writes one that keeps
// the connection open: the status line, the headers by case-insensitive
// name (with Content-Type, `Keep-Alive: <keep_alive>` and Content-Length
// added), and the body. `content_type` empty: no body, no Content-Type.
void append_response(std::string& out, int status,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     std::string_view content_type, std::string_view body,
                     std::string_view keep_alive);

}  // namespace zoom_mock
