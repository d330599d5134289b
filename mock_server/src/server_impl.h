// Private: the parts of a running server, shared by the HTTP wiring
// (http_server.cpp) and the control plane (admin_api.cpp).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "zoom_mock/admin.h"
#include "zoom_mock/api.h"
#include "zoom_mock/faults.h"
#include "zoom_mock/journal.h"
#include "zoom_mock/model.h"
#include "zoom_mock/oauth.h"
#include "zoom_mock/rate_limits.h"
#include "zoom_mock/server.h"

namespace zoom_mock {

struct Server::Impl {
  Impl(Fixtures loaded, ServerOptions opts)
      : options(std::move(opts)),
        fixtures(std::move(loaded)),
        clock(options.clock ? options.clock : [] { return Clock::now(); }),
        model(world, fixtures.errors),
        rate_limiter(options.rate_limit_plan, merged_rate_limits(fixtures, options)),
        api(fixtures.contract, model, fixtures.operation_scopes, clock, &rate_limiter),
        oauth(world, fixtures.errors, api, clock),
        journal(options.journal_limit),
        admin(world, journal, faults, rate_limiter, fixtures.world) {}

  static std::map<std::string, Budget> merged_rate_limits(const Fixtures& fixtures,
                                                          const ServerOptions& options) {
    std::map<std::string, Budget> merged = fixtures.rate_limits;
    for (const auto& [label, budget] : options.rate_limits) merged[label] = budget;
    return merged;
  }

  ServerOptions options;
  const Fixtures fixtures;  // as loaded: what /__admin/reset restores
  const std::function<TimePoint()> clock;
  World world;
  ZoomModel model;
  RateLimiter rate_limiter;
  ApiService api;
  OAuthService oauth;
  Journal journal;
  FaultTable faults;
  Admin admin;
  std::string scheme = "http";

  // The API listener, and the admin listener when it has a port of its own.
  std::unique_ptr<httplib::Server> http;
  std::unique_ptr<httplib::Server> admin_http;
  std::thread listener;
  std::thread admin_listener;
  int port = 0;
  int admin_port = 0;
  std::mutex stop_mutex;
  std::condition_variable stopped_changed;
  bool stopped = false;  // guarded by stop_mutex
};

// Writes `body` as the response, JSON with Zoom's content type.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// The Zoom-shaped error {"code", "message"} (plus "errors" when given).
void send_error(httplib::Response& res, int status, int code, const std::string& message,
                const nlohmann::json& field_errors = nullptr);

// Registers the /__admin routes on `http`.
void register_admin_routes(httplib::Server& http, Server::Impl& server);

}  // namespace zoom_mock
