// The version of the zoom_mock library and zoom-mock-server.
#pragma once

namespace zoom_mock {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace zoom_mock
