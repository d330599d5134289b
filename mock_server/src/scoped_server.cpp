#include "zoom_mock/scoped_server.h"

#include <cstdlib>
#include <stdexcept>

namespace zoom_mock {

std::filesystem::path default_fixtures_dir() {
  if (const char* from_env = std::getenv("ZOOM_MOCK_FIXTURES"); from_env && *from_env) {
    return from_env;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(ZOOM_MOCK_INSTALLED_FIXTURES, ec)) {
    return ZOOM_MOCK_INSTALLED_FIXTURES;
  }
  return ZOOM_MOCK_SOURCE_FIXTURES;
}

ScopedServer::ScopedServer() : ScopedServer(default_fixtures_dir()) {}

ScopedServer::ScopedServer(const std::filesystem::path& fixtures)
    : ScopedServer(ServerOptions{.port = 0, .fixtures = fixtures}) {}

ScopedServer::ScopedServer(ServerOptions options) {
  options.port = 0;
  if (options.admin_port) options.admin_port = 0;
  auto started = Server::start(options);
  if (!started) throw std::runtime_error("zoom_mock::ScopedServer: " + started.error.message);
  server_ = std::move(started.server);
}

}  // namespace zoom_mock
