// zoom-contract-tests: reads the documented contract, picks the target from
// the environment (the fake in-process, or ZOOM_BASE_URL), says on its first
// line what it tests and as whom (never a token), then runs the cases.
//
// Exit status: GoogleTest's (0 all passed or skipped, 1 a case failed), or
// 2 when the contract cannot be read or the settings cannot be meant.
#include <gtest/gtest.h>

#include <iostream>

#include "suite.h"
#include "zoom_mock/server.h"

namespace zoom_contract {

Suite& suite() {
  static Suite instance;
  return instance;
}

namespace {

constexpr const char* kProgram = "zoom-contract-tests";

std::string user_text(const Setting& id, const Setting& email) {
  if (!id.value && !email.value) return "unset (" + id.variable + ", " + email.variable + ")";
  return (id.value ? *id.value : "unset (" + id.variable + ")") + " <" +
         (email.value ? *email.value : "unset (" + email.variable + ")") + ">";
}

// The first line of output: the target and the users, never a token.
std::string banner(const Suite& run) {
  const TargetSettings& settings = run.settings;
  std::string extra_tokens;
  for (const Setting* token :
       {&settings.user_token, &settings.expired_token, &settings.no_scope_token}) {
    extra_tokens +=
        (extra_tokens.empty() ? "" : ", ") + token->variable + (token->value ? " set" : " unset");
  }
  return std::string(kProgram) + ": target " + run.api_url + " (" +
         (settings.base_url ? "from ZOOM_BASE_URL" : "the fake, started in-process") +
         "; state checks through /__admin " + (run.is_fake ? "on: " : "off: ") + run.fake_because +
         "); test user " + user_text(settings.test_user_id, settings.test_user_email) +
         "; second user " + user_text(settings.second_user_id, settings.second_user_email) +
         "; missing user " + settings.missing_user_id +
         "; credentials: " + settings.credentials_variables + "; tokens: " + extra_tokens + "; " +
         std::to_string(run.cases.size()) + " documented responses from " +
         run.postman_dir.string();
}

// Decides whether an external target is a fake whose /__admin the suite
// may read. Returns false with a message when it cannot go on.
bool detect_fake(Suite& run) {
  using Detection = TargetSettings::FakeDetection;
  const TargetSettings& settings = run.settings;
  if (settings.fake_detection == Detection::kNo) {
    run.fake_because = "ZOOM_TARGET_IS_FAKE=0";
    return true;
  }
  auto admin =
      std::make_unique<FakeAdmin>(settings.admin_url, settings.admin_token, settings.ca_file);
  if (settings.fake_detection == Detection::kYes) {
    auto health = admin->healthy();
    if (const std::string* error = std::get_if<std::string>(&health)) {
      std::cerr << kProgram << ": ZOOM_TARGET_IS_FAKE=1, but " << *error << "\n";
      return false;
    }
    run.fake_because = "ZOOM_TARGET_IS_FAKE=1, " + settings.admin_url;
  } else {
    auto health = admin->healthy();
    if (const std::string* error = std::get_if<std::string>(&health)) {
      constexpr std::size_t kShown = 160;
      run.fake_because =
          "not a fake, " + error->substr(0, kShown) + (error->size() > kShown ? "..." : "");
      return true;
    }
    run.fake_because = "GET " + settings.admin_url + "/health answered status ok";
  }
  run.is_fake = true;
  run.admin = std::move(admin);
  return true;
}

std::filesystem::path postman_dir() {
  if (auto dir = process_environment()("ZOOM_POSTMAN_DIR")) return *dir;
  return std::filesystem::path(ZOOM_CONTRACT_FIXTURES_DIR) / "postman";
}

}  // namespace
}  // namespace zoom_contract

int main(int argc, char** argv) {
  using namespace zoom_contract;
  Suite& run = suite();

  // Before InitGoogleTest, which instantiates one case per documented response.
  run.postman_dir = postman_dir();
  try {
    run.operations = read_postman_dir(run.postman_dir);
  } catch (const ContractError& error) {
    std::cerr << kProgram << ": cannot read the contract: " << error.what() << "\n";
    return 2;
  }
  run.cases = generate_cases(run.operations);

  ::testing::InitGoogleTest(&argc, argv);
  if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();

  try {
    run.settings = settings_from(process_environment());
  } catch (const SettingsError& error) {
    std::cerr << kProgram << ": " << error.what() << "\n";
    return 2;
  }

  std::unique_ptr<zoom_mock::Server> in_process;
  if (!run.settings.base_url) {
    zoom_mock::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.fixtures = ZOOM_CONTRACT_FIXTURES_DIR;
    auto started = zoom_mock::Server::start(options);
    if (!started) {
      std::cerr << kProgram << ": the in-process fake did not start: " << started.error.message
                << "\n";
      return 2;
    }
    in_process = std::move(started.server);
    run.api_url = in_process->base_url() + "/v2";
    run.settings.admin_url = in_process->admin_base_url() + "/__admin";
    run.is_fake = true;
    run.fake_because = "in-process";
    run.admin = std::make_unique<FakeAdmin>(run.settings.admin_url, "", "");
  } else {
    run.api_url = *run.settings.base_url;
    if (!detect_fake(run)) return 2;
  }
  run.api =
      std::make_unique<ApiSession>(run.api_url, run.settings.credentials, run.settings.ca_file);

  std::cout << banner(run) << std::endl;
  if (!run.is_fake) {
    std::string users;
    for (const Setting* id : {&run.settings.test_user_id, &run.settings.second_user_id}) {
      if (id->value) users += (users.empty() ? "" : " and ") + *id->value;
    }
    if (!users.empty()) {
      std::cout << kProgram << ": warning: the cases that revoke log " << users
                << " out of their Zoom sessions" << std::endl;
    }
  }

  const int status = RUN_ALL_TESTS();
  run.api.reset();
  run.admin.reset();
  in_process.reset();
  return status;
}
