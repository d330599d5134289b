#include "zoom_client/version.h"

namespace zoom_client {

std::string_view version() { return ZOOM_CLIENT_VERSION; }

}  // namespace zoom_client
