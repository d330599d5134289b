// HTTP wiring: the route table, turning cpp-httplib requests into calls on
// the ApiService and admin API, and their answers back into responses.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "elastic_pool.h"
#include "request_body.h"
#include "server_impl.h"

namespace zoom_mock {
namespace {

constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;
constexpr int kListenBacklog = 1024;
// The API: everything under /v2 (regex '.' would miss decoded newlines).
constexpr const char* kApiPattern = R"(/v2(/[\s\S]*)?)";

class HttplibHeaders final : public HeaderSource {
 public:
  explicit HttplibHeaders(const httplib::Headers& headers) : headers_(headers) {}
  std::size_t count(std::string_view name) const override {
    return headers_.count(std::string(name));
  }
  std::string_view value(std::string_view name, std::size_t index) const override {
    auto [it, end] = headers_.equal_range(std::string(name));
    for (; it != end; ++it) {
      if (index-- == 0) return it->second;
    }
    return {};
  }

 private:
  const httplib::Headers& headers_;
};

thread_local std::chrono::steady_clock::time_point request_started;

void write_answer(const ApiAnswer& answer, httplib::Response& res) {
  res.status = answer.status;
  for (const auto& [name, value] : answer.headers) res.set_header(name, value);
  if (!answer.content_type.empty()) res.set_content(answer.body, answer.content_type.c_str());
}

// One line per request on stderr: METHOD TARGET STATUS MICROSECONDS. The
// target is escaped so a hostile path cannot forge log lines; headers (and
// so tokens) are never logged.
void log_access(const httplib::Request& req, const httplib::Response& res) {
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - request_started);
  std::string line;
  line.reserve(req.target.size() + 48);
  line += req.method.empty() ? "-" : req.method;
  line += ' ';
  for (const unsigned char c : req.target.empty() ? std::string("-") : req.target) {
    if (c < 0x20 || c >= 0x7f || c == '\\') {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      line += escaped;
    } else {
      line += static_cast<char>(c);
    }
  }
  char tail[64];
  std::snprintf(tail, sizeof tail, " %d %lldus\n", res.status,
                static_cast<long long>(elapsed.count()));
  line += tail;
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// Why binding host:port failed, found by trying it ourselves (cpp-httplib
// reports only that it failed).
std::string bind_failure(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return "cannot resolve host \"" + host + "\": " + ::gai_strerror(rc);
  }
  std::string reason = "cannot bind";
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) continue;
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      reason = std::strerror(errno);
    } else if (::listen(fd, 1) != 0) {
      reason = std::strerror(errno);
    }
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return reason;
}

void register_api_routes(httplib::Server& http, Server::Impl& server) {
  auto answer = [&server](const httplib::Request& req, httplib::Response& res,
                          std::string_view body) {
    const HttplibHeaders headers(req.headers);
    write_answer(server.api.handle(ApiRequest{req.method, req.target, headers, body}), res);
  };
  auto without_body = [answer](const httplib::Request& req, httplib::Response& res) {
    answer(req, res, req.body);
  };
  auto with_body = [answer](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& reader) {
    const auto body = read_body(req, reader, kMaxBodyBytes);
    if (!body) {
      res.status = 413;
      return;
    }
    answer(req, res, *body);
  };
  http.Get(kApiPattern, without_body);
  http.Delete(kApiPattern, without_body);
  http.Options(kApiPattern, without_body);
  http.Delete(kApiPattern, with_body);
  http.Post(kApiPattern, with_body);
  http.Put(kApiPattern, with_body);
  http.Patch(kApiPattern, with_body);
}

