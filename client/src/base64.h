// Base64 (RFC 4648, with padding), for HTTP Basic credentials.
//
// Thread safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace zoom_client {

std::string base64_encode(std::string_view bytes);

}  // namespace zoom_client
