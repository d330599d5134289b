// The case generator: every documented response of every operation becomes
// one contract test case, with the scenario that provokes it.
//
//   auto cases = zoom_contract::generate_cases(zoom_contract::read_postman_dir(dir));
//   // Revoke_a_user_s_SSO_token_204: existing user
//   // Revoke_a_user_s_SSO_token_404: missing user, code 1001, the documented message
//
// A scenario is chosen from the documented status and Zoom error code, never
// from the operation's name, so dropping another Postman item into the
// directory yields its cases too. A documented response the suite cannot
// provoke safely still becomes a case, one that is skipped with the reason.
//
// Thread safety: pure functions over plain values.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "postman_contract.h"

namespace zoom_contract {

enum class Scenario {
  kExistingUser,        // 2xx: the path's {userId} is the test user, the suite's credentials
  kMissingUser,         // 404 code 1001: a {userId} no account has
  kUnknownToken,        // 401 code 124: a bearer token Zoom never issued
  kExpiredToken,        // 401 code 124 documented as expired: ZOOM_EXPIRED_TOKEN
  kTokenWithoutScopes,  // 400 code 4711: ZOOM_NO_SCOPE_TOKEN
  kNotProvoked,         // documented, but the suite has no safe way to provoke it
};

struct ContractCase {
  std::string name;  // "Revoke_a_user_s_SSO_token_404", a valid GoogleTest name
  Operation operation;
  DocumentedResponse response;
  Scenario scenario = Scenario::kNotProvoked;
  std::string not_provoked_because;  // set with kNotProvoked

  // Where the expectation comes from, for reports and the case list:
  // "fixtures/postman/revoke_user_sso_token.json /response/1 (404 Not Found, Error Code 1001)".
  std::string origin() const;
};

// The operations whose success the suite knows is safe to cause on a test
// user, and whose effect it checks on the fake: only the SSO token revoke
// ("the user is logged out"). A documented 2xx of any other write
// operation is not run: against the live API it could delete or change data.
bool success_is_safe_to_provoke(const Operation& operation);

std::vector<ContractCase> generate_cases(const std::vector<Operation>& operations);

// "existing user", "missing user", ...
const char* describe(Scenario scenario);

// What GoogleTest prints for a parameter (instead of its bytes).
void PrintTo(const ContractCase& contract_case, std::ostream* out);

}  // namespace zoom_contract
