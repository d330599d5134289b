#include "redact.h"

namespace zoom_client {
namespace {

bool carries_credentials(std::string_view name) {
  return same_header_name(name, "Authorization") || same_header_name(name, "Proxy-Authorization");
}

std::string redact_value(const std::string& value) {
  const auto space = value.find(' ');
  return space == std::string::npos ? "***" : value.substr(0, space) + " ***";
}

}  // namespace

Headers redact_credentials(const Headers& headers) {
  Headers safe;
  for (const auto& [name, value] : headers) {
    safe.add(name, carries_credentials(name) ? redact_value(value) : value);
  }
  return safe;
}

}  // namespace zoom_client
