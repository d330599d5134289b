#include "zoom_mock/errors.h"

namespace zoom_mock {
namespace {

struct CatalogEntry {
  ErrorKind kind;
  std::string_view name;
  int http_status;
  int code;
  std::string_view message;
  std::string_view oauth_error = {};
};

// Zoom's answers as documented (ZOOM_FACTS.md); the rows marked "ours" are
// the fake's choice where Zoom documents nothing.
constexpr CatalogEntry kDefaults[] = {
    {ErrorKind::kInvalidAccessToken, "invalid_access_token", 401, 124,
     "Invalid access token."},
    {ErrorKind::kExpiredAccessToken, "expired_access_token", 401, 124,
     "Access token is expired."},
    {ErrorKind::kMissingScopes, "missing_scopes", 400, 4711,
     "Invalid access token, does not contain scopes:[{scopes}]."},
    {ErrorKind::kUserNotFound, "user_not_found", 404, 1001, "User does not exist: {userId}."},
    {ErrorKind::kNoPermission, "no_permission", 400, 200, "No permission."},
    // ours: Zoom's gateway answers unknown paths with a bare 404.
    {ErrorKind::kUnknownEndpoint, "unknown_endpoint", 404, 404,
     "No API operation matches {method} {path}."},
    // ours
    {ErrorKind::kMethodNotAllowed, "method_not_allowed", 405, 405,
     "Method {method} is not allowed on {path}; allowed: {allowed}."},
    {ErrorKind::kRateLimitPerSecond, "rate_limit_per_second", 429, 429,
     "You have reached the maximum per-second rate limit for this API. Try again later."},
    {ErrorKind::kRateLimitDaily, "rate_limit_daily", 429, 429,
     "You have exceeded the daily rate limit ({limit}) of {label} API requests permitted "
     "for this account."},
    {ErrorKind::kInvalidRequestBody, "invalid_request_body", 400, 300,
     "Request Body should be a valid JSON object."},
    // ours: what HTTP itself refuses (malformed request line, headers, path).
    {ErrorKind::kBadRequest, "bad_request", 400, 300, "Bad request: {reason}."},
    {ErrorKind::kPayloadTooLarge, "payload_too_large", 413, 413,
     "The request is larger than the server accepts."},
    {ErrorKind::kInternalError, "internal_error", 500, 500, "Internal server error."},
    // ours: Prism's convention, for a Prefer header naming no documented response.
    {ErrorKind::kUndocumentedPreference, "undocumented_preference", 400, 300,
     "Prefer: {preference} matches no documented response of {operation}; documented: "
     "{documented}."},
    // /oauth/token (ZOOM_FACTS.md: codes 4702/4704, 4705, 4706; wording uncertain).
    {ErrorKind::kOAuthInvalidClient, "oauth_invalid_client", 401, 4702,
     "Invalid client_id or client_secret", "invalid_client"},
    {ErrorKind::kOAuthMissingGrantType, "oauth_missing_grant_type", 400, 4706,
     "Missing grant_type", "invalid_request"},
    {ErrorKind::kOAuthUnsupportedGrantType, "oauth_unsupported_grant_type", 400, 4705,
     "Unsupported grant type", "unsupported_grant_type"},
    {ErrorKind::kOAuthMissingAccountId, "oauth_missing_account_id", 400, 4706,
     "Missing account_id", "invalid_request"},
    {ErrorKind::kOAuthInvalidAccountId, "oauth_invalid_account_id", 400, 4706,
     "Invalid account_id", "invalid_request"},
};
static_assert(std::size(kDefaults) == kErrorKindCount);

}  // namespace

std::string_view error_kind_name(ErrorKind kind) {
  return kDefaults[static_cast<std::size_t>(kind)].name;
}

std::string_view oauth_error_name(ErrorKind kind) {
  return kDefaults[static_cast<std::size_t>(kind)].oauth_error;
}

std::optional<ErrorKind> error_kind_from_name(std::string_view name) {
  for (const auto& entry : kDefaults) {
    if (entry.name == name) return entry.kind;
  }
  return std::nullopt;
}

ErrorCatalog::ErrorCatalog() {
  for (const auto& entry : kDefaults) {
    entries_[static_cast<std::size_t>(entry.kind)] =
        ApiError{entry.http_status, entry.code, std::string(entry.message)};
  }
}

ApiError ErrorCatalog::make(
    ErrorKind kind,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
  const ApiError& base = entry(kind);
  return ApiError{base.http_status, base.code, fill_template(base.message, values)};
}

std::string fill_template(
    std::string_view text_template,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  out.reserve(text_template.size() + 32);
  std::size_t i = 0;
  while (i < text_template.size()) {
    const char c = text_template[i];
    bool replaced = false;
    for (const auto& [name, value] : values) {
      if (c == '{' && text_template.substr(i + 1, name.size()) == name &&
          text_template.substr(i + 1 + name.size(), 1) == "}") {
        out.append(value);
        i += name.size() + 2;
        replaced = true;
        break;
      }
      if (c == '$' && text_template.substr(i + 1, name.size()) == name) {
        out.append(value);
        i += name.size() + 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace zoom_mock
