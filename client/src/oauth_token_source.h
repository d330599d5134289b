// Server-to-Server OAuth access tokens: fetched from the token endpoint on
// first use, cached until shortly before they expire, dropped when the API
// rejects them.
//
// Thread safety: token() and invalidate() may run on any number of threads.
// mutex_ guards the cache and the fetching_ flag, and is not held during a
// fetch: one thread fetches while the others that need a token wait on
// fetch_done_ (each no longer than its own deadline) instead of fetching
// their own.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>

#include "deadline.h"
#include "retrying_sender.h"
#include "zoom_client/config.h"
#include "zoom_client/result.h"

namespace zoom_client {

class OAuthTokenSource {
 public:
  OAuthTokenSource(ServerToServerOAuth credentials, const RetryingSender& sender);

  // A valid access token, from the cache or fetched now. Failures are an
  // ApiError of Source::kOAuth or a TransportError.
  Result<std::string> token(const Deadline& deadline);

  // Forgets `rejected` if it is still the cached token, so that the next
  // token() fetches a new one. A token another thread has already replaced
  // stays, so one rejection causes one fetch however many threads saw it.
  void invalidate(const std::string& rejected);

 private:
  struct FreshToken {
    std::string token;
    Deadline::Clock::time_point valid_until;
  };

  bool has_valid_token() const;  // requires mutex_
  Result<FreshToken> fetch(const Deadline& deadline) const;

  const ServerToServerOAuth credentials_;
  const RetryingSender& sender_;
  std::mutex mutex_;
  std::condition_variable fetch_done_;
  bool fetching_ = false;                    // guarded by mutex_
  std::string token_;                        // guarded by mutex_
  Deadline::Clock::time_point valid_until_;  // guarded by mutex_
};

}  // namespace zoom_client
