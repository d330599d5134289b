// The contract cases: one per documented response of the Postman items
// (Contract/DocumentedResponse.Matches/<operation>_<status>), then the auth
// and user-id rules every Zoom endpoint follows, written by hand.
//
// Each case checks the status, the error JSON and its Content-Type, the
// absence of a body on 204 and x-zm-trackingid; on a fake it also checks,
// through /__admin, what happened to the user's SSO session. A case whose
// inputs are not configured is skipped with the variable to set.
#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "suite.h"
#include "zoom_client/path.h"

namespace contract_cases {
namespace {

using zoom_contract::ApiRequest;
using zoom_contract::ContractCase;
using zoom_contract::Exchange;
using zoom_contract::ExpectedResponse;
using zoom_contract::Operation;
using zoom_contract::Scenario;
using zoom_contract::Setting;
using zoom_contract::SsoSession;
using zoom_contract::suite;

// Zoom's error catalog (developers.zoom.us/docs/api/errors), the rules the
// Postman items do not repeat.
constexpr const char* kInvalidTokenRule =
    "rule: a missing or unknown access token is 401 code 124 \"Invalid access token.\" "
    "(Zoom API error reference)";
constexpr const char* kExpiredTokenRule =
    "rule: an expired access token is 401 code 124 \"Access token is expired.\" "
    "(Zoom API error reference)";
constexpr const char* kUnknownToken = "contract-test-token-zoom-never-issued";
constexpr const char* kCredentialVariables =
    "ZOOM_ACCESS_TOKEN (or ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET)";

std::optional<std::string> missing(const Setting& setting) {
  if (setting.value) return std::nullopt;
  return "set " + setting.variable + " to run this case";
}

std::optional<std::string> missing_credentials() {
  if (suite().settings.credentials) return std::nullopt;
  return std::string("set ") + kCredentialVariables + " to run this case";
}

std::string current_test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string(info->test_suite_name()) + "." + info->name();
}

// "/users/{encoded user}/token" for an operation's path.
std::string path_for(const Operation& operation, const std::string& user_id) {
  std::string path;
  for (const std::string& segment : operation.path) {
    path += "/" + (segment == ":userId" ? zoom_client::encode_path_segment(user_id) : segment);
  }
  return path.empty() ? "/" : path;
}

// The operation the hand-written cases exercise: DELETE /users/:userId/token.
const Operation* revoke_operation() {
  for (const Operation& operation : suite().operations) {
    if (zoom_contract::success_is_safe_to_provoke(operation)) return &operation;
  }
  return nullptr;
}

std::string no_revoke_operation() {
  return "no Postman item in " + suite().postman_dir.string() +
         " documents DELETE /users/:userId/token (\"Revoke a user's SSO token\")";
}

// The revoke's documented 404 code 1001 message, "User does not exist: $userId.".
std::optional<std::string> documented_user_not_found(const Operation& revoke) {
  for (const auto& response : revoke.responses) {
    if (response.http_status == 404 && response.error_code == 1001) return response.message;
  }
  return std::nullopt;
}

std::string swap_case(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    c = static_cast<char>(std::isupper(byte) ? std::tolower(byte) : std::toupper(byte));
  }
  return text;
}

// Watches a user's SSO session around a case, on a fake only: gives the
// user an active session first, then checks what the case says became of
// it. On a server that is not a fake it watches nothing and says so in the
// JUnit report (the live API shows no session state).
class SessionWatch {
 public:
  explicit SessionWatch(std::string user_id) : user_id_(std::move(user_id)) {
    if (!suite().is_fake) {
      ::testing::Test::RecordProperty("state_checks", "off: the target is not a fake");
      return;
    }
    auto started = suite().admin->start_session(user_id_);
    if (const std::string* error = std::get_if<std::string>(&started)) {
      ADD_FAILURE() << "could not give " << user_id_
                    << " an active SSO session on the fake: " << *error;
      return;
    }
    before_ = std::get<SsoSession>(std::move(started));
    watching_ = true;
  }

