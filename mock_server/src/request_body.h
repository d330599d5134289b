// Private: reading a request body through cpp-httplib's ContentReader.
//
// cpp-httplib reads a POST without Content-Length until the peer closes
// (a stall until the read timeout), so a body is read only when the request
// declares one: Content-Length or chunked transfer encoding.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

namespace zoom_mock {

// The body, "" when none is declared, nullopt when it exceeds `max_bytes`
// or the connection fails mid-body.
inline std::optional<std::string> read_body(const httplib::Request& req,
                                            const httplib::ContentReader& reader,
                                            std::size_t max_bytes) {
  std::string body;
  const bool declared = req.has_header("Content-Length") ||
                        req.get_header_value("Transfer-Encoding").find("chunked") !=
                            std::string::npos;
  if (!declared) return body;
  bool too_large = false;
  const bool ok = reader([&](const char* data, std::size_t length) {
    if (body.size() + length > max_bytes) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  });
  if (!ok || too_large) return std::nullopt;
  return body;
}

}  // namespace zoom_mock
