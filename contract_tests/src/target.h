// Which server the contract tests talk to, and what they may use there,
// from the environment (the variables are listed in the README):
//
//   no ZOOM_BASE_URL   the fake, started in-process on a free port with the
//                      repository's fixtures, and the default fixtures' data
//   ZOOM_BASE_URL      that server, with the credentials, users and extra
//                      tokens the ZOOM_* variables give; whatever is missing
//                      skips the cases that need it
//
// Reading the environment is separate from acting on it so that the rules
// have unit tests; main() starts the fake or probes the server.
//
// Thread safety: plain values.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "zoom_client/config.h"

namespace zoom_contract {

// One input of the suite, and the variable that provides it, so that a case
// lacking it can say which variable to set.
struct Setting {
  std::string variable;  // "ZOOM_TEST_USER_ID"
  std::optional<std::string> value;
};

struct TargetSettings {
  // The API root, "https://api.zoom.us/v2"; nullopt: the in-process fake.
  std::optional<std::string> base_url;
  // Whether the target is a fake whose /__admin the suite may read:
  // kProbe asks GET {admin_url}/health.
  enum class FakeDetection { kInProcess, kProbe, kYes, kNo };
  FakeDetection fake_detection = FakeDetection::kInProcess;
  std::string admin_url;    // "{origin}/__admin" unless ZOOM_ADMIN_URL says otherwise
  std::string admin_token;  // ZOOM_ADMIN_TOKEN, for a fake run with --admin-token
  // ZOOM_CA_FILE: a PEM file of CA certificates to trust, for an HTTPS fake
  // with its own certificate. Empty: the system's store.
  std::string ca_file;

  // The suite's own credentials; nullopt when none were given.
  std::optional<zoom_client::Credentials> credentials;
  std::string credentials_variables;  // which variables gave them, never their values

  Setting test_user_id{"ZOOM_TEST_USER_ID", std::nullopt};
  Setting test_user_email{"ZOOM_TEST_USER_EMAIL", std::nullopt};
  Setting second_user_id{"ZOOM_TEST_USER2_ID", std::nullopt};
  Setting second_user_email{"ZOOM_TEST_USER2_EMAIL", std::nullopt};
  Setting user_token{"ZOOM_USER_TOKEN", std::nullopt};
  Setting expired_token{"ZOOM_EXPIRED_TOKEN", std::nullopt};
  Setting no_scope_token{"ZOOM_NO_SCOPE_TOKEN", std::nullopt};
  // A user id no account has; ZOOM_MISSING_USER_ID overrides.
  std::string missing_user_id = "contract-test-missing-user";
  // ZOOM_REQUIRED_SCOPES ("a,b"): the scopes a 4711 message names, for apps
  // with granular scopes; otherwise those of the Postman item.
  std::optional<std::vector<std::string>> required_scopes;
};

class SettingsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Looks a variable up; nullopt when unset. Empty values count as unset.
using Environment = std::function<std::optional<std::string>(const char* name)>;

Environment process_environment();

// The settings for the in-process fake: the default fixtures' tokens and
// users (fixtures/world.json). `ZOOM_*` variables other than
// ZOOM_POSTMAN_DIR are ignored in this mode.
TargetSettings in_process_settings();

// Reads the settings; in-process ones when ZOOM_BASE_URL is unset. Throws
// SettingsError for what cannot be meant: a base URL that is not http(s),
// some but not all of ZOOM_ACCOUNT_ID/ZOOM_CLIENT_ID/ZOOM_CLIENT_SECRET,
// ZOOM_TARGET_IS_FAKE other than 0 or 1.
TargetSettings settings_from(const Environment& environment);

// "http://127.0.0.1:9090" from "http://127.0.0.1:9090/v2".
std::string origin_of(const std::string& url);

}  // namespace zoom_contract