  // The user was logged out `revokes` times since the watch began.
  // `requests` lists what the case sent, for the report.
  void expect_ended(long long revokes, const std::string& requests) const {
    const auto after = now();
    if (!after) return;
    std::vector<std::string> problems;
    if (after->active) problems.push_back("sso_session_active: expected false, got true");
    if (!after->revoked_at) problems.push_back("sso_revoked_at: expected a timestamp, got null");
    if (after->revocations != before_.revocations + revokes) {
      problems.push_back("sso_revocations: expected " +
                         std::to_string(before_.revocations + revokes) + ", got " +
                         std::to_string(after->revocations));
    }
    report(problems, *after, "the user's SSO session ended", requests);
  }

  // A refused request left the session alone.
  void expect_untouched(const std::string& requests) const {
    const auto after = now();
    if (!after) return;
    std::vector<std::string> problems;
    if (!after->active) problems.push_back("sso_session_active: expected true, got false");
    if (after->revocations != before_.revocations) {
      problems.push_back("sso_revocations: expected " + std::to_string(before_.revocations) +
                         ", got " + std::to_string(after->revocations));
    }
    report(problems, *after, "the user's SSO session was left alone", requests);
  }

 private:
  std::optional<SsoSession> now() const {
    if (!watching_) return std::nullopt;
    auto answer = suite().admin->session(user_id_);
    if (const std::string* error = std::get_if<std::string>(&answer)) {
      ADD_FAILURE() << "could not read " << user_id_ << "'s state on the fake: " << *error;
      return std::nullopt;
    }
    auto session = std::get<std::optional<SsoSession>>(std::move(answer));
    if (!session) ADD_FAILURE() << "the fake no longer knows user " << user_id_;
    return session;
  }

  void report(const std::vector<std::string>& problems, const SsoSession& after,
              const std::string& expected, const std::string& requests) const {
    if (problems.empty()) return;
    std::string text = "state mismatch in " + current_test_name() + "\n  expected: " + expected +
                       "\n  seen at: GET " + suite().admin->url() + "/users/" +
                       zoom_client::encode_path_segment(user_id_) + "\n";
    for (const std::string& problem : problems) text += "  - " + problem + "\n";
    text += "  before: " + before_.user.dump() + "\n  after:  " + after.user.dump() + "\n";
    text += "  requests of the case:\n" + requests;
    ADD_FAILURE() << text;
  }

  std::string user_id_;
  bool watching_ = false;
  SsoSession before_;
};

// On a fake, the "missing" user must really be missing, or the case proves
// nothing.
void expect_unknown_to_fake(const std::string& user_id) {
  if (!suite().is_fake) return;
  auto answer = suite().admin->session(user_id);
  if (const std::string* error = std::get_if<std::string>(&answer)) {
    ADD_FAILURE() << "could not ask the fake about user " << user_id << ": " << *error;
  } else if (std::get<std::optional<SsoSession>>(answer)) {
    ADD_FAILURE() << "the fake has a user " << user_id
                  << ", which this case needs missing; set ZOOM_MISSING_USER_ID to another id";
  }
}

class ContractTest : public ::testing::Test {
 protected:
  Exchange send(const ApiRequest& request) { return suite().api->send(request); }

  // Fails the case with the full mismatch report when the response differs
  // from `expected` in any way; records the tracking id either way.
  void expect_response(const Exchange& exchange, const ExpectedResponse& expected) {
    ++exchanges_;
    const std::string tracking_id = exchange.tracking_id();
    RecordProperty("tracking_id_" + std::to_string(exchanges_),
                   tracking_id.empty() ? "(none)" : tracking_id);
    requests_ += "    " + exchange.method + " " + exchange.url + " -> " +
                 (exchange.response ? std::to_string(exchange.response->status) : "no response") +
                 " (tracking id " + (tracking_id.empty() ? "none" : tracking_id) + ")\n";
    std::vector<std::string> problems;
    if (exchange.response) {
      problems = zoom_contract::mismatches(expected, *exchange.response);
    } else {
      problems.push_back("no response: " + exchange.failure);
    }
    if (!problems.empty()) {
      ADD_FAILURE() << zoom_contract::mismatch_report(current_test_name(), expected, exchange,
                                                      problems);
    }
  }

