// A fake Zoom for one GoogleTest test (or any scope): started on a free
// port when constructed, stopped when destroyed.
//
//   zoom_mock::ScopedServer zoom;                  // default fixtures
//   MyClient client(zoom.api_url(), "mock-admin-token");
//   client.revoke("sso-user-alice");
//   EXPECT_EQ(zoom.admin().count_requests(pattern), 1u);
//
// Throws std::runtime_error when the server cannot start (bad fixtures),
// which fails the test with the fixture error's message.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "zoom_mock/admin.h"
#include "zoom_mock/server.h"

namespace zoom_mock {

// The fixtures a ScopedServer uses when given none: $ZOOM_MOCK_FIXTURES if
// set, else the installed default fixtures, else the source tree's.
std::filesystem::path default_fixtures_dir();

class ScopedServer {
 public:
  ScopedServer();
  explicit ScopedServer(const std::filesystem::path& fixtures);
  explicit ScopedServer(ServerOptions options);  // options.port is forced to 0

  Server& server() { return *server_; }
  Admin& admin() { return server_->admin(); }
  int port() const { return server_->port(); }
  std::string base_url() const { return server_->base_url(); }  // http://127.0.0.1:PORT
  std::string api_url() const { return base_url() + "/v2"; }

 private:
  std::unique_ptr<Server> server_;
};

}  // namespace zoom_mock
