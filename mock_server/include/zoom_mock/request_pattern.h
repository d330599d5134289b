// Request patterns in WireMock's vocabulary, used to verify what was called
// (journal counts) and to choose which requests a fault hits:
//
//   {"method": "DELETE", "urlPathPattern": "/v2/users/[^/]+/token",
//    "headers": {"Authorization": {"contains": "mock-admin"}},
//    "userId": "alice@example.com"}
//
// `url` matches path and query exactly; `urlPath` the path exactly;
// `urlPathPattern` / `urlPattern` are regular expressions over the whole
// path / path and query. Paths match either as sent or percent-decoded, so
// "/v2/users/bob+sso@example.com/token" matches a client that encoded the
// id. `userId` (an extension) matches the decoded {userId} of the route
// (e-mails case-insensitively) and, once bound to the world, any request
// designating the same user. Absent fields match anything.
//
// Immutable once parsed; safe to share across threads.
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "zoom_mock/api.h"

namespace zoom_mock {

// What a pattern is matched against: one request as the server saw it.
struct RequestFacts {
  std::string_view method;
  std::string_view raw_path;      // as sent, without the query
  std::string_view decoded_path;  // percent-decoded
  std::string_view query;         // without the '?'
  const HeaderSource* headers = nullptr;
  std::string_view user_ref;      // decoded {userId}, empty if none
  std::string_view user_id;       // the id of the user it designates, if known
};

class StringMatcher {
 public:
  enum class Kind { kEqualTo, kContains, kMatches, kAbsent };

  // {"equalTo": "x"} | {"contains": "x"} | {"matches": "re"} | {"absent": true};
  // throws FieldError naming `at`.
  static StringMatcher from_json(const nlohmann::json& value, const std::string& at);
  nlohmann::json to_json() const;

  // `value` is nullopt when the header is absent.
  bool matches(std::optional<std::string_view> value) const;

 private:
  Kind kind_ = Kind::kEqualTo;
  std::string operand_;
  std::optional<std::regex> regex_;
};

class RequestPattern {
 public:
  RequestPattern() = default;  // matches every request
  // Throws FieldError whose path starts with `at`.
  static RequestPattern from_json(const nlohmann::json& value, const std::string& at = "");
  nlohmann::json to_json() const;

  bool matches(const RequestFacts& request) const;
  bool needs_user_ref() const { return user_id_.has_value(); }
  // Resolves `userId` to the user it names now, so the pattern also matches
  // requests naming that user by its id, e-mail or `me`.
  void bind_user(const World& world);

 private:
  std::optional<std::string> method_;
  std::optional<std::string> url_;
  std::optional<std::string> url_path_;
  std::optional<std::string> url_path_pattern_text_;
  std::optional<std::regex> url_path_pattern_;
  std::optional<std::string> url_pattern_text_;
  std::optional<std::regex> url_pattern_;
  std::map<std::string, StringMatcher> headers_;
  std::optional<std::string> user_id_;
  std::string bound_user_id_;
};

}  // namespace zoom_mock
