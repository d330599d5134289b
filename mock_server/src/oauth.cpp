#include "zoom_mock/oauth.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>

namespace zoom_mock {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string random_token() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char text[48];
  std::snprintf(text, sizeof text, "mock-s2s-%016llx%016llx",
                static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return text;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      pairs.emplace_back(form_decode(pair.substr(0, eq)),
                         eq == std::string_view::npos ? "" : form_decode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return pairs;
}

std::optional<std::string> decode_base64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if (bits >= 6) return std::nullopt;  // a single leftover character
  return out;
}

ApiAnswer OAuthService::error(ErrorKind kind, std::string_view grant_type) const {
  const ApiError entry = errors_.make(kind, {{"grant_type", grant_type}});
  ApiAnswer answer;
  answer.status = entry.http_status;
  answer.content_type = std::string(kJsonContentType);
  answer.body = nlohmann::json{{"reason", entry.message}, {"error", oauth_error_name(kind)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  answer.headers.emplace_back("x-zm-trackingid", api_.next_tracking_id());
  answer.operation = std::string(kOAuthOperation);
  return answer;
}

ApiAnswer OAuthService::handle(const ApiRequest& request, std::string_view origin) const {
  // Parameters come from the query string and from a form body alike.
  std::vector<std::pair<std::string, std::string>> params;
  if (const auto q = request.target.find('?'); q != std::string_view::npos) {
    params = parse_form(request.target.substr(q + 1));
  }
  for (auto& pair : parse_form(request.body)) params.push_back(std::move(pair));
  auto param = [&](std::string_view name) -> std::optional<std::string> {
    for (const auto& [key, value] : params) {
      if (key == name) return value;
    }
    return std::nullopt;
  };

  // Client authentication: HTTP Basic base64(client_id:client_secret).
  std::optional<OAuthApp> app;
  if (request.headers.count("Authorization") == 1) {
    std::string_view header = request.headers.value("Authorization");
    if (header.size() > 6 && equals_ignoring_case(header.substr(0, 6), "basic ")) {
      header.remove_prefix(6);
      while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
      if (const auto decoded = decode_base64(header)) {
        const auto colon = decoded->find(':');
        if (colon != std::string::npos) {
          app = world_.find_oauth_app(decoded->substr(0, colon));
          if (app && app->client_secret != decoded->substr(colon + 1)) app.reset();
        }
      }
    }
  }
  if (!app) return error(ErrorKind::kOAuthInvalidClient);

  const auto grant_type = param("grant_type");
  if (!grant_type || grant_type->empty()) return error(ErrorKind::kOAuthMissingGrantType);
  if (*grant_type != "account_credentials") {
    return error(ErrorKind::kOAuthUnsupportedGrantType, *grant_type);
  }
  const auto account_id = param("account_id");
  if (!account_id || account_id->empty()) return error(ErrorKind::kOAuthMissingAccountId);
  if (*account_id != app->account_id) return error(ErrorKind::kOAuthInvalidAccountId);

  const TimePoint now = clock_();
  AccessToken token;
  token.access_token = random_token();
  token.scopes = app->scopes;
  token.expires_at = now + std::chrono::seconds(app->token_ttl_seconds);
  token.account_id = app->account_id;
  token.issued_to = app->client_id;
  token.description = "issued by /oauth/token to " + app->client_id;
  world_.add_issued_token(token, now);  // 128 random bits: never a duplicate

  std::string scope;
  for (const std::string& s : app->scopes) scope += (scope.empty() ? "" : " ") + s;
  ApiAnswer answer;
  answer.status = 200;
  answer.content_type = std::string(kJsonContentType);
  answer.body = nlohmann::json{{"access_token", token.access_token},
                               {"token_type", "bearer"},
                               {"expires_in", app->token_ttl_seconds},
                               {"scope", scope},
                               {"api_url", origin}}
                    .dump();
  answer.headers.emplace_back("x-zm-trackingid", api_.next_tracking_id());
  answer.headers.emplace_back("Cache-Control", "no-store");
  answer.operation = std::string(kOAuthOperation);
  return answer;
}

}  // namespace zoom_mock
