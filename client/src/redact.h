// Copies of request headers that are safe to show: credentials keep their
// scheme and lose the secret ("Bearer ***", "Basic ***").
//
// Thread safety: a pure function.
#pragma once

#include "zoom_client/http.h"

namespace zoom_client {

Headers redact_credentials(const Headers& headers);

}  // namespace zoom_client
