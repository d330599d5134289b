#include "fake_admin.h"

#include <chrono>

#include "zoom_client/path.h"

namespace zoom_contract {
namespace {

std::string answered(const std::string& what, const zoom_client::RawResponse& response) {
  return what + " answered HTTP " + std::to_string(response.status) + ": " +
         response.body.substr(0, 500);
}

AdminAnswer<SsoSession> session_from(const std::string& what,
                                     const zoom_client::RawResponse& response) {
  const nlohmann::json user = nlohmann::json::parse(response.body, nullptr, false);
  if (!user.is_object() || !user.contains("sso_session_active") ||
      !user["sso_session_active"].is_boolean() || !user.contains("sso_revocations") ||
      !user["sso_revocations"].is_number_integer()) {
    return answered(what, response) +
           " (expected a user with sso_session_active and "
           "sso_revocations)";
  }
  SsoSession session;
  session.active = user["sso_session_active"].get<bool>();
  if (user.contains("sso_revoked_at") && user["sso_revoked_at"].is_string()) {
    session.revoked_at = user["sso_revoked_at"].get<std::string>();
  }
  session.revocations = user["sso_revocations"].get<long long>();
  session.user = user;
  return session;
}

}  // namespace

FakeAdmin::FakeAdmin(std::string admin_url, std::string admin_token, const std::string& ca_file)
    : admin_url_(std::move(admin_url)), admin_token_(std::move(admin_token)) {
  zoom_client::ClientConfig config;
  config.base_url = admin_url_;
  config.ca_file = ca_file;
  config.credentials = zoom_client::NoCredentials{};
  config.user_agent = "zoom-contract-tests";
  config.retry.max_attempts = 1;
  config.connect_timeout = std::chrono::milliseconds(3000);
  config.deadline = std::chrono::milliseconds(10'000);
  client_ = std::make_unique<zoom_client::Client>(std::move(config));
}

zoom_client::Result<zoom_client::RawResponse> FakeAdmin::call(const std::string& method,
                                                              const std::string& path,
                                                              const std::string& body) {
  zoom_client::Request request;
  request.method = method;
  request.path = path;
  request.body = body;
  request.use_credentials = false;
  request.headers.add("Accept", "application/json");
  if (!body.empty()) request.headers.add("Content-Type", "application/json");
  if (!admin_token_.empty()) request.headers.add("Authorization", "Bearer " + admin_token_);
  return client_->send(request);
}

AdminAnswer<bool> FakeAdmin::healthy() {
  const std::string what = "GET " + admin_url_ + "/health";
  const auto sent = call("GET", "/health");
  if (!sent.ok()) return what + " failed: " + sent.describe();
  const nlohmann::json body = nlohmann::json::parse(sent.value().body, nullptr, false);
  const bool ok = sent.value().status == 200 && body.is_object() && body.contains("status") &&
                  body["status"] == "ok";
  if (!ok) return answered(what, sent.value());
  return true;
}

AdminAnswer<std::optional<SsoSession>> FakeAdmin::session(const std::string& user_id) {
  const std::string path = "/users/" + zoom_client::encode_path_segment(user_id);
  const std::string what = "GET " + admin_url_ + path;
  const auto sent = call("GET", path);
  if (!sent.ok()) return what + " failed: " + sent.describe();
  if (sent.value().status == 404) return std::optional<SsoSession>();
  if (sent.value().status != 200) return answered(what, sent.value());
  auto session = session_from(what, sent.value());
  if (const std::string* error = std::get_if<std::string>(&session)) return *error;
  return std::optional<SsoSession>(std::get<SsoSession>(std::move(session)));
}

AdminAnswer<SsoSession> FakeAdmin::start_session(const std::string& user_id) {
  auto current = session(user_id);
  if (const std::string* error = std::get_if<std::string>(&current)) return *error;
  const auto& found = std::get<std::optional<SsoSession>>(current);
  const std::string path = "/users/" + zoom_client::encode_path_segment(user_id);
  if (!found) return "GET " + admin_url_ + path + " answered 404: the fake has no such user";
  if (found->active) return *found;

  nlohmann::json user = found->user;
  user["sso_session_active"] = true;
  const std::string what = "PUT " + admin_url_ + path;
  const auto sent = call("PUT", path, user.dump());
  if (!sent.ok()) return what + " failed: " + sent.describe();
  if (sent.value().status != 200) return answered(what, sent.value());
  return session_from(what, sent.value());
}

}  // namespace zoom_contract
