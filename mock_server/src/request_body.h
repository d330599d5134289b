// Private: reading a request body through cpp-httplib's ContentReader.
//
// cpp-httplib reads a POST without Content-Length until the peer closes
// (a stall until the read timeout), so a body is read only when the request
// declares one: Content-Length or chunked transfer encoding.
#pragma once

#include <string>
#include <variant>

#include <httplib.h>

#include "http_connection.h"

namespace zoom_mock {

// Why a declared body could not be read.
enum class BodyError {
  kTooLarge,    // more than the handler accepts: 413
  kUnreadable,  // cut short, timed out or badly encoded: 400 (408 on timeout)
};

// The body, "" when none is declared. On an error the rest of the body is
// left unread, so the connection is closed after the answer.
inline std::variant<std::string, BodyError> read_body(const httplib::Request& req,
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
  ConnectionState& connection = ConnectionState::current();
  if (ok && !too_large) {
    connection.body_read = true;
    return body;
  }
  connection.close_after_response = true;
  return too_large ? BodyError::kTooLarge : BodyError::kUnreadable;
}

}  // namespace zoom_mock
