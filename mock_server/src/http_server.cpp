// HTTP wiring: the route table, turning cpp-httplib requests into calls on
// the ApiService and admin API, and their answers back into responses.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <malloc.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "elastic_pool.h"
#include "fast_path.h"
#include "fault_responder.h"
#include "http_connection.h"
#include "request_body.h"
#include "server_impl.h"

namespace zoom_mock {
namespace {

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
void write_access_line(std::string_view method, std::string_view target, int status,
                       std::chrono::steady_clock::duration elapsed) {
  std::string line;
  line.reserve(target.size() + 48);
  line += method.empty() ? "-" : method;
  line += ' ';
  for (const unsigned char c : target.empty() ? std::string_view("-") : target) {
    if (c < 0x20 || c >= 0x7f || c == '\\') {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      line += escaped;
    } else {
      line += static_cast<char>(c);
    }
  }
  char tail[64];
  std::snprintf(
      tail, sizeof tail, " %d %lldus\n", status,
      static_cast<long long>(
          std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()));
  line += tail;
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void log_access(const httplib::Request& req, const httplib::Response& res) {
  write_access_line(req.method, req.target, res.status,
                    std::chrono::steady_clock::now() - request_started);
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

// The origin a client reached us at: what /oauth/token returns as api_url.
std::string origin_of(const Server::Impl& server, const httplib::Request& req) {
  const std::string host = req.get_header_value("Host");
  if (!host.empty() && host.find_first_of(" /\\\"<>") == std::string::npos) {
    return server.scheme + "://" + host;
  }
  return server.scheme + "://" + server.options.host + ":" + std::to_string(server.port);
}

// Completes a journal entry with the request's side and records it.
// `headers` in cpp-httplib's order (a multimap by case-insensitive name).
template <class Headers>
void record_request(Server::Impl& server, JournalEntry entry, std::string_view method,
                    std::string_view target, const Headers& headers, std::string_view body,
                    std::chrono::steady_clock::time_point started) {
  if (server.journal.limit() == 0) return;
  const auto query_at = target.find('?');
  entry.time = server.clock();
  entry.method = method;
  entry.path = target.substr(0, query_at);
  entry.query = query_at == std::string_view::npos ? std::string_view() : target.substr(query_at + 1);
  for (const auto& [name, value] : headers) {
    // cpp-httplib adds the connection's addresses as pseudo-headers.
    if (name == "LOCAL_ADDR" || name == "LOCAL_PORT" || name == "REMOTE_ADDR" ||
        name == "REMOTE_PORT") {
      continue;
    }
    entry.headers.add(std::string(name), equals_ignoring_case(name, "Authorization")
                                             ? redact_authorization(value)
                                             : std::string(value));
  }
  entry.body = body;
  entry.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  server.journal.record(std::move(entry));
}

// The journal's record of how the service answered.
JournalEntry entry_for(ApiAnswer& answer) {
  JournalEntry entry;
  entry.status = answer.status;
  entry.operation = std::move(answer.operation);
  entry.user_ref = std::move(answer.user_ref);
  entry.user_id = std::move(answer.user_id);
  entry.closest_operation = std::move(answer.closest_operation);
  entry.unmatched_reason = std::move(answer.unmatched_reason);
  return entry;
}

// One API request (/v2/... or /oauth/token): faults first, then the
// service, then the journal.
void serve_api(Server::Impl& server, const httplib::Request& req, httplib::Response& res,
               std::string_view body) {
  const auto started = std::chrono::steady_clock::now();
  const HttplibHeaders headers(req.headers);
  const std::string_view target = req.target;
  const auto query_at = target.find('?');
  const std::string_view raw_path = target.substr(0, query_at);
  const std::string_view query =
      query_at == std::string_view::npos ? std::string_view() : target.substr(query_at + 1);

  std::optional<Fault> fault;
  // An event loop must not wait: it moves connections to threads while
  // faults are configured, and a request racing a new fault misses it.
  if (!server.faults.empty() && !ConnectionState::current().on_event_loop) {
    ApiService::Located located;
    std::string user_id;
    if (server.faults.needs_user_ref()) {
      located = server.api.locate(req.method, target);
      user_id = server.api.resolve_user_id(located.user_ref, headers);
    }
    fault = server.faults.take(
        RequestFacts{req.method, raw_path, req.path, query, &headers, located.user_ref, user_id});
    if (fault) std::this_thread::sleep_for(fault_delay(fault->response));
  }

  JournalEntry entry;
  if (fault && fault->response.replaces_answer()) {
    ApiService::Located located = server.api.locate(req.method, target);
    entry.user_id = server.api.resolve_user_id(located.user_ref, headers);
    entry.status =
        apply_fault(*fault, server.model.errors(), server.api, req, located.user_ref, res);
    entry.operation = std::move(located.operation);
    entry.user_ref = std::move(located.user_ref);
  } else {
    const ApiRequest request{req.method, target, headers, body};
    ApiAnswer answer = raw_path == kOAuthTokenPath
                           ? server.oauth.handle(request, origin_of(server, req))
                           : server.api.handle(request);
    write_answer(answer, res);
    entry = entry_for(answer);
  }
  if (fault) entry.fault_id = fault->id;
  record_request(server, std::move(entry), req.method, target, req.headers, body, started);
}

// A simple request (fast_path.h) answered by the event loop: the same
// service, journal and access log as serve_api, without cpp-httplib.
void serve_simple(Server::Impl& server, const SimpleRequest& request,
                  std::string_view keep_alive, std::string& out) {
  const auto started = std::chrono::steady_clock::now();
  const HeaderViews headers(request.headers);
  ApiAnswer answer = server.api.handle(ApiRequest{request.method, request.target, headers, {}});
  append_response(out, answer.status, answer.headers, answer.content_type, answer.body,
                  keep_alive);
  if (server.journal.limit() != 0) {  // spares sorting the headers otherwise
    record_request(server, entry_for(answer), request.method, request.target,
                   sorted_like_httplib(request.headers), {}, started);
  }
  if (server.options.access_log) {
    write_access_line(request.method, request.target, answer.status,
                      std::chrono::steady_clock::now() - started);
  }
}

void register_api_routes(httplib::Server& http, Server::Impl& server) {
  auto without_body = [&server](const httplib::Request& req, httplib::Response& res) {
    serve_api(server, req, res, req.body);
  };
  auto with_body = [&server](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& reader) {
    const auto body = read_body(req, reader, kMaxBodyBytes);
    if (const auto* error = std::get_if<BodyError>(&body)) {
      res.status = *error == BodyError::kTooLarge ? 413 : 400;  // the error page answers
      return;
    }
    serve_api(server, req, res, std::get<std::string>(body));
  };
  http.Get(kApiPattern, without_body);
  http.Delete(kApiPattern, without_body);
  http.Options(kApiPattern, without_body);
  http.Delete(kApiPattern, with_body);
  http.Post(kApiPattern, with_body);
  http.Put(kApiPattern, with_body);
  http.Patch(kApiPattern, with_body);
  http.Post(std::string(kOAuthTokenPath), with_body);
}

// Anything cpp-httplib answers by itself (no route, unparsable request,
// body too large or unreadable) still gets a Zoom-shaped JSON body. Past a
// request HTTP could not frame, or whose body was left unread, the
// connection cannot carry another request: it is closed after the answer.
httplib::Server::HandlerResponse zoom_error_page(const Server::Impl& server,
                                                 const httplib::Request& req,
                                                 httplib::Response& res) {
  if (!res.body.empty() || res.is_chunked_content_provider_) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  const ErrorCatalog& errors = server.model.errors();
  ConnectionState& connection = ConnectionState::current();
  auto bad_request = [&errors](int status, std::string_view reason) {
    ApiError error = errors.make(ErrorKind::kBadRequest, {{"reason", reason}});
    error.http_status = status;
    return error;
  };
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
      error = bad_request(414, "the request target is too long");
      break;
    case 500:
      error = errors.entry(ErrorKind::kInternalError);
      break;
    default:
      if (connection.timed_out) {
        error = bad_request(408, "the request did not arrive within the read timeout");
      } else if (connection.head_too_large) {
        error = bad_request(431, "the request headers are too large");
      } else if (connection.body_read == false && res.status == 400 &&
                 (connection.content_length || connection.chunked)) {
        error = bad_request(400, "the request body cannot be read");
      } else {
        error = bad_request(res.status, "malformed HTTP request");
      }
      break;
  }
  write_answer(server.api.error_answer(error), res);
  res.status = error.http_status;
  if (res.status != 404 && res.status != 500) {
    connection.close_after_response = true;
    res.set_header("Connection", "close");
  }
  return httplib::Server::HandlerResponse::Handled;
}

// Checks a request's framing before it is routed: a Content-Length must be
// one decimal number (repeated headers must agree), HTTP/1.1 needs a Host.
// Returns why the request is rejected, or nullopt.
std::optional<std::string> framing_error(const httplib::Request& req, ConnectionState& state) {
  state.chunked =
      req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
  const std::size_t lengths = req.get_header_value_count("Content-Length");
  for (std::size_t i = 0; i < lengths; ++i) {
    const std::string text = req.get_header_value("Content-Length", i);
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
      return "invalid Content-Length";
    }
    // Too many digits for size_t is simply too large (413), not malformed.
    std::size_t value = SIZE_MAX;
    std::from_chars(text.data(), text.data() + text.size(), value);
    if (state.content_length && *state.content_length != value) return "invalid Content-Length";
    state.content_length = value;
  }
  if (req.version == "HTTP/1.1" && !req.has_header("Host")) {
    return "HTTP/1.1 requires a Host header";
  }
  return std::nullopt;
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

namespace {

// A listener configured alike for the API and the admin port. Returns the
// bound port, or -1 with `error` set.
int configure_and_bind(httplib::Server& http, Server::Impl& server, const std::string& host,
                       int port, bool serves_api, std::string& error) {
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
  const std::size_t max_connections = server.options.max_connections;
  if (auto* ours = dynamic_cast<HttpServer*>(&http)) {
    ours->set_connection_model(server.options.io_threads, max_connections);
    if (server.options.fast_path && serves_api) {
      ours->set_fast_handler([&server](const SimpleRequest& request, std::string_view keep_alive,
                                       std::string& out) {
        serve_simple(server, request, keep_alive, out);
      });
    }
    ours->set_loop_serving_allowed([&server] { return server.faults.empty(); });
  } else {
    http.new_task_queue = [max_connections] { return new ElasticPool(2, max_connections); };
  }

  http.set_pre_routing_handler([&server](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    // cpp-httplib cuts every body, errors included, to a requested Range
    // while keeping the status; the fake serves no ranges. The request is a
    // non-const object of cpp-httplib's request loop, so this is safe.
    const_cast<httplib::Request&>(req).ranges.clear();
    ConnectionState& connection = ConnectionState::current();
    if (const auto reason = framing_error(req, connection)) {
      write_answer(server.api.error_answer(
                       server.model.errors().make(ErrorKind::kBadRequest, {{"reason", *reason}})),
                   res);
      connection.close_after_response = true;
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib reads no body of a DELETE without Content-Length, nor of a
    // GET or OPTIONS: a chunked body there would be taken for the next
    // request. (A Content-Length body left unread is caught after the answer.)
    if (connection.chunked && !connection.content_length && req.method != "POST" &&
        req.method != "PUT" && req.method != "PATCH") {
      connection.close_after_response = true;
      res.set_header("Connection", "close");
    }
    if (connection.content_length && *connection.content_length > kMaxBodyBytes) {
      res.status = 413;  // at once, without reading the body; the error page answers
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
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
  if (server.options.access_log) http.set_logger(log_access);

  int bound = port;
  if (port == 0) {
    bound = http.bind_to_any_port(host);
  } else if (!http.bind_to_port(host, port)) {
    bound = -1;
  }
  if (bound < 0) {
    error = "cannot listen on " + host + ":" + std::to_string(port) + ": " +
            bind_failure(host, port);
    return -1;
  }
  if (auto* ours = dynamic_cast<HttpServer*>(&http)) ours->start_connections();
  // cpp-httplib listens with a backlog of 5; a burst of clients connecting
  // at once would wait for SYN retries. listen() again raises it.
  if (const int fd = listen_socket->load(); fd >= 0) ::listen(fd, kListenBacklog);
  return bound;
}

std::thread serve_in_background(httplib::Server& http) {
  std::thread listener([&http] { http.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs; wait for it so a server
  // stopped right after start cannot be left running.
  while (!http.is_running()) std::this_thread::yield();
  return listener;
}

}  // namespace

StartResult Server::start(Fixtures fixtures, const ServerOptions& options) {
  initialise_http_parser();
  auto impl = std::make_unique<Impl>(std::move(fixtures), options);
  if (auto error = impl->world.replace(impl->fixtures.world)) {
    return StartResult{nullptr,
                       {StartError::Kind::kFixtures, error->field + ": " + error->message}};
  }
  // A large world leaves the parsed JSON's memory free but held by malloc;
  // hand it back so the server's resident size is what it uses.
  ::malloc_trim(0);
  Impl& server = *impl;
  // Both listeners speak HTTPS when a certificate is given.
  auto make_listener = [&]() -> std::unique_ptr<httplib::Server> {
    if (options.tls_cert.empty() && options.tls_key.empty()) {
      return std::make_unique<HttpServer>();
    }
    auto tls = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(),
                                                    options.tls_key.c_str());
    if (!tls->is_valid()) return nullptr;
    server.scheme = "https";
    return tls;
  };
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return StartResult{nullptr,
                       {StartError::Kind::kTls, "TLS needs both a certificate and a key"}};
  }
  server.http = make_listener();
  if (!server.http) {
    return StartResult{nullptr,
                       {StartError::Kind::kTls,
                        "cannot load the TLS certificate " + options.tls_cert.string() +
                            " with the key " + options.tls_key.string() +
                            " (unreadable, not PEM, or not a matching pair)"}};
  }
  register_api_routes(*server.http, server);
  if (options.admin_port) {
    server.admin_http = make_listener();
    register_admin_routes(*server.admin_http, server);
  } else {
    register_admin_routes(*server.http, server);
  }

  std::string error;
  server.port = configure_and_bind(*server.http, server, options.host, options.port,
                                   /*serves_api=*/true, error);
  if (server.port < 0) return StartResult{nullptr, {StartError::Kind::kBind, error}};
  server.admin_port = server.port;
  if (server.admin_http) {
    server.admin_port =
        configure_and_bind(*server.admin_http, server, options.host, *options.admin_port,
                           /*serves_api=*/false, error);
    if (server.admin_port < 0) {
      // Release the API's bound socket: cpp-httplib closes it only on stop().
      server.listener = serve_in_background(*server.http);
      server.http->stop();
      server.listener.join();
      return StartResult{nullptr, {StartError::Kind::kBind, error}};
    }
    server.admin_listener = serve_in_background(*server.admin_http);
  }
  server.listener = serve_in_background(*server.http);
  return StartResult{std::unique_ptr<Server>(new Server(std::move(impl))), {}};
}

int Server::port() const { return impl_->port; }
int Server::admin_port() const { return impl_->admin_port; }
Admin& Server::admin() { return impl_->admin; }

namespace {
std::string url_of(const std::string& scheme, const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}
}  // namespace

std::string Server::base_url() const {
  return url_of(impl_->scheme, impl_->options.host, impl_->port);
}
std::string Server::admin_base_url() const {
  return url_of(impl_->scheme, impl_->options.host, impl_->admin_port);
}

void Server::stop() {
  if (!impl_) return;
  std::lock_guard lock(impl_->stop_mutex);
  if (impl_->stopped) return;
  stop_listener(*impl_->http);
  if (impl_->admin_http) stop_listener(*impl_->admin_http);
  if (impl_->listener.joinable()) impl_->listener.join();
  if (impl_->admin_listener.joinable()) impl_->admin_listener.join();
  impl_->stopped = true;
  impl_->stopped_changed.notify_all();
}

void Server::wait() {
  if (!impl_) return;
  std::unique_lock lock(impl_->stop_mutex);
  impl_->stopped_changed.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace zoom_mock
