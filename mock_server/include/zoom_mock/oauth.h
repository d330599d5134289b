// Zoom's Server-to-Server OAuth token endpoint, POST /oauth/token:
// grant_type=account_credentials and account_id (form body or query
// string) with the app's client id and secret as HTTP Basic credentials.
// Apps come from the world ("oauth_apps"); an issued token is an ordinary
// token of the world, with the app's scopes, expiring after the app's TTL.
//
// Thread safety: `handle` may be called from any number of threads.
#pragma once

#include <functional>
#include <string_view>

#include "zoom_mock/api.h"
#include "zoom_mock/errors.h"
#include "zoom_mock/world.h"

namespace zoom_mock {

inline constexpr std::string_view kOAuthTokenPath = "/oauth/token";
inline constexpr std::string_view kOAuthOperation = "Server-to-Server OAuth token";

class OAuthService {
 public:
  OAuthService(World& world, const ErrorCatalog& errors, const ApiService& api,
               std::function<TimePoint()> clock)
      : world_(world), errors_(errors), api_(api), clock_(std::move(clock)) {}

  // `origin` ("http://127.0.0.1:9090") is returned as api_url, so clients
  // that follow it stay on the fake.
  ApiAnswer handle(const ApiRequest& request, std::string_view origin) const;

 private:
  ApiAnswer error(ErrorKind kind, std::string_view grant_type = {}) const;

  World& world_;
  const ErrorCatalog& errors_;
  const ApiService& api_;
  std::function<TimePoint()> clock_;
};

// "application/x-www-form-urlencoded" decoding: '+' is a space. Pairs
// without '=' have empty values; malformed escapes are kept as written.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view text);
// Standard base64 (RFC 4648) decoding; nullopt on a malformed input.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace zoom_mock
