// A token endpoint and a revoke endpoint the test scripts completely, for
// what the fake's fixtures cannot arrange (a token refused on its first
// use, zero lifetimes, a token response without a token): POST
// /oauth/token issues "token-1", "token-2", ... and DELETE
// /v2/users/{id}/token answers 204 to a token the test accepts, or 401
// code 124. The test can turn the token endpoint into an error and choose
// the tokens' lifetime.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>

#include "hit_log.h"
#include "test_server.h"

namespace zoom_client_test {

class OAuthStub {
 public:
  OAuthStub()
      : server_([this](httplib::Server& routes) {
          routes.set_keep_alive_max_count(1000);
          routes.Post("/oauth/token", [this](const httplib::Request& request,
                                             httplib::Response& response) {
            token_requests.add(request);
            std::lock_guard lock(mutex_);
            if (token_error_status_ != 0) {
              response.status = token_error_status_;
              response.set_content(token_error_body_, "application/json");
              return;
            }
            const int n = ++issued_;
            response.set_content(R"({"access_token":"token-)" + std::to_string(n) +
                                     R"(","token_type":"bearer","expires_in":)" +
                                     std::to_string(expires_in_) + R"(,"scope":"user:write:admin"})",
                                 "application/json");
          });
          routes.Delete(R"(/v2/users/[^/]+/token)", [this](const httplib::Request& request,
                                                           httplib::Response& response) {
            api_requests.add(request);
            const std::string authorization = request.get_header_value("Authorization");
            std::lock_guard lock(mutex_);
            if (!authorization.starts_with("Bearer ") || !accepts_(authorization.substr(7))) {
              response.status = 401;
              response.set_header("x-zm-trackingid", "stub-401");
              response.set_content(R"({"code":124,"message":"Invalid access token."})",
                                   "application/json");
              return;
            }
            response.status = 204;
          });
        }) {}

  std::string api() const { return server_.url() + "/v2"; }
  std::string token_url() const { return server_.url() + "/oauth/token"; }

  void set_expires_in(int seconds) {
    std::lock_guard lock(mutex_);
    expires_in_ = seconds;
  }
  void set_token_error(int status, std::string body) {
    std::lock_guard lock(mutex_);
    token_error_status_ = status;
    token_error_body_ = std::move(body);
  }
  // Which bearer tokens the API accepts; by default every issued one.
  void set_accepted(std::function<bool(const std::string&)> accepts) {
    std::lock_guard lock(mutex_);
    accepts_ = std::move(accepts);
  }

  HitLog token_requests;
  HitLog api_requests;

 private:
  std::mutex mutex_;
  int issued_ = 0;
  int expires_in_ = 3600;
  int token_error_status_ = 0;
  std::string token_error_body_;
  std::function<bool(const std::string&)> accepts_ = [](const std::string& token) {
    return token.starts_with("token-");
  };
  TestServer server_;  // last: its handlers use the members above
};

}  // namespace zoom_client_test
