// How a Client reaches Zoom: where, as whom, for how long, and how it
// retries. The same client talks to https://api.zoom.us/v2 or to the fake;
// only base_url and the credentials differ.
//
// Thread safety: a plain value, copied by the Client constructor.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <variant>

#include "zoom_client/attempt_log.h"

namespace zoom_client {

// Sends no Authorization header; callers add their own per request.
struct NoCredentials {};

// A token obtained elsewhere, sent as "Authorization: Bearer <token>".
struct AccessToken {
  std::string token;
};

// Server-to-Server OAuth: the client fetches an access token from
// token_url (grant_type=account_credentials, HTTP Basic client
// credentials), caches it until shortly before it expires, and fetches a
// new one once if the API answers 401 code 124 (a revoked or expired token).
struct ServerToServerOAuth {
  std::string account_id;
  std::string client_id;
  std::string client_secret;
  std::string token_url = "https://zoom.us/oauth/token";
};

using Credentials = std::variant<NoCredentials, AccessToken, ServerToServerOAuth>;

// Retries: 429 waits for its Retry-After; 5xx answers and connection
// failures back off exponentially, but only for idempotent methods (a POST
// that failed half way must not run twice); other 4xx are never retried.
struct RetryPolicy {
  // Attempts per request, the first included: 1 (or less) never retries.
  int max_attempts = 3;
  // The wait before retry n (n = 1, 2, ...) is base_backoff * 2^(n-1),
  // at most max_backoff, less the jitter.
  std::chrono::milliseconds base_backoff{500};
  std::chrono::milliseconds max_backoff{10'000};
  // The longest Retry-After the client waits for. A 429 asking for longer
  // (Zoom's daily limit names the next midnight) is returned at once, with
  // its retry_after, rather than holding the caller for hours.
  std::chrono::milliseconds max_retry_after{60'000};
  // The fraction of each backoff taken off at random, in [0, 1], so that
  // clients that failed together do not retry together. 0: exact waits.
  double jitter = 0.5;
};

struct ClientConfig {
  std::string base_url = "https://api.zoom.us/v2";
  Credentials credentials;
  std::chrono::milliseconds connect_timeout{10'000};
  // Bounds a whole call: the token fetch, every attempt and every wait
  // between attempts. A wait that would end past it is not started; the
  // last answer is returned instead.
  std::chrono::milliseconds deadline{30'000};
  RetryPolicy retry;
  // Empty: "zoom-client/<version>".
  std::string user_agent;
  // A PEM file of CA certificates to trust instead of the system's, e.g.
  // for HTTPS against a fake with a self-signed certificate. Empty: the
  // system's store.
  std::string ca_file;
  // Called after every HTTP attempt, on the calling thread; with a shared
  // client, from several threads at once. Empty: no reports.
  std::function<void(const AttemptLog&)> on_attempt;
};

}  // namespace zoom_client
