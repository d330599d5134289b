#include "expectations.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace zoom_contract {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string json_string(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

void check_error_body(const ExpectedResponse& expected, const std::string& body,
                      std::vector<std::string>& found) {
  if (body.empty()) {
    found.push_back("body: expected Zoom's error JSON {\"code\",\"message\"}, got an empty body");
    return;
  }
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    found.push_back("body: expected a JSON object {\"code\",\"message\"}, got something else");
    return;
  }
  for (const auto& [key, value] : parsed.items()) {
    if (key != "code" && key != "message" && key != "errors") {
      found.push_back("body: unexpected field " + json_string(key) +
                      " (Zoom's errors hold code, "
                      "message and, for validation failures, errors)");
    }
  }
  const auto code = parsed.find("code");
  if (code == parsed.end()) {
    found.push_back("body: \"code\" is missing");
  } else if (!code->is_number_integer()) {
    found.push_back("body: \"code\" must be an integer, got " + code->dump());
  } else if (expected.code && code->get<long long>() != *expected.code) {
    found.push_back("body: code expected " + std::to_string(*expected.code) + ", got " +
                    code->dump());
  }
  const auto message = parsed.find("message");
  if (message == parsed.end()) {
    found.push_back("body: \"message\" is missing");
  } else if (!message->is_string()) {
    found.push_back("body: \"message\" must be a string, got " + message->dump());
  } else if (expected.message && message->get<std::string>() != *expected.message) {
    found.push_back("body: message expected " + json_string(*expected.message) + ", got " +
                    message->dump());
  }
  const auto errors = parsed.find("errors");
  if (errors != parsed.end() && !errors->is_array()) {
    found.push_back("body: \"errors\" must be an array, got " + errors->dump());
  }
}

}  // namespace

std::string ExpectedResponse::describe() const {
  std::string text = std::to_string(status);
  if (is_error()) {
    nlohmann::json body = nlohmann::json::object();
    body["code"] = code ? nlohmann::json(*code) : nlohmann::json("<integer>");
    body["message"] = message ? *message : std::string("<string>");
    text.append(" ").append(body.dump()).append(", Content-Type application/json;charset=UTF-8");
  } else if (status == 204) {
    text += " with no body";
  }
  return text + ", x-zm-trackingid";
}

bool is_json_utf8(std::string_view content_type) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t semicolon = content_type.find(';');
    parts.push_back(trim(content_type.substr(0, semicolon)));
    if (semicolon == std::string_view::npos) break;
    content_type.remove_prefix(semicolon + 1);
  }
  if (lower(parts.front()) != "application/json") return false;
  bool utf8 = false;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::size_t equals = parts[i].find('=');
    if (equals == std::string_view::npos) continue;
    if (lower(trim(parts[i].substr(0, equals))) != "charset") continue;
    std::string_view value = trim(parts[i].substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    utf8 = lower(value) == "utf-8";
  }
  return utf8;
}

std::vector<std::string> mismatches(const ExpectedResponse& expected,
                                    const zoom_client::RawResponse& actual) {
  std::vector<std::string> found;
  if (actual.status != expected.status) {
    found.push_back("status: expected " + std::to_string(expected.status) + ", got " +
                    std::to_string(actual.status));
  }
  const std::string* tracking_id = actual.headers.find("x-zm-trackingid");
  if (tracking_id == nullptr || tracking_id->empty()) {
    found.push_back("headers: x-zm-trackingid is missing");
  }
  if (expected.is_error()) {
    const std::string* content_type = actual.headers.find("Content-Type");
    if (content_type == nullptr) {
      found.push_back("headers: Content-Type is missing, expected application/json;charset=UTF-8");
    } else if (!is_json_utf8(*content_type)) {
      found.push_back("headers: Content-Type expected application/json;charset=UTF-8, got " +
                      json_string(*content_type));
    }
    check_error_body(expected, actual.body, found);
  } else if (expected.status == 204 && !actual.body.empty()) {
    found.push_back("body: expected none on 204, got " + std::to_string(actual.body.size()) +
                    " bytes");
  }
  return found;
}

}  // namespace zoom_contract
