#include "fault_responder.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <memory>
#include <random>

#include <nlohmann/json.hpp>

#include "zoom_mock/api.h"

namespace zoom_mock {
namespace {

// The socket of the connection `req` arrived on, found by its addresses
// (cpp-httplib does not hand sockets to handlers); -1 if not found.
int connection_socket(const httplib::Request& req) {
  DIR* fds = ::opendir("/proc/self/fd");
  if (fds == nullptr) return -1;
  int found = -1;
  while (const dirent* entry = ::readdir(fds)) {
    const int fd = std::atoi(entry->d_name);
    if (fd <= 2) continue;
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_len = sizeof local;
    socklen_t peer_len = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0 ||
        ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) {
      continue;
    }
    auto port_of = [](const sockaddr_storage& address) {
      if (address.ss_family == AF_INET) {
        return int(ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port));
      }
      if (address.ss_family == AF_INET6) {
        return int(ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port));
      }
      return -1;
    };
    if (port_of(local) == req.local_port && port_of(peer) == req.remote_port) {
      found = fd;
      break;
    }
  }
  ::closedir(fds);
  return found;
}

std::string reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "HTTP " + std::to_string(status);
  }
}

// The Zoom-shaped body a fault's status gets when it brings none.
ApiError canned_error(const ErrorCatalog& errors, int status, std::string_view user_ref) {
  switch (status) {
    case 401: return errors.entry(ErrorKind::kInvalidAccessToken);
    case 404: return errors.make(ErrorKind::kUserNotFound, {{"userId", user_ref}});
    case 429: return errors.entry(ErrorKind::kRateLimitPerSecond);
    default: return ApiError{status, status, reason_phrase(status) + "."};
  }
}

}  // namespace

std::chrono::milliseconds fault_delay(const FaultResponse& response) {
  auto delay = response.fixed_delay;
  if (response.random_delay) {
    thread_local std::mt19937 random{std::random_device{}()};
    std::uniform_int_distribution<std::int64_t> pick(response.random_delay->first.count(),
                                                     response.random_delay->second.count());
    delay += std::chrono::milliseconds(pick(random));
  }
  return delay;
}

int apply_fault(const Fault& fault, const ErrorCatalog& errors, const ApiService& api,
                const httplib::Request& req, std::string_view user_ref, httplib::Response& res) {
  const FaultResponse& response = fault.response;
  const int status = response.status.value_or(200);
  std::string body;
  std::string content_type(kJsonContentType);
  if (response.json_body) {
    body = response.json_body->dump();
  } else if (response.status && *response.status >= 400) {
    const ApiError error = canned_error(errors, status, user_ref);
    body = nlohmann::json{{"code", error.code}, {"message", error.message}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  const ConnectionFault kind = response.fault;
  if (kind == ConnectionFault::kConnectionResetByPeer || kind == ConnectionFault::kEmptyResponse ||
      kind == ConnectionFault::kRandomDataThenClose) {
    const int fd = connection_socket(req);
    if (fd >= 0) {
      if (kind == ConnectionFault::kConnectionResetByPeer) {
        // Disconnecting a TCP socket (connect to AF_UNSPEC) sends a reset;
        // cpp-httplib still owns and closes the descriptor.
        sockaddr unspecified{};
        unspecified.sa_family = AF_UNSPEC;
        ::connect(fd, &unspecified, sizeof unspecified);
      } else {
        if (kind == ConnectionFault::kRandomDataThenClose) {
          static constexpr char kGarbage[] = "\x7f\x13lskdu018973t09sylgasjkfg1][]'./.sdlv\r\n";
          ::send(fd, kGarbage, sizeof kGarbage - 1, MSG_NOSIGNAL);
        }
        ::shutdown(fd, SHUT_RDWR);
      }
    }
    res.status = 500;  // never reaches the client: the connection is gone
    return 0;
  }

  res.status = status;
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.set_header("x-zm-trackingid", api.next_tracking_id());
  if (kind == ConnectionFault::kMalformedResponseChunk ||
      kind == ConnectionFault::kTruncatedBody) {
    if (body.empty()) body = R"({"code":0,"message":"truncated by a fault"})";
    auto shared = std::make_shared<std::string>(std::move(body));
    const std::size_t half = shared->size() / 2;
    // The provider sends half the body, then fails, and cpp-httplib closes
    // the connection: a chunked body without its last chunk, or fewer bytes
    // than Content-Length promised.
    if (kind == ConnectionFault::kMalformedResponseChunk) {
      res.set_chunked_content_provider(
          content_type.c_str(), [shared, half](std::size_t offset, httplib::DataSink& sink) {
            if (offset == 0) sink.write(shared->data(), half);
            return offset == 0;
          });
    } else {
      res.set_content_provider(
          shared->size(), content_type.c_str(),
          [shared, half](std::size_t offset, std::size_t, httplib::DataSink& sink) {
            if (offset == 0) sink.write(shared->data(), half);
            return offset == 0;
          });
    }
    return status;
  }
  if (!body.empty() && status != 204 && status != 304) res.set_content(body, content_type.c_str());
  return status;
}

}  // namespace zoom_mock