  // One line per request the case sent: method, URL, status, tracking id.
  const std::string& requests_sent() const { return requests_; }

 private:
  int exchanges_ = 0;
  std::string requests_;
};

// ---------------------------------------------------------------------------
// Generated: one case per documented response.

class DocumentedResponse : public ContractTest,
                           public ::testing::WithParamInterface<ContractCase> {};

TEST_P(DocumentedResponse, Matches) {
  const ContractCase& contract_case = GetParam();
  RecordProperty("expected_by", contract_case.origin());
  if (contract_case.scenario == Scenario::kNotProvoked) {
    GTEST_SKIP() << contract_case.origin()
                 << " is not provoked: " << contract_case.not_provoked_because;
  }
  const auto& settings = suite().settings;
  const auto variables = contract_case.operation.path_variables();
  const bool has_user = !variables.empty();  // the generator admits only :userId

  ApiRequest request{contract_case.operation.method, "", ApiRequest::SuiteCredentials{}};
  std::string user_id;
  bool on_test_user = false;
  const auto test_user_or_missing = [&] {
    on_test_user = has_user && settings.test_user_id.value.has_value();
    return settings.test_user_id.value.value_or(settings.missing_user_id);
  };
  switch (contract_case.scenario) {
    case Scenario::kExistingUser:
      if (auto why = missing_credentials()) GTEST_SKIP() << *why;
      if (has_user) {
        if (auto why = missing(settings.test_user_id)) GTEST_SKIP() << *why;
        user_id = *settings.test_user_id.value;
        on_test_user = true;
      }
      break;
    case Scenario::kMissingUser:
      if (auto why = missing_credentials()) GTEST_SKIP() << *why;
      user_id = settings.missing_user_id;
      expect_unknown_to_fake(user_id);
      break;
    case Scenario::kUnknownToken:
      request.authorization = ApiRequest::Bearer{kUnknownToken};
      user_id = test_user_or_missing();
      break;
    case Scenario::kExpiredToken:
      if (auto why = missing(settings.expired_token)) GTEST_SKIP() << *why;
      request.authorization = ApiRequest::Bearer{*settings.expired_token.value};
      user_id = test_user_or_missing();
      break;
    case Scenario::kTokenWithoutScopes:
      if (auto why = missing(settings.no_scope_token)) GTEST_SKIP() << *why;
      request.authorization = ApiRequest::Bearer{*settings.no_scope_token.value};
      user_id = test_user_or_missing();
      break;
    case Scenario::kNotProvoked:
      break;
  }
  request.path = path_for(contract_case.operation, user_id);

  ExpectedResponse expected{contract_case.response.http_status, contract_case.response.error_code,
                            std::nullopt, contract_case.origin()};
  if (contract_case.response.message) {
    expected.message =
        zoom_contract::fill_placeholders(*contract_case.response.message, {{"userId", user_id}});
  }

  std::optional<SessionWatch> watch;
  if (on_test_user) watch.emplace(user_id);
  expect_response(send(request), expected);
  if (!watch) return;
  const bool logs_out = contract_case.scenario == Scenario::kExistingUser &&
                        zoom_contract::success_is_safe_to_provoke(contract_case.operation);
  if (logs_out) {
    watch->expect_ended(1, requests_sent());
  } else {
    watch->expect_untouched(requests_sent());
  }
}

std::string case_name(const ::testing::TestParamInfo<ContractCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Contract, DocumentedResponse, ::testing::ValuesIn(suite().cases),
                         case_name);
