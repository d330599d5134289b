#include "zoom_mock/api.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <random>

#include <nlohmann/json.hpp>

namespace zoom_mock {
namespace {

constexpr std::string_view kApiPrefix = "/v2";

// RFC 7231 IMF-fixdate: "Sat, 05 Dec 2026 00:00:00 GMT".
std::string http_date(TimePoint time) {
  const std::time_t seconds = Clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      const int hi = i + 1 < raw.size() ? hex_value(raw[i + 1]) : -1;
      const int lo = i + 2 < raw.size() ? hex_value(raw[i + 2]) : -1;
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
    out.push_back(c);
  }
  return out;
}

std::string error_body(const ApiError& error) {
  nlohmann::json body = {{"code", error.code}, {"message", error.message}};
  // Echoed user input may hold bytes that are not UTF-8; never fail on them.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::size_t HeaderList::count(std::string_view name) const {
  return static_cast<std::size_t>(std::count_if(
      headers_.begin(), headers_.end(), [&](const auto& h) { return equals_ignoring_case(h.first, name); }));
}

std::string_view HeaderList::value(std::string_view name, std::size_t index) const {
  for (const auto& [key, value] : headers_) {
    if (equals_ignoring_case(key, name) && index-- == 0) return value;
  }
  return {};
}

std::optional<std::vector<std::string>> split_path(std::string_view raw_path) {
  std::vector<std::string> segments;
  std::size_t start = raw_path.starts_with('/') ? 1 : 0;
  while (start <= raw_path.size()) {
    const std::size_t slash = raw_path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? raw_path.size() : slash;
    auto segment = percent_decode(raw_path.substr(start, end - start));
    if (!segment) return std::nullopt;
    segments.push_back(std::move(*segment));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

ApiService::ApiService(const Contract& contract, ZoomModel& model,
                       const std::map<std::string, std::vector<std::string>>& scope_overrides,
                       std::function<TimePoint()> clock, RateLimiter* rate_limiter)
    : contract_(contract), model_(model), clock_(std::move(clock)), rate_limiter_(rate_limiter) {
  for (const Operation& op : contract_.operations) {
    const auto override_it = scope_overrides.find(op.name);
    // The revoke rule binds to the documented route, whatever the item's name.
    const bool revokes = op.method == "DELETE" &&
                         op.path == std::vector<std::string>{"users", ":userId", "token"};
    routes_.push_back(Route{&op,
                            ScopeRule::from_documented(override_it == scope_overrides.end()
                                                           ? op.scopes
                                                           : override_it->second),
                            revokes});
  }
  std::random_device random;
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "%08x%08x", random(), random());
  tracking_prefix_ = prefix;
}

std::string ApiService::next_tracking_id() const {
  char id[96];
  std::snprintf(id, sizeof id, "v=2.0;clid=mock;rid=WEB_%s%016llx", tracking_prefix_.c_str(),
                static_cast<unsigned long long>(tracking_counter_.fetch_add(1) + 1));
  return id;
}

ApiAnswer ApiService::error_answer(const ApiError& error) const {
  ApiAnswer answer;
  answer.status = error.http_status;
  answer.content_type = std::string(kJsonContentType);
  answer.body = error_body(error);
  answer.headers.emplace_back("x-zm-trackingid", next_tracking_id());
  return answer;
}

bool ApiService::path_matches(const Operation& op, const std::vector<std::string>& segments) {
  if (op.path.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const bool variable = op.path[i].starts_with(':');
    if (variable ? segments[i].empty() : op.path[i] != segments[i]) return false;
  }
  return true;
}

ApiAnswer ApiService::handle(const ApiRequest& request) const {
  std::string_view path = request.target.substr(0, request.target.find('?'));
  if (!path.starts_with(kApiPrefix) ||
      (path.size() > kApiPrefix.size() && path[kApiPrefix.size()] != '/')) {
    return unmatched(request.method, {}, path);
  }
  path.remove_prefix(kApiPrefix.size());
  auto segments = split_path(path);
  if (!segments) {
    return error_answer(model_.errors().make(
        ErrorKind::kBadRequest, {{"reason", "malformed percent-encoding or control "
                                            "characters in the path"}}));
  }
  const Route* path_match = nullptr;
  for (const Route& route : routes_) {
    if (!path_matches(*route.operation, *segments)) continue;
    path_match = &route;
    if (route.operation->method == request.method) return dispatch(route, *segments, request);
  }
  if (path_match == nullptr) return unmatched(request.method, *segments, request.target);

  std::string allowed;
  for (const Route& route : routes_) {
    if (path_matches(*route.operation, *segments)) {
      allowed += (allowed.empty() ? "" : ", ") + route.operation->method;
    }
  }
  ApiAnswer answer = error_answer(model_.errors().make(
      ErrorKind::kMethodNotAllowed,
      {{"method", request.method}, {"path", path_match->operation->path_template()},
       {"allowed", allowed}}));
  answer.headers.emplace_back("Allow", allowed);
  answer.closest_operation = path_match->operation->name;
  answer.unmatched_reason = "method " + std::string(request.method) + " is not " + allowed;
  return answer;
}

AuthResult ApiService::authenticate(const HeaderSource& headers, TimePoint now) const {
  Credentials credentials;
  const std::size_t auth_headers = headers.count("Authorization");
  if (auth_headers > 0) credentials.authorization = headers.value("Authorization");
  credentials.duplicated = auth_headers > 1;
  return model_.authenticate(credentials, now);
}

std::string ApiService::resolve_user_id(std::string_view user_ref,
                                        const HeaderSource& headers) const {
  if (user_ref.empty()) return {};
  const AccessToken* caller = nullptr;
  const AuthResult auth = user_ref == "me" ? authenticate(headers, clock_()) : AuthResult{};
  if (const auto* found = std::get_if<Caller>(&auth)) caller = found->get();
  return model_.resolve_user(caller, user_ref).value_or("");
}

ApiService::Located ApiService::locate(std::string_view method, std::string_view target) const {
  Located located;
  std::string_view path = target.substr(0, target.find('?'));
  if (!path.starts_with(kApiPrefix)) return located;
  path.remove_prefix(kApiPrefix.size());
  const auto segments = split_path(path);
  if (!segments) return located;
  for (const Route& route : routes_) {
    if (!path_matches(*route.operation, *segments)) continue;
    for (std::size_t i = 0; i < route.operation->path.size(); ++i) {
      if (route.operation->path[i] == ":userId") located.user_ref = (*segments)[i];
    }
    if (route.operation->method == method) {
      located.operation = route.operation->name;
      break;
    }
  }
  return located;
}

ApiAnswer ApiService::unmatched(std::string_view method, const std::vector<std::string>& segments,
                                std::string_view path) const {
  ApiAnswer answer = error_answer(model_.errors().make(
      ErrorKind::kUnknownEndpoint,
      {{"method", method}, {"path", path.substr(0, path.find('?'))}}));
  // The nearest operation: same method first, then the most path segments
  // in common, so the journal can say why a request did not match.
  const Route* best = nullptr;
  int best_score = -1;
  for (const Route& route : routes_) {
    const Operation& op = *route.operation;
    int score = op.method == method ? 100 : 0;
    for (std::size_t i = 0; i < std::min(op.path.size(), segments.size()); ++i) {
      if (op.path[i] == segments[i] || op.path[i].starts_with(':')) score += 10;
    }
    score -= static_cast<int>(op.path.size() > segments.size() ? op.path.size() - segments.size()
                                                              : segments.size() - op.path.size());
    if (score > best_score) {
      best_score = score;
      best = &route;
    }
  }
  if (best != nullptr) {
    answer.closest_operation = best->operation->name;
    answer.unmatched_reason = "path " + std::string(path.substr(0, path.find('?'))) +
                              " does not have the shape " + std::string(kApiPrefix) +
                              best->operation->path_template();
    if (best->operation->method != method) {
      answer.unmatched_reason += ", and the method is " + best->operation->method;
    }
  }
  return answer;
}

ApiAnswer ApiService::dispatch(const Route& route, const std::vector<std::string>& segments,
                               const ApiRequest& request) const {
  const Operation& op = *route.operation;
  std::string user_ref;
  for (std::size_t i = 0; i < op.path.size(); ++i) {
    if (op.path[i] == ":userId") user_ref = segments[i];
  }

  const TimePoint now = clock_();
  ApiAnswer answer;
  const AuthResult auth = authenticate(request.headers, now);
  const AccessToken* caller = nullptr;
  if (const auto* auth_error = std::get_if<ApiError>(&auth)) {
    answer = error_answer(*auth_error);
  } else {
    caller = std::get<Caller>(auth).get();
    RateLimitVerdict verdict;
    if (rate_limiter_ != nullptr && rate_limiter_->enabled()) {
      verdict = rate_limiter_->admit(model_.account_of(*caller), op.rate_limit_label, now);
    }
    std::optional<ApiAnswer> preferred;
    if (!verdict.allowed) {
      answer = rate_limited(op, verdict);
    } else if (request.headers.count("Prefer") > 0 &&
               (preferred = preferred_answer(op, request.headers.value("Prefer"), user_ref))) {
      const auto scope_error = model_.check_scopes(*caller, route.scopes);
      answer = scope_error ? error_answer(*scope_error) : std::move(*preferred);
    } else {
      const std::optional<ApiError> error =
          route.revokes_sso_token ? model_.revoke_sso_token(*caller, user_ref, route.scopes, now)
                                  : model_.check_scopes(*caller, route.scopes);
      answer = error ? error_answer(*error) : success_answer(op);
    }
  }
  answer.operation = op.name;
  if (!user_ref.empty()) {
    answer.user_id = model_.resolve_user(caller, user_ref).value_or("");
    answer.user_ref = std::move(user_ref);
  }
  return answer;
}

ApiAnswer ApiService::rate_limited(const Operation& op, const RateLimitVerdict& verdict) const {
  const bool daily = verdict.type == "Daily-limit";
  const std::string limit = std::to_string(verdict.limit);
  ApiAnswer answer = error_answer(
      daily ? model_.errors().make(ErrorKind::kRateLimitDaily,
                                   {{"limit", limit}, {"label", op.rate_limit_label}})
            : model_.errors().entry(ErrorKind::kRateLimitPerSecond));
  answer.headers.emplace_back("X-RateLimit-Category", op.rate_limit_label);
  answer.headers.emplace_back("X-RateLimit-Type", verdict.type);
  answer.headers.emplace_back("X-RateLimit-Limit", limit);
  answer.headers.emplace_back("X-RateLimit-Remaining", std::to_string(verdict.remaining));
  answer.headers.emplace_back("Retry-After", daily ? http_date(verdict.window_end)
                                                   : std::to_string(verdict.retry_after_seconds));
  return answer;
}

std::optional<ApiAnswer> ApiService::preferred_answer(const Operation& op,
                                                      std::string_view prefer,
                                                      std::string_view user_ref) const {
  // Prefer: code=404, example="name" (RFC 7240 preferences, comma separated).
  std::optional<std::string> code;
  std::optional<std::string> example;
  while (!prefer.empty()) {
    const auto comma = prefer.find_first_of(",;");
    std::string_view item = prefer.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const auto eq = item.find('=');
    if (eq != std::string_view::npos) {
      const std::string_view key = item.substr(0, eq);
      std::string_view value = item.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      if (key == "code") code = std::string(value);
      if (key == "example") example = std::string(value);
    }
    if (comma == std::string_view::npos) break;
    prefer.remove_prefix(comma + 1);
  }
  if (!code && !example) return std::nullopt;

  const DocumentedResponse* chosen = nullptr;
  if (example) {
    chosen = op.response_named(*example);
    if (chosen == nullptr) {
      // Postman names carry Markdown; a unique case-insensitive part will do.
      const std::string wanted = lower_ascii(*example);
      for (const DocumentedResponse& response : op.responses) {
        if (lower_ascii(response.name).find(wanted) == std::string::npos) continue;
        if (chosen != nullptr) {
          chosen = nullptr;
          break;
        }
        chosen = &response;
      }
    }
  }
  if (code && (chosen == nullptr || std::to_string(chosen->http_status) != *code)) {
    chosen = nullptr;
    for (const DocumentedResponse& response : op.responses) {
      if (std::to_string(response.http_status) == *code &&
          (!example || lower_ascii(response.name).find(lower_ascii(*example)) !=
                           std::string::npos)) {
        chosen = &response;
        break;
      }
    }
  }
  if (chosen == nullptr) {
    std::string documented;
    for (const DocumentedResponse& response : op.responses) {
      if (!documented.empty()) documented += ", ";
      documented += std::to_string(response.http_status);
      if (example) documented += " \"" + response.message + "\"";
    }
    std::string preference = code ? "code=" + *code : "";
    if (example) preference += (preference.empty() ? "" : ", ") + ("example=" + *example);
    return error_answer(model_.errors().make(
        ErrorKind::kUndocumentedPreference,
        {{"preference", preference}, {"operation", op.name}, {"documented", documented}}));
  }

  ApiAnswer answer;
  answer.status = chosen->http_status;
  if (chosen->error_code) {
    answer = error_answer(ApiError{chosen->http_status, *chosen->error_code,
                                   fill_template(chosen->message, {{"userId", user_ref}})});
    return answer;
  }
  if (!chosen->body.empty() && chosen->http_status != 204) {
    answer.body = chosen->body;
    answer.content_type =
        chosen->content_type.empty() ? std::string(kJsonContentType) : chosen->content_type;
  }
  answer.headers.emplace_back("x-zm-trackingid", next_tracking_id());
  return answer;
}

ApiAnswer ApiService::success_answer(const Operation& op) const {
  ApiAnswer answer;
  answer.status = 204;
  // An operation without a rule of its own answers its first documented
  // success; the revoke's documented success is its 204.
  for (const DocumentedResponse& response : op.responses) {
    if (response.http_status < 200 || response.http_status > 299) continue;
    answer.status = response.http_status;
    if (response.http_status != 204 && !response.body.empty()) {
      answer.body = response.body;
      answer.content_type =
          response.content_type.empty() ? std::string(kJsonContentType) : response.content_type;
    }
    break;
  }
  answer.headers.emplace_back("x-zm-trackingid", next_tracking_id());
  return answer;
}

}  // namespace zoom_mock
