// What zoom-cli prints: the outcome of a call as text or JSON, and one
// block per HTTP attempt for --verbose. Nothing printed here holds a
// credential: AttemptLog arrives redacted, and errors never carry one.
//
// Thread safety: pure functions writing to the streams they are given.
#pragma once

#include <ostream>
#include <string>

#include "args.h"
#include "zoom_client/attempt_log.h"
#include "zoom_client/client.h"

namespace zoom_cli {

enum ExitCode : int {
  kExitSuccess = 0,
  kExitApiError = 1,
  kExitUsageError = 2,
  kExitTransportError = 3,
};

// Prints the outcome (text: success on `out`, errors on `err`; JSON: one
// object on `out`) and returns the exit code.
ExitCode report_outcome(const zoom_client::Result<zoom_client::TokenRevoked>& outcome,
                        const CliOptions& options, std::ostream& out, std::ostream& err);

// "> DELETE URL (attempt 1)", the request headers, then "< 204 in 3 ms ..."
// and, when the client will try again, "* retrying in N ms".
std::string format_attempt(const zoom_client::AttemptLog& log);

}  // namespace zoom_cli
