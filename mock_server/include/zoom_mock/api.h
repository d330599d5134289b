// The API's route table and request path below the transport: a request
// (method, raw target, headers) goes in, an answer (status, headers, body)
// comes out. Routes come from the Postman contract; each documented
// operation the fake knows is bound to a rule of the ZoomModel, and the rest
// answer their documented success example after the auth checks.
//
// Order of the checks, as Zoom applies them: route, token (401), rate limit
// (429, when a RateLimiter is given), a `Prefer` header (Prism's
// convention: `code=404` or `example=NAME` answers that documented response
// after the scope check, changing nothing), then the operation's rule.
//
// Thread safety: `handle` may be called from any number of threads at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoom_mock/contract.h"
#include "zoom_mock/model.h"
#include "zoom_mock/rate_limits.h"

namespace zoom_mock {

// Read access to the request's headers, case-insensitive by name.
class HeaderSource {
 public:
  virtual ~HeaderSource() = default;
  virtual std::size_t count(std::string_view name) const = 0;
  virtual std::string_view value(std::string_view name, std::size_t index = 0) const = 0;
};

// Headers held in a plain vector (tests, fuzzing, the journal).
class HeaderList final : public HeaderSource {
 public:
  HeaderList() = default;
  HeaderList(std::initializer_list<std::pair<std::string, std::string>> headers)
      : headers_(headers) {}
  void add(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
  }
  std::size_t count(std::string_view name) const override;
  std::string_view value(std::string_view name, std::size_t index = 0) const override;
  const std::vector<std::pair<std::string, std::string>>& all() const { return headers_; }

 private:
  std::vector<std::pair<std::string, std::string>> headers_;
};

struct ApiRequest {
  std::string_view method;
  std::string_view target;  // as received: "/v2/users/a%40b.c/token?x=1"
  const HeaderSource& headers;
  std::string_view body;
};

struct ApiAnswer {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;  // empty when there is no body
  std::string operation;     // the matched operation's name, empty if none
  std::string user_ref;      // the decoded {userId}, when the route has one
  std::string user_id;       // the id of the user it designates, if any
  std::string unmatched_reason;  // why no operation matched, when none did
  std::string closest_operation;  // the operation nearest an unmatched request
};

inline constexpr std::string_view kJsonContentType = "application/json;charset=UTF-8";

// A decoded path: segments percent-decoded ('+' stays '+'). Fails on a
// malformed escape or an encoded NUL.
std::optional<std::vector<std::string>> split_path(std::string_view raw_path);

class ApiService {
 public:
  // `scope_overrides`: operation name -> accepted scopes.
  // `rate_limiter` may be null (no limits).
  ApiService(const Contract& contract, ZoomModel& model,
             const std::map<std::string, std::vector<std::string>>& scope_overrides,
             std::function<TimePoint()> clock = [] { return Clock::now(); },
             RateLimiter* rate_limiter = nullptr);

  // Answers a request whose target starts with the API prefix "/v2".
  ApiAnswer handle(const ApiRequest& request) const;

  // The operation `method target` would reach and its decoded {userId}
  // (either may be empty), without answering it.
  struct Located {
    std::string operation;
    std::string user_ref;
  };
  Located locate(std::string_view method, std::string_view target) const;
  // The id of the user `user_ref` designates ("me" through the request's
  // token), or "" when none.
  std::string resolve_user_id(std::string_view user_ref, const HeaderSource& headers) const;

  // The Zoom-shaped answer for `error`, with a tracking id.
  ApiAnswer error_answer(const ApiError& error) const;
  std::string next_tracking_id() const;

  const Contract& contract() const { return contract_; }

 private:
  struct Route {
    const Operation* operation;
    ScopeRule scopes;
    bool revokes_sso_token;  // bound to ZoomModel::revoke_sso_token
  };
  ApiAnswer dispatch(const Route& route, const std::vector<std::string>& segments,
                     const ApiRequest& request) const;
  ApiAnswer unmatched(std::string_view method, const std::vector<std::string>& segments,
                      std::string_view path) const;
  ApiAnswer success_answer(const Operation& op) const;
  ApiAnswer rate_limited(const Operation& op, const RateLimitVerdict& verdict) const;
  // The documented response a Prefer header asks for, or nullopt when the
  // request has none.
  std::optional<ApiAnswer> preferred_answer(const Operation& op, std::string_view prefer,
                                            std::string_view user_ref) const;
  AuthResult authenticate(const HeaderSource& headers, TimePoint now) const;
  static bool path_matches(const Operation& op, const std::vector<std::string>& segments);

  const Contract& contract_;
  ZoomModel& model_;
  std::function<TimePoint()> clock_;
  RateLimiter* rate_limiter_;
  std::vector<Route> routes_;
  std::string tracking_prefix_;
  mutable std::atomic<std::uint64_t> tracking_counter_{0};
};

}  // namespace zoom_mock
