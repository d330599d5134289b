// The rules Zoom applies to a call: who the caller is (bearer token), what
// its scopes allow, how `userId` is resolved (id, e-mail, `me`), and what
// revoking a user's SSO token does. Plain C++ over the World and the error
// catalog: no HTTP, no JSON. Answers are values: success, or the ApiError
// Zoom would send.
//
// Thread safety: a ZoomModel only reads its catalog and calls World, which
// is safe to share; one model serves every request thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "zoom_mock/errors.h"
#include "zoom_mock/world.h"

namespace zoom_mock {

// Which scopes an operation accepts. Any one scope of `accepted` lets a
// token call it; scopes in `self_only` (user-level scopes such as
// `user:write`) only let it act on the token's own user.
struct ScopeRule {
  std::vector<std::string> accepted;
  std::vector<std::string> self_only;

  // Zoom's convention: a scope ending in ":admin" acts on any user of the
  // account; any other scope is user-level.
  static ScopeRule from_documented(const std::vector<std::string>& scopes);
};

using Caller = std::shared_ptr<const AccessToken>;
using AuthResult = std::variant<Caller, ApiError>;

// What the Authorization header said, as the transport found it.
struct Credentials {
  std::optional<std::string_view> authorization;  // absent header: nullopt
  bool duplicated = false;                        // more than one header
};

class ZoomModel {
 public:
  ZoomModel(World& world, const ErrorCatalog& errors) : world_(world), errors_(errors) {}

  // `Bearer <token>` (scheme case-insensitive) naming a known token that has
  // not expired at `now` (a token expires at its instant: now >= expires_at).
  AuthResult authenticate(const Credentials& credentials, TimePoint now) const;

  // 4711 unless the token holds one of the accepted scopes.
  std::optional<ApiError> check_scopes(const AccessToken& caller,
                                       const ScopeRule& rule) const;

  // The id of the user `user_ref` designates for this caller: `me` is the
  // token's own user (none without a caller). nullopt when no such user.
  std::optional<std::string> resolve_user(const AccessToken* caller,
                                          std::string_view user_ref) const;

  // DELETE /users/{userId}/token. `user_ref` is the percent-decoded path
  // segment, echoed in the 404 message as sent.
  std::optional<ApiError> revoke_sso_token(const AccessToken& caller,
                                           std::string_view user_ref,
                                           const ScopeRule& rule, TimePoint now);

  // The account a token's calls count against (rate limits).
  std::string account_of(const AccessToken& caller) const {
    return caller.account_id.empty() ? world_.account_id() : caller.account_id;
  }

  const ErrorCatalog& errors() const { return errors_; }

 private:
  bool holds_any(const AccessToken& caller, const std::vector<std::string>& scopes) const;

  World& world_;
  const ErrorCatalog& errors_;
};

}  // namespace zoom_mock