// Items may document no responses at all; main() refuses a directory without items.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DocumentedResponse);

// ---------------------------------------------------------------------------
// Written by hand: the auth contract, on the revoke.

class AuthContract : public ContractTest {
 protected:
  void SetUp() override {
    revoke_ = revoke_operation();
    ASSERT_NE(revoke_, nullptr) << no_revoke_operation();
    // A refused request names the test user when there is one, so that the
    // fake can show the session untouched; any id will do otherwise, since
    // the token is checked before the user is looked up.
    const auto& settings = suite().settings;
    user_id_ = settings.test_user_id.value.value_or(settings.missing_user_id);
  }

  // Sends the revoke with `authorization` and expects it refused, the
  // user's session untouched.
  void expect_refused(const decltype(ApiRequest::authorization)& authorization,
                      const ExpectedResponse& expected) {
    std::optional<SessionWatch> watch;
    if (suite().settings.test_user_id.value) watch.emplace(user_id_);
    expect_response(send({"DELETE", path_for(*revoke_, user_id_), authorization}), expected);
    if (watch) watch->expect_untouched(requests_sent());
  }

  const Operation* revoke_ = nullptr;
  std::string user_id_;
};

TEST_F(AuthContract, MissingAuthorizationHeader) {
  expect_refused(ApiRequest::NoAuthorization{},
                 {401, 124, "Invalid access token.", kInvalidTokenRule});
}

TEST_F(AuthContract, UnknownToken) {
  expect_refused(ApiRequest::Bearer{kUnknownToken},
                 {401, 124, "Invalid access token.", kInvalidTokenRule});
}

TEST_F(AuthContract, ExpiredToken) {
  if (auto why = missing(suite().settings.expired_token)) GTEST_SKIP() << *why;
  expect_refused(ApiRequest::Bearer{*suite().settings.expired_token.value},
                 {401, 124, "Access token is expired.", kExpiredTokenRule});
}

TEST_F(AuthContract, TokenWithoutRequiredScopes) {
  const auto& settings = suite().settings;
  if (auto why = missing(settings.no_scope_token)) GTEST_SKIP() << *why;
  const std::vector<std::string>& scopes = settings.required_scopes.value_or(revoke_->scopes);
  ExpectedResponse expected{400, 4711, std::nullopt, ""};
  if (scopes.empty()) {
    expected.source =
        "rule: a token without the required scopes is 400 code 4711 (the Postman "
        "item names no scopes, so the message is not checked)";
  } else {
    std::string list;
    for (const std::string& scope : scopes) list += (list.empty() ? "" : ", ") + scope;
    expected.message = "Invalid access token, does not contain scopes:[" + list + "].";
    expected.source =
        "rule: a token without the required scopes is 400 code 4711 naming them; "
        "scopes from " +
        (settings.required_scopes ? std::string("ZOOM_REQUIRED_SCOPES")
                                  : revoke_->source.string() + " (**Scopes:**)");
  }
  expect_refused(ApiRequest::Bearer{*settings.no_scope_token.value}, expected);
}

// ---------------------------------------------------------------------------
// Written by hand: the ways a user may be named, and idempotence.

class UserIdContract : public ContractTest {
 protected:
  void SetUp() override {
    revoke_ = revoke_operation();
    ASSERT_NE(revoke_, nullptr) << no_revoke_operation();
    if (auto why = missing_credentials()) GTEST_SKIP() << *why;
  }

  // Revokes the token of the user named `user_ref` (sent percent-encoded)
  // with `authorization`, expecting 204 and `user_id`'s session ended.
  void expect_revoked(
      const std::string& user_id, const std::string& user_ref, const std::string& rule,
      const decltype(ApiRequest::authorization)& authorization = ApiRequest::SuiteCredentials{}) {
    SessionWatch watch(user_id);
    expect_response(send({"DELETE", path_for(*revoke_, user_ref), authorization}),
                    {204, std::nullopt, std::nullopt, rule});
    watch.expect_ended(1, requests_sent());
  }

