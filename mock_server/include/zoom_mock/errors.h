// Zoom's error catalog: every error the fake can answer, as
// {HTTP status, Zoom error code, message template}.
//
// Defaults follow Zoom's documented answers; fixtures may override any entry
// (world.json "errors"), and the endpoint's own documented errors (e.g. 404
// code 1001) are taken from its Postman item. Templates name their inputs as
// {name} or $name; `ErrorCatalog::make` fills them in. Immutable once built,
// so request threads share it freely.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace zoom_mock {

struct ApiError {
  int http_status = 0;
  int code = 0;
  std::string message;

  bool operator==(const ApiError&) const = default;
};

enum class ErrorKind {
  kInvalidAccessToken,   // 401 124: missing, malformed or unknown token
  kExpiredAccessToken,   // 401 124: token past its expiry
  kMissingScopes,        // 400 4711: {scopes}
  kUserNotFound,         // 404 1001: {userId}
  kNoPermission,         // 400 200: user-level token acting on another user
  kUnknownEndpoint,      // 404: no operation has this path ({path})
  kMethodNotAllowed,     // 405: the path exists for other methods ({method})
  kRateLimitPerSecond,   // 429 429
  kRateLimitDaily,       // 429 429: {limit} {label}
  kInvalidRequestBody,   // 400 300
  kBadRequest,           // 400: a request HTTP itself rejects ({reason})
  kPayloadTooLarge,      // 413
  kInternalError,        // 500
  kUndocumentedPreference,  // 400: Prefer names no documented response
  // /oauth/token answers {"reason": message, "error": oauth_error_name(kind)}.
  kOAuthInvalidClient,          // 401 invalid_client
  kOAuthMissingGrantType,       // 400 invalid_request
  kOAuthUnsupportedGrantType,   // 400 unsupported_grant_type ({grant_type})
  kOAuthMissingAccountId,       // 400 invalid_request
  kOAuthInvalidAccountId,       // 400 invalid_request
};
inline constexpr std::size_t kErrorKindCount = 19;

// The OAuth "error" value of an /oauth/token entry; empty for API errors.
std::string_view oauth_error_name(ErrorKind kind);

// The name of an entry as written in world.json "errors".
std::string_view error_kind_name(ErrorKind kind);
std::optional<ErrorKind> error_kind_from_name(std::string_view name);

class ErrorCatalog {
 public:
  ErrorCatalog();  // Zoom's documented defaults

  const ApiError& entry(ErrorKind kind) const {
    return entries_[static_cast<std::size_t>(kind)];
  }
  void set(ErrorKind kind, ApiError entry) {
    entries_[static_cast<std::size_t>(kind)] = std::move(entry);
  }

  // The entry with its placeholders filled, e.g. make(kUserNotFound,
  // {{"userId", "a@b.c"}}).
  ApiError make(ErrorKind kind,
                std::initializer_list<std::pair<std::string_view, std::string_view>>
                    values = {}) const;

 private:
  std::array<ApiError, kErrorKindCount> entries_;
};

// Fills {name} and $name placeholders of `text_template`.
std::string fill_template(
    std::string_view text_template,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace zoom_mock
