// The version of zoom_client and zoom-cli, from the CMake project.
//
// Thread safety: a constant.
#pragma once

#include <string_view>

namespace zoom_client {

std::string_view version();

}  // namespace zoom_client