  const Operation* revoke_ = nullptr;
};

TEST_F(UserIdContract, MeWithUserLevelToken) {
  const auto& settings = suite().settings;
  if (auto why = missing(settings.user_token)) GTEST_SKIP() << *why;
  if (auto why = missing(settings.test_user_id)) GTEST_SKIP() << *why;
  expect_revoked(*settings.test_user_id.value, "me",
                 "rule: with a user-level token, `me` names the token's own user "
                 "(Postman item: \"pass the `me` value\"); ZOOM_USER_TOKEN must belong to "
                 "ZOOM_TEST_USER_ID",
                 ApiRequest::Bearer{*settings.user_token.value});
}

TEST_F(UserIdContract, EmailAsId) {
  const auto& settings = suite().settings;
  if (auto why = missing(settings.test_user_id)) GTEST_SKIP() << *why;
  if (auto why = missing(settings.test_user_email)) GTEST_SKIP() << *why;
  expect_revoked(*settings.test_user_id.value, *settings.test_user_email.value,
                 "rule: {userId} may be the user's e-mail address (Postman item's userId "
                 "variable), here percent-encoded");
}

TEST_F(UserIdContract, EmailInOtherCase) {
  const auto& settings = suite().settings;
  if (auto why = missing(settings.test_user_id)) GTEST_SKIP() << *why;
  if (auto why = missing(settings.test_user_email)) GTEST_SKIP() << *why;
  expect_revoked(*settings.test_user_id.value, swap_case(*settings.test_user_email.value),
                 "rule: e-mail addresses name a user whatever their letter case");
}

TEST_F(UserIdContract, EmailWithPlusSign) {
  const auto& settings = suite().settings;
  if (auto why = missing(settings.second_user_id)) GTEST_SKIP() << *why;
  if (auto why = missing(settings.second_user_email)) GTEST_SKIP() << *why;
  if (settings.second_user_email.value->find('+') == std::string::npos) {
    GTEST_SKIP() << "ZOOM_TEST_USER2_EMAIL has no '+'; give a user whose e-mail has one";
  }
  expect_revoked(*settings.second_user_id.value, *settings.second_user_email.value,
                 "rule: a '+' in an e-mail address is part of it (sent as %2B)");
}

TEST_F(UserIdContract, UnknownEmailEchoedAsSent) {
  const std::string email = "No.Such.User@Example.invalid";
  const std::optional<std::string> documented = documented_user_not_found(*revoke_);
  const std::string message_template = documented.value_or("User does not exist: $userId.");
  expect_unknown_to_fake(email);
  expect_response(
      send({"DELETE", path_for(*revoke_, email), ApiRequest::SuiteCredentials{}}),
      {404, 1001, zoom_contract::fill_placeholders(message_template, {{"userId", email}}),
       "rule: the 404 message echoes the id as the caller sent it, letter case kept; message "
       "from " +
           (documented ? revoke_->source.string() + " (404, Error Code 1001)"
                       : std::string("Zoom's error catalog"))});
}

TEST_F(UserIdContract, RevokeTwice) {
  const auto& settings = suite().settings;
  if (auto why = missing(settings.test_user_id)) GTEST_SKIP() << *why;
  const std::string& user_id = *settings.test_user_id.value;
  const std::string rule =
      "rule: revoking is idempotent; a user without a session is revoked again with 204";
  SessionWatch watch(user_id);
  for (int i = 0; i < 2; ++i) {
    expect_response(send({"DELETE", path_for(*revoke_, user_id), ApiRequest::SuiteCredentials{}}),
                    {204, std::nullopt, std::nullopt, rule});
  }
  watch.expect_ended(2, requests_sent());
}

}  // namespace
}  // namespace contract_cases
