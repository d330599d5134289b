#include "zoom_mock/model.h"

#include <algorithm>

namespace zoom_mock {
namespace {

// The token of "Bearer <token>", or empty when the header is anything else.
std::string_view bearer_token(std::string_view header) {
  header = trim_spaces(header);
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || !equals_ignoring_case(header.substr(0, kScheme.size()), kScheme) ||
      (header[kScheme.size()] != ' ' && header[kScheme.size()] != '\t')) {
    return {};
  }
  std::string_view token = trim_spaces(header.substr(kScheme.size()));
  // A token is one word: "Bearer a b" is malformed, not the token "a b".
  if (token.find_first_of(" \t") != std::string_view::npos) return {};
  return token;
}

std::string join_scopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const std::string& scope : scopes) {
    if (!out.empty()) out += ", ";
    out += scope;
  }
  return out;
}

}  // namespace

ScopeRule ScopeRule::from_documented(const std::vector<std::string>& scopes) {
  ScopeRule rule;
  rule.accepted = scopes;
  for (const std::string& scope : scopes) {
    if (!scope.ends_with(":admin")) rule.self_only.push_back(scope);
  }
  return rule;
}

AuthResult ZoomModel::authenticate(const Credentials& credentials, TimePoint now) const {
  if (!credentials.authorization || credentials.duplicated) {
    return errors_.entry(ErrorKind::kInvalidAccessToken);
  }
  const std::string_view token = bearer_token(*credentials.authorization);
  if (token.empty()) return errors_.entry(ErrorKind::kInvalidAccessToken);
  Caller caller = world_.find_token(token);
  if (!caller) return errors_.entry(ErrorKind::kInvalidAccessToken);
  if (caller->expires_at && now >= *caller->expires_at) {
    return errors_.entry(ErrorKind::kExpiredAccessToken);
  }
  return caller;
}

bool ZoomModel::holds_any(const AccessToken& caller,
                          const std::vector<std::string>& scopes) const {
  return std::any_of(scopes.begin(), scopes.end(), [&](const std::string& scope) {
    return std::find(caller.scopes.begin(), caller.scopes.end(), scope) != caller.scopes.end();
  });
}

std::optional<ApiError> ZoomModel::check_scopes(const AccessToken& caller,
                                                const ScopeRule& rule) const {
  if (rule.accepted.empty() || holds_any(caller, rule.accepted)) return std::nullopt;
  return errors_.make(ErrorKind::kMissingScopes, {{"scopes", join_scopes(rule.accepted)}});
}

std::optional<std::string> ZoomModel::resolve_user(const AccessToken* caller,
                                                   std::string_view user_ref) const {
  if (user_ref == "me") return caller == nullptr ? std::nullopt : caller->user_id;
  return world_.find_user_id(user_ref);
}

std::optional<ApiError> ZoomModel::revoke_sso_token(const AccessToken& caller,
                                                    std::string_view user_ref,
                                                    const ScopeRule& rule, TimePoint now) {
  if (auto error = check_scopes(caller, rule)) return error;

  std::string_view target = user_ref;
  if (user_ref == "me") {
    if (!caller.user_id) {
      return errors_.make(ErrorKind::kUserNotFound, {{"userId", user_ref}});
    }
    target = *caller.user_id;
  }

  // Holding only user-level scopes, a token acts on its own user alone; for
  // anyone else (existing or not) the answer is "No permission.".
  const bool account_wide = std::any_of(
      rule.accepted.begin(), rule.accepted.end(), [&](const std::string& scope) {
        return std::find(rule.self_only.begin(), rule.self_only.end(), scope) ==
                   rule.self_only.end() &&
               std::find(caller.scopes.begin(), caller.scopes.end(), scope) !=
                   caller.scopes.end();
      });
  if (!account_wide) {
    const auto resolved = resolve_user(&caller, user_ref);
    if (!resolved || !caller.user_id || *resolved != *caller.user_id) {
      return errors_.entry(ErrorKind::kNoPermission);
    }
  }

  if (!world_.revoke_sso_session(target, now)) {
    return errors_.make(ErrorKind::kUserNotFound, {{"userId", user_ref}});
  }
  return std::nullopt;
}

}  // namespace zoom_mock
