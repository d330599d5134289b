#include "curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace zoom_client {
namespace {

void initialise_curl_once() {
  // curl_global_init is not thread-safe, and must run before any handle
  // exists. curl_global_cleanup is never called: other code in the process
  // may still use libcurl, and the OS reclaims everything at exit.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

size_t append_body(char* data, size_t size, size_t count, void* response) {
  static_cast<RawResponse*>(response)->body.append(data, size * count);
  return size * count;
}

size_t read_header_line(char* data, size_t size, size_t count, void* response_ptr) {
  auto* response = static_cast<RawResponse*>(response_ptr);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    // A new status line: what came before was an interim answer (100
    // Continue), whose headers are not this response's.
    response->headers = Headers{};
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    response->headers.add(std::string(trim(line.substr(0, colon))),
                          std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// Returns false when libcurl could not allocate.
bool append(HeaderList& list, const std::string& line) {
  curl_slist* longer = curl_slist_append(list.get(), line.c_str());
  if (longer == nullptr) return false;
  static_cast<void>(list.release());
  list.reset(longer);
  return true;
}

// The header lines libcurl should send: the caller's, and blanks that stop
// libcurl adding its own where that would change the request.
bool build_header_list(const Headers& headers, HeaderList& list) {
  for (const auto& [name, value] : headers) {
    // "Name;" is libcurl's way to send a header with an empty value.
    if (!append(list, value.empty() ? name + ";" : name + ": " + value)) return false;
  }
  // libcurl would otherwise label every body as a form; send what was given.
  if (!headers.contains("Content-Type") && !append(list, "Content-Type:")) return false;
  // Waiting for "100 Continue" only costs a round trip against Zoom.
  return headers.contains("Expect") || append(list, "Expect:");
}

long as_curl_milliseconds(std::chrono::milliseconds duration) {
  // libcurl reads 0 as "no timeout"; an exhausted budget must still end.
  return static_cast<long>(std::max<std::chrono::milliseconds::rep>(duration.count(), 1));
}

bool needs_body(std::string_view method, std::string_view body) {
  // POST, PUT and PATCH send Content-Length: 0 when empty: servers (Zoom's
  // OAuth endpoint, cpp-httplib) may wait for a body that never comes.
  return !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
}

}  // namespace

CurlTransport::CurlTransport(std::string user_agent, std::string ca_file)
    : user_agent_(std::move(user_agent)), ca_file_(std::move(ca_file)) {
  initialise_curl_once();
}

CurlTransport::~CurlTransport() {
  for (Handle* handle : idle_) curl_easy_cleanup(static_cast<CURL*>(handle));
}

CurlTransport::Handle* CurlTransport::acquire() {
  {
    std::lock_guard lock(idle_mutex_);
    if (!idle_.empty()) {
      Handle* handle = idle_.back();
      idle_.pop_back();
      return handle;
    }
  }
  return curl_easy_init();
}

void CurlTransport::release(Handle* handle) {
  // Forgets this exchange's options, which point at its locals; the open
  // connections stay for the next exchange.
  curl_easy_reset(static_cast<CURL*>(handle));
  std::lock_guard lock(idle_mutex_);
  idle_.push_back(handle);
}

Result<RawResponse> CurlTransport::perform(const HttpExchange& exchange) {
  auto return_to_pool = [this](Handle* handle) { release(handle); };
  std::unique_ptr<Handle, decltype(return_to_pool)> pooled(acquire(), return_to_pool);
  auto* curl = static_cast<CURL*>(pooled.get());
  if (curl == nullptr) {
    return TransportError{CURLE_FAILED_INIT, "could not create a libcurl handle"};
  }

  HeaderList header_list;
  if (!build_header_list(exchange.headers, header_list)) {
    return TransportError{CURLE_OUT_OF_MEMORY, "could not build the request headers"};
  }
  const std::string method(exchange.method);
  RawResponse response;
  char error_text[CURL_ERROR_SIZE] = "";

  curl_easy_setopt(curl, CURLOPT_URL, exchange.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  // User ids go into the path verbatim; "." or ".." must not be squashed.
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  // Signals and threads do not mix; timeouts work without them.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, as_curl_milliseconds(exchange.timeout));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   as_curl_milliseconds(exchange.connect_timeout));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent_.c_str());
  if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header_line);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  if (needs_body(exchange.method, exchange.body)) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(exchange.body.size()));
    // Never null: libcurl would read the body from stdin.
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, exchange.body.empty() ? "" : exchange.body.data());
  }

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    return TransportError{code, error_text[0] != '\0' ? error_text : curl_easy_strerror(code)};
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace zoom_client
