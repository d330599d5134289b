// Private: carrying out a fault's response on a live cpp-httplib
// connection (status and body, delays, broken connections).
#pragma once

#include <chrono>
#include <string_view>

#include <httplib.h>

#include "zoom_mock/errors.h"
#include "zoom_mock/faults.h"

namespace zoom_mock {

class ApiService;

// The fault's delay: fixed plus, when given, a uniform random part.
std::chrono::milliseconds fault_delay(const FaultResponse& response);

// Answers `req` as the fault says, in place of the model. Returns the status
// the client sees, 0 when it gets no HTTP response at all.
int apply_fault(const Fault& fault, const ErrorCatalog& errors, const ApiService& api,
                const httplib::Request& req, std::string_view user_ref, httplib::Response& res);

}  // namespace zoom_mock
