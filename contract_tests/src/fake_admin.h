// The fake's control plane, over plain HTTP (/__admin), as the contract
// tests use it to see state: whether a user's SSO session ended. Plain HTTP
// rather than zoom_mock's in-process Admin, so the same checks work for an
// external fake (zoom-mock-server in another process or on another host).
//
// Thread safety: not shared; the suite runs its cases one after another.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "zoom_client/client.h"

namespace zoom_contract {

// What /__admin/users/{id} says about the user's SSO session.
struct SsoSession {
  bool active = false;
  std::optional<std::string> revoked_at;
  long long revocations = 0;
  nlohmann::json user;  // the whole answer, for reports
};

// A value, or why the admin API could not give it.
template <typename T>
using AdminAnswer = std::variant<T, std::string>;

class FakeAdmin {
 public:
  // `admin_url`: "http://127.0.0.1:9090/__admin"; `admin_token`: sent as
  // "Authorization: Bearer ..." when not empty; `ca_file`: CA certificates
  // to trust for HTTPS (empty: the system's).
  FakeAdmin(std::string admin_url, std::string admin_token, const std::string& ca_file);

  // Whether GET /health answers 200 JSON with "status":"ok"; the text says
  // what it answered.
  AdminAnswer<bool> healthy();
  // GET /users/{id}: the session, or false when the fake has no such user.
  AdminAnswer<std::optional<SsoSession>> session(const std::string& user_id);
  // Gives the user an active SSO session (PUT /users/{id} of the user as
  // GET shows it, with sso_session_active true), so that a case can watch
  // it end.
  AdminAnswer<SsoSession> start_session(const std::string& user_id);

  const std::string& url() const { return admin_url_; }

 private:
  zoom_client::Result<zoom_client::RawResponse> call(const std::string& method,
                                                     const std::string& path,
                                                     const std::string& body = {});
  std::string admin_url_;
  std::string admin_token_;
  std::unique_ptr<zoom_client::Client> client_;
};

}  // namespace zoom_contract
