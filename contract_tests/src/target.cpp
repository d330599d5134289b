#include "target.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace zoom_contract {
namespace {

std::vector<std::string> comma_separated(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, comma - start);
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
    start = comma + 1;
  }
  return items;
}

}  // namespace

Environment process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

std::string origin_of(const std::string& url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  return url.substr(0, url.find('/', scheme + 3));
}

TargetSettings in_process_settings() {
  TargetSettings settings;
  settings.fake_detection = TargetSettings::FakeDetection::kInProcess;
  settings.credentials = zoom_client::AccessToken{"mock-admin-token"};
  settings.credentials_variables = "the default fixtures' admin token";
  settings.test_user_id.value = "sso-user-alice";
  settings.test_user_email.value = "alice@example.com";
  settings.second_user_id.value = "sso-user-bob-plus";
  settings.second_user_email.value = "bob+sso@example.com";
  settings.user_token.value = "mock-user-token-alice";
  settings.expired_token.value = "mock-expired-token";
  settings.no_scope_token.value = "mock-no-scope-token";
  return settings;
}

TargetSettings settings_from(const Environment& environment) {
  const std::optional<std::string> base_url = environment("ZOOM_BASE_URL");
  if (!base_url) return in_process_settings();

  TargetSettings settings;
  std::string url = *base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  const bool http = url.starts_with("http://") || url.starts_with("https://");
  if (!http || origin_of(url).size() <= url.find("://") + 3) {
    throw SettingsError(
        "ZOOM_BASE_URL must be an http:// or https:// URL such as "
        "https://api.zoom.us/v2, got \"" +
        *base_url + "\"");
  }
  settings.base_url = url;
  settings.admin_url = environment("ZOOM_ADMIN_URL").value_or(origin_of(url) + "/__admin");
  while (!settings.admin_url.empty() && settings.admin_url.back() == '/')
    settings.admin_url.pop_back();
  settings.admin_token = environment("ZOOM_ADMIN_TOKEN").value_or("");
  settings.ca_file = environment("ZOOM_CA_FILE").value_or("");

  const std::optional<std::string> is_fake = environment("ZOOM_TARGET_IS_FAKE");
  if (!is_fake) {
    settings.fake_detection = TargetSettings::FakeDetection::kProbe;
  } else if (*is_fake == "1") {
    settings.fake_detection = TargetSettings::FakeDetection::kYes;
  } else if (*is_fake == "0") {
    settings.fake_detection = TargetSettings::FakeDetection::kNo;
  } else {
    throw SettingsError(
        "ZOOM_TARGET_IS_FAKE must be 1 (a fake: check state through /__admin) or "
        "0 (not a fake), got \"" +
        *is_fake + "\"");
  }

  const auto account_id = environment("ZOOM_ACCOUNT_ID");
  const auto client_id = environment("ZOOM_CLIENT_ID");
  const auto client_secret = environment("ZOOM_CLIENT_SECRET");
  if (const auto token = environment("ZOOM_ACCESS_TOKEN")) {
    settings.credentials = zoom_client::AccessToken{*token};
    settings.credentials_variables = "ZOOM_ACCESS_TOKEN";
  } else if (account_id || client_id || client_secret) {
    std::string missing;
    for (const auto& [name, value] :
         {std::pair{"ZOOM_ACCOUNT_ID", account_id}, std::pair{"ZOOM_CLIENT_ID", client_id},
          std::pair{"ZOOM_CLIENT_SECRET", client_secret}}) {
      if (!value) missing += std::string(missing.empty() ? "" : ", ") + name;
    }
    if (!missing.empty()) {
      throw SettingsError(
          "Server-to-Server OAuth needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
          "ZOOM_CLIENT_SECRET; missing: " +
          missing);
    }
    zoom_client::ServerToServerOAuth oauth{*account_id, *client_id, *client_secret};
    if (const auto token_url = environment("ZOOM_TOKEN_URL")) oauth.token_url = *token_url;
    settings.credentials = oauth;
    settings.credentials_variables =
        "Server-to-Server OAuth (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET) from " +
        oauth.token_url;
  } else {
    settings.credentials_variables =
        "none (set ZOOM_ACCESS_TOKEN, or ZOOM_ACCOUNT_ID, "
        "ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET)";
  }

  for (Setting* setting :
       {&settings.test_user_id, &settings.test_user_email, &settings.second_user_id,
        &settings.second_user_email, &settings.user_token, &settings.expired_token,
        &settings.no_scope_token}) {
    setting->value = environment(setting->variable.c_str());
  }
  if (const auto missing_user = environment("ZOOM_MISSING_USER_ID")) {
    settings.missing_user_id = *missing_user;
  }
  if (const auto scopes = environment("ZOOM_REQUIRED_SCOPES")) {
    settings.required_scopes = comma_separated(*scopes);
  }
  return settings;
}

}  // namespace zoom_contract
