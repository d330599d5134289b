// Starts the fake from the installed package, revokes a token over a plain
// socket and verifies the call through the in-process admin handle.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "zoom_mock/scoped_server.h"

int main() {
  zoom_mock::ScopedServer zoom(FIXTURES);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(zoom.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return 1;
  const std::string request =
      "DELETE /v2/users/sso-user-alice/token HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer mock-admin-token\r\nConnection: close\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) return 1;
  char reply[512] = {};
  const ssize_t n = read(fd, reply, sizeof reply - 1);
  close(fd);
  if (n <= 0 || std::string(reply).rfind("HTTP/1.1 204", 0) != 0) {
    std::fprintf(stderr, "unexpected reply: %s\n", reply);
    return 1;
  }
  const auto pattern = zoom_mock::RequestPattern::from_json({{"userId", "sso-user-alice"}});
  if (zoom.admin().count_requests(pattern) != 1 || zoom.admin().user("sso-user-alice")->sso.active) {
    std::fprintf(stderr, "the journal or the state disagree\n");
    return 1;
  }
  std::printf("consumer: revoked through %s\n", zoom.api_url().c_str());
  return 0;
}
