// The in-process fake Zoom (zoom_mock) with the repository's fixtures, on a
// free port, for tests that check the client and zoom-cli against it. Its
// control plane (/__admin) is driven over HTTP with the client's own raw
// layer, as any client of the fake would.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "client_test_config.h"
#include "zoom_client/client.h"
#include "zoom_mock/server.h"

namespace zoom_client_test {

class FakeZoom {
 public:
  // Plain HTTP, or HTTPS with this certificate and key.
  explicit FakeZoom(const std::filesystem::path& tls_cert = {},
                    const std::filesystem::path& tls_key = {}) {
    zoom_mock::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.fixtures = ZOOM_FIXTURES_DIR;
    options.tls_cert = tls_cert;
    options.tls_key = tls_key;
    auto started = zoom_mock::Server::start(options);
    if (!started) throw std::runtime_error("the fake did not start: " + started.error.message);
    server_ = std::move(started.server);
  }

  // "http://127.0.0.1:PORT" (or https).
  std::string origin() const { return server_->base_url(); }
  // Where the API lives: origin() + "/v2".
  std::string api() const { return origin() + "/v2"; }
  std::string token_url() const { return origin() + "/oauth/token"; }

  // A request to /__admin + `path`, which needs no credentials.
  zoom_client::RawResponse admin(const std::string& method, const std::string& path,
                                 const std::string& body = "") const {
    auto config = fast_config(origin() + "/__admin");
    config.credentials = zoom_client::NoCredentials{};
    config.retry.max_attempts = 1;
    zoom_client::Client client(config);
    const auto sent = client.send(method, path, {{"Content-Type", "application/json"}}, body);
    if (!sent.ok()) throw std::runtime_error("admin " + path + ": " + sent.describe());
    return sent.value();
  }

  // How many journalled requests match the WireMock-style `pattern`.
  int count_requests(const nlohmann::json& pattern) const {
    const auto counted = admin("POST", "/requests/count", pattern.dump());
    const auto body = nlohmann::json::parse(counted.body, nullptr, false);
    if (!body.is_object() || !body.contains("count")) {
      throw std::runtime_error("unexpected count answer: " + counted.body);
    }
    return body["count"].get<int>();
  }

 private:
  std::unique_ptr<zoom_mock::Server> server_;
};

}  // namespace zoom_client_test
