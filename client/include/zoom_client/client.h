// A client for the Zoom REST API over libcurl: the typed call
// revoke_user_sso_token, and the raw layer `send` it is built on, which
// answers any method and path with the status, headers and body as they
// came (what contract tests need).
//
//   zoom_client::ClientConfig config;
//   config.base_url = "http://127.0.0.1:9090/v2";
//   config.credentials = zoom_client::AccessToken{"mock-admin-token"};
//   zoom_client::Client client(config);
//   auto revoked = client.revoke_user_sso_token("alice@example.com");
//
// Thread safety: one Client may be shared by any number of threads, and its
// calls run concurrently. Each call borrows a libcurl handle (which keeps
// its connections open for the next call) from a pool guarded by a mutex;
// the OAuth token cache has its own mutex, so threads that need a token at
// the same time fetch one, not one each. libcurl's global initialisation
// runs once per process, on the first Client constructed.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "zoom_client/config.h"
#include "zoom_client/errors.h"
#include "zoom_client/http.h"
#include "zoom_client/result.h"

namespace zoom_client {

struct TokenRevoked {
  int http_status = 0;      // 204 from Zoom
  std::string tracking_id;  // x-zm-trackingid, empty when absent
};

class Client {
 public:
  explicit Client(ClientConfig config);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // DELETE /users/{userId}/token: signs the user out of their Zoom session.
  // `user_id` is an id, an email address or "me", unencoded; the client
  // percent-encodes it. Any 2xx is success; any other status is an
  // ApiError carrying Zoom's code, message and tracking id.
  Result<TokenRevoked> revoke_user_sso_token(std::string_view user_id);

  // Sends one request, with retries and the deadline, and returns the last
  // response whatever its status; redirects are returned, not followed. The
  // only errors are a TransportError and, with ServerToServerOAuth
  // credentials, an ApiError of Source::kOAuth when no access token could
  // be had.
  Result<RawResponse> send(const Request& request);
  Result<RawResponse> send(std::string_view method, std::string_view path,
                           const Headers& headers = {}, std::string_view body = {});

  const ClientConfig& config() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zoom_client
