// One HTTP exchange over libcurl, without retries: the only code that knows
// libcurl. Easy handles are pooled, and each keeps its connections open, so
// consecutive calls reuse a connection instead of opening a new one.
//
// Thread safety: perform() may run on any number of threads at once. The
// pool of idle handles is guarded by a mutex; a handle belongs to one
// exchange at a time.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "zoom_client/http.h"
#include "zoom_client/result.h"

namespace zoom_client {

struct HttpExchange {
  std::string_view method;
  const std::string& url;
  const Headers& headers;  // sent as given; no Content-Type unless given
  std::string_view body;
  std::chrono::milliseconds timeout;  // for the whole exchange
  std::chrono::milliseconds connect_timeout;
};

class CurlTransport {
 public:
  CurlTransport(std::string user_agent, std::string ca_file);
  ~CurlTransport();
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<RawResponse> perform(const HttpExchange& exchange);

 private:
  // libcurl's CURL (itself a typedef of void), kept out of this header.
  using Handle = void;

  Handle* acquire();
  void release(Handle* handle);

  const std::string user_agent_;
  const std::string ca_file_;
  std::mutex idle_mutex_;
  std::vector<Handle*> idle_;  // guarded by idle_mutex_
};

}  // namespace zoom_client