// Anything cpp-httplib answers by itself (no route, unparsable request,
// body too large) still gets a Zoom-shaped JSON body.
httplib::Server::HandlerResponse zoom_error_page(const Server::Impl& server,
                                                 const httplib::Request& req,
                                                 httplib::Response& res) {
  if (!res.body.empty() || res.is_chunked_content_provider_) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  const ErrorCatalog& errors = server.model.errors();
  ApiError error;
  switch (res.status) {
    case 404:
      error = errors.make(ErrorKind::kUnknownEndpoint,
                          {{"method", req.method}, {"path", req.path}});
      break;
    case 413:
      error = errors.entry(ErrorKind::kPayloadTooLarge);
      break;
    case 414:
      error = errors.make(ErrorKind::kBadRequest, {{"reason", "the request target is too long"}});
      error.http_status = 414;
      break;
    case 500:
      error = errors.entry(ErrorKind::kInternalError);
      break;
    default:
      error = errors.make(ErrorKind::kBadRequest, {{"reason", "malformed HTTP request"}});
      error.http_status = res.status;
      break;
  }
  write_answer(server.api.error_answer(error), res);
  res.status = error.http_status;
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  std::string(kJsonContentType).c_str());
}

void send_error(httplib::Response& res, int status, int code, const std::string& message,
                const nlohmann::json& field_errors) {
  nlohmann::json body = {{"code", code}, {"message", message}};
  if (!field_errors.is_null()) body["errors"] = field_errors;
  send_json(res, status, body);
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

StartResult Server::start(const ServerOptions& options) {
  try {
    return start(load_fixtures(options.fixtures), options);
  } catch (const FixtureError& error) {
    return StartResult{nullptr, {StartError::Kind::kFixtures, error.what()}};
  }
}

StartResult Server::start(Fixtures fixtures, const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(std::move(fixtures), options);
  if (auto error = impl->world.replace(impl->fixtures.world)) {
    return StartResult{nullptr,
                       {StartError::Kind::kFixtures, error->field + ": " + error->message}};
  }

  impl->http = std::make_unique<httplib::Server>();
  httplib::Server& http = *impl->http;
  Impl& server = *impl;

  // cpp-httplib's defaults add SO_REUSEPORT, which lets a second server
  // share a busy port silently; keep only SO_REUSEADDR.
  auto listen_socket = std::make_shared<std::atomic<int>>(-1);
  http.set_socket_options([listen_socket](socket_t sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket->store(sock);
  });
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(100000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(5);
  http.set_write_timeout(5);
  http.set_payload_max_length(kMaxBodyBytes);
  const std::size_t max_connections = options.max_connections;
  http.new_task_queue = [max_connections] { return new ElasticPool(2, max_connections); };

  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  register_api_routes(http, server);
  register_admin_routes(http, server);
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [&server](const httplib::Request& req, httplib::Response& res) {
        return zoom_error_page(server, req, res);
      }));
  http.set_exception_handler(
      [&server](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.body.clear();
        zoom_error_page(server, req, res);
      });
  if (options.access_log) http.set_logger(log_access);

  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.host);
  } else if (!http.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return StartResult{
        nullptr,
        {StartError::Kind::kBind, "cannot listen on " + options.host + ":" +
                                      std::to_string(options.port) + ": " +
                                      bind_failure(options.host, options.port)}};
  }
  // cpp-httplib listens with a backlog of 5; a burst of clients connecting
  // at once would wait for SYN retries. listen() again raises it.
  if (const int fd = listen_socket->load(); fd >= 0) ::listen(fd, kListenBacklog);
  impl->port = port;
  impl->listener = std::thread([&http] { http.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs; wait for it so a server
  // stopped right after start cannot be left running.
  while (!http.is_running()) std::this_thread::yield();
  return StartResult{std::unique_ptr<Server>(new Server(std::move(impl))), {}};
}

int Server::port() const { return impl_->port; }

std::string Server::base_url() const {
  const std::string& host = impl_->options.host;
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->port);
}

void Server::stop() {
  if (!impl_) return;
  std::lock_guard lock(impl_->stop_mutex);
  if (impl_->stopped) return;
  impl_->http->stop();
  if (impl_->listener.joinable()) impl_->listener.join();
  impl_->stopped = true;
  impl_->stopped_changed.notify_all();
}

void Server::wait() {
  if (!impl_) return;
  std::unique_lock lock(impl_->stop_mutex);
  impl_->stopped_changed.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace zoom_mock
