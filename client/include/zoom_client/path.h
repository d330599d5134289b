// Percent-encoding of one URL path segment, for ids that go into a path
// such as /users/{userId}/token.
//
// Thread safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace zoom_client {

// RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) stay as they are;
// every other byte becomes %XX (upper-case hex), including '/', '+', '@',
// '%', space and each byte of a non-ASCII UTF-8 character. Servers decode
// '+' in a path as '+', but encoding it leaves no doubt.
std::string encode_path_segment(std::string_view segment);

}  // namespace zoom_client
