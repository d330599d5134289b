#include "zoom_mock/request_pattern.h"

#include "zoom_mock/fixtures.h"

namespace zoom_mock {
namespace {

using nlohmann::json;

// Regular expressions run on request paths of up to the server's URI limit;
// longer subjects never match (libstdc++'s matcher recurses per character).
constexpr std::size_t kMaxRegexSubject = 4096;

std::regex compile(const json& value, const std::string& at) {
  if (!value.is_string()) throw FieldError(at, "must be a regular expression string");
  try {
    return std::regex(value.get<std::string>(), std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    throw FieldError(at, "invalid regular expression: " + std::string(error.what()));
  }
}

bool regex_full_match(const std::regex& re, std::string_view subject) {
  if (subject.size() > kMaxRegexSubject) return false;
  return std::regex_match(subject.begin(), subject.end(), re);
}

std::string text(const json& value, const std::string& at) {
  if (!value.is_string()) throw FieldError(at, "must be a string");
  return value.get<std::string>();
}

}  // namespace

StringMatcher StringMatcher::from_json(const json& value, const std::string& at) {
  if (!value.is_object() || value.size() != 1) {
    throw FieldError(at, "must be one of {\"equalTo\": ...}, {\"contains\": ...}, "
                         "{\"matches\": ...}, {\"absent\": true}");
  }
  StringMatcher matcher;
  const std::string key = value.begin().key();
  const json& operand = value.begin().value();
  if (key == "equalTo") {
    matcher.kind_ = Kind::kEqualTo;
    matcher.operand_ = text(operand, at + "/equalTo");
  } else if (key == "contains") {
    matcher.kind_ = Kind::kContains;
    matcher.operand_ = text(operand, at + "/contains");
  } else if (key == "matches") {
    matcher.kind_ = Kind::kMatches;
    matcher.operand_ = text(operand, at + "/matches");
    matcher.regex_ = compile(operand, at + "/matches");
  } else if (key == "absent") {
    if (!operand.is_boolean() || !operand.get<bool>()) {
      throw FieldError(at + "/absent", "must be true");
    }
    matcher.kind_ = Kind::kAbsent;
  } else {
    throw FieldError(at + "/" + key, "unknown matcher \"" + key +
                                         "\" (use equalTo, contains, matches or absent)");
  }
  return matcher;
}

json StringMatcher::to_json() const {
  switch (kind_) {
    case Kind::kEqualTo:
      return {{"equalTo", operand_}};
    case Kind::kContains:
      return {{"contains", operand_}};
    case Kind::kMatches:
      return {{"matches", operand_}};
    case Kind::kAbsent:
      return {{"absent", true}};
  }
  return nullptr;
}

bool StringMatcher::matches(std::optional<std::string_view> value) const {
  if (kind_ == Kind::kAbsent) return !value.has_value();
  if (!value) return false;
  switch (kind_) {
    case Kind::kEqualTo:
      return *value == operand_;
    case Kind::kContains:
      return value->find(operand_) != std::string_view::npos;
    case Kind::kMatches:
      return regex_full_match(*regex_, *value);
    case Kind::kAbsent:
      break;
  }
  return false;
}

RequestPattern RequestPattern::from_json(const json& value, const std::string& at) {
  if (!value.is_object()) throw FieldError(at.empty() ? "/" : at, "must be a JSON object");
  RequestPattern pattern;
  for (const auto& [key, field] : value.items()) {
    const std::string path = at + "/" + key;
    if (key == "method") {
      std::string method = text(field, path);
      if (method.empty()) throw FieldError(path, "must not be empty");
      if (method != "ANY") pattern.method_ = std::move(method);
    } else if (key == "url") {
      pattern.url_ = text(field, path);
    } else if (key == "urlPath") {
      pattern.url_path_ = text(field, path);
    } else if (key == "urlPathPattern") {
      pattern.url_path_pattern_text_ = text(field, path);
      pattern.url_path_pattern_ = compile(field, path);
    } else if (key == "urlPattern") {
      pattern.url_pattern_text_ = text(field, path);
      pattern.url_pattern_ = compile(field, path);
    } else if (key == "headers") {
      if (!field.is_object()) throw FieldError(path, "must map header names to matchers");
      for (const auto& [name, matcher] : field.items()) {
        pattern.headers_.emplace(name, StringMatcher::from_json(matcher, path + "/" + name));
      }
    } else if (key == "userId") {
      pattern.user_id_ = text(field, path);
    } else {
      throw FieldError(path, "unknown field \"" + key +
                                 "\" (allowed: method, url, urlPath, urlPathPattern, "
                                 "urlPattern, headers, userId)");
    }
  }
  return pattern;
}

json RequestPattern::to_json() const {
  json out = json::object();
  if (method_) out["method"] = *method_;
  if (url_) out["url"] = *url_;
  if (url_path_) out["urlPath"] = *url_path_;
  if (url_path_pattern_text_) out["urlPathPattern"] = *url_path_pattern_text_;
  if (url_pattern_text_) out["urlPattern"] = *url_pattern_text_;
  if (!headers_.empty()) {
    json headers = json::object();
    for (const auto& [name, matcher] : headers_) headers[name] = matcher.to_json();
    out["headers"] = headers;
  }
  if (user_id_) out["userId"] = *user_id_;
  return out;
}

bool RequestPattern::matches(const RequestFacts& request) const {
  if (method_ && *method_ != request.method) return false;
  auto either_path = [&](auto&& predicate) {
    return predicate(request.raw_path) || predicate(request.decoded_path);
  };
  if (url_path_ && !either_path([&](std::string_view p) { return p == *url_path_; })) {
    return false;
  }
  if (url_path_pattern_ &&
      !either_path([&](std::string_view p) { return regex_full_match(*url_path_pattern_, p); })) {
    return false;
  }
  if (url_ || url_pattern_) {
    auto with_query = [&](std::string_view p) {
      std::string url(p);
      if (!request.query.empty()) url.append("?").append(request.query);
      return url;
    };
    if (url_ && !either_path([&](std::string_view p) { return with_query(p) == *url_; })) {
      return false;
    }
    if (url_pattern_ && !either_path([&](std::string_view p) {
          return regex_full_match(*url_pattern_, with_query(p));
        })) {
      return false;
    }
  }
  for (const auto& [name, matcher] : headers_) {
    std::optional<std::string_view> value;
    if (request.headers != nullptr && request.headers->count(name) > 0) {
      value = request.headers->value(name);
    }
    if (!matcher.matches(value)) return false;
  }
  if (user_id_) {
    const bool email = user_id_->find('@') != std::string::npos;
    const bool literal = email ? lower_ascii(*user_id_) == lower_ascii(request.user_ref)
                               : *user_id_ == request.user_ref;
    const bool same_user = !bound_user_id_.empty() && bound_user_id_ == request.user_id;
    if (!literal && !same_user) return false;
  }
  return true;
}

void RequestPattern::bind_user(const World& world) {
  if (!user_id_ || *user_id_ == "me") return;
  bound_user_id_ = world.find_user_id(*user_id_).value_or("");
}

}  // namespace zoom_mock
