// The contract tests' line to the API under test: zoom_client's raw layer
// (Client::send), which returns any status with its headers and body as they
// came, plus a record of every attempt for the mismatch report.
//
//   ApiSession api("http://127.0.0.1:9090/v2", zoom_client::AccessToken{"..."});
//   Exchange exchange = api.send({"DELETE", "/users/x/token", ApiRequest::NoAuthorization{}});
//
// Thread safety: not shared; the suite runs its cases one after another.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "exchange.h"
#include "zoom_client/client.h"
#include "zoom_client/config.h"

namespace zoom_contract {

struct ApiRequest {
  // The suite's credentials (a fixed token or Server-to-Server OAuth).
  struct SuiteCredentials {};
  // No Authorization header at all.
  struct NoAuthorization {};
  // "Authorization: Bearer <token>" with this token instead.
  struct Bearer {
    std::string token;
  };

  std::string method = "DELETE";
  std::string path;  // below the base URL, percent-encoded: "/users/a%40b.c/token"
  std::variant<SuiteCredentials, NoAuthorization, Bearer> authorization = SuiteCredentials{};
};

class ApiSession {
 public:
  // `ca_file`: CA certificates to trust instead of the system's (empty: the system's).
  ApiSession(std::string base_url, const std::optional<zoom_client::Credentials>& credentials,
             const std::string& ca_file);

  Exchange send(const ApiRequest& request);
  const std::string& base_url() const { return base_url_; }

 private:
  struct AttemptSink {
    std::mutex mutex;
    std::vector<zoom_client::AttemptLog> attempts;
  };

  std::string base_url_;
  std::unique_ptr<AttemptSink> sink_;  // outlives client_, which reports into it
  std::unique_ptr<zoom_client::Client> client_;
};

}  // namespace zoom_contract
