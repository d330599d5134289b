#include "zoom_mock/contract.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace zoom_mock {
namespace {

using nlohmann::json;

const json& member(const json& object, const std::string& key, const std::string& at,
                   json::value_t type, std::string_view type_name) {
  if (!object.contains(key)) {
    throw ContractError(at + "/" + key, "missing field \"" + key + "\"");
  }
  const json& value = object.at(key);
  if (value.type() != type) {
    throw ContractError(at + "/" + key, "\"" + key + "\" must be " + std::string(type_name));
  }
  return value;
}

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The backquoted words after `label` in Zoom's Markdown, up to the line end
// or <br>: "**Scopes:** `a`, `b`<br>" -> {"a", "b"}.
std::vector<std::string> backquoted_after(const std::string& text, const std::string& label) {
  std::vector<std::string> words;
  const auto start = text.find(label);
  if (start == std::string::npos) return words;
  auto end = text.find_first_of("\n", start);
  const auto br = text.find("<br>", start);
  if (br != std::string::npos && (end == std::string::npos || br < end)) end = br;
  const std::string line = text.substr(start, end == std::string::npos ? end : end - start);
  for (std::size_t open = line.find('`'); open != std::string::npos;) {
    const std::size_t close = line.find('`', open + 1);
    if (close == std::string::npos) break;
    if (close > open + 1) words.push_back(line.substr(open + 1, close - open - 1));
    open = line.find('`', close + 1);
  }
  return words;
}

DocumentedResponse parse_response(const json& response, const std::string& at) {
  if (!response.is_object()) throw ContractError(at, "a response must be an object");
  DocumentedResponse out;
  out.name = member(response, "name", at, json::value_t::string, "a string").get<std::string>();
  const json& code = response.contains("code") ? response.at("code") : json();
  if (!code.is_number_integer() || code.get<int>() < 100 || code.get<int>() > 599) {
    throw ContractError(at + "/code", "\"code\" must be an HTTP status (100-599)");
  }
  out.http_status = code.get<int>();

  // "**Error Code:** `1001`"
  if (const auto words = backquoted_after(out.name, "**Error Code:**"); !words.empty()) {
    const std::string& digits = words.front();
    if (!digits.empty() && digits.size() <= 9 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      out.error_code = std::stoi(digits);
    }
  }

  // The message is the last non-empty line after the final <br>.
  std::string tail = out.name;
  if (const auto br = tail.rfind("<br>"); br != std::string::npos) tail = tail.substr(br + 4);
  out.message = trim(tail);

  if (response.contains("header") && response.at("header").is_array()) {
    for (const json& header : response.at("header")) {
      if (header.is_object() && header.value("key", "") == "Content-Type" &&
          header.contains("value") && header.at("value").is_string()) {
        out.content_type = header.at("value").get<std::string>();
      }
    }
  }
  if (response.contains("body") && response.at("body").is_string()) {
    out.body = response.at("body").get<std::string>();
  }
  return out;
}

Operation parse_item(const json& item, const std::string& at, const std::string& source) {
  Operation op;
  op.source = source;
  op.name = member(item, "name", at, json::value_t::string, "a string").get<std::string>();
  const std::string request_at = at + "/request";
  const json& request = member(item, "request", at, json::value_t::object, "an object");
  op.method =
      member(request, "method", request_at, json::value_t::string, "a string").get<std::string>();
  const json& url = member(request, "url", request_at, json::value_t::object, "an object");
  const json& path = member(url, "path", request_at + "/url", json::value_t::array, "an array");
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (!path[i].is_string() || path[i].get<std::string>().empty()) {
      throw ContractError(request_at + "/url/path/" + std::to_string(i),
                          "path segments must be non-empty strings");
    }
    op.path.push_back(path[i].get<std::string>());
  }
  if (request.contains("description") && request.at("description").is_string()) {
    const std::string description = request.at("description").get<std::string>();
    op.scopes = backquoted_after(description, "**Scopes:**");
    const auto labels = backquoted_after(description, "Rate Limit Label");
    if (!labels.empty()) op.rate_limit_label = labels.front();
  }
  if (item.contains("response")) {
    const json& responses =
        member(item, "response", at, json::value_t::array, "an array of responses");
    for (std::size_t i = 0; i < responses.size(); ++i) {
      op.responses.push_back(parse_response(responses[i], at + "/response/" + std::to_string(i)));
    }
  }
  return op;
}

void parse_node(const json& node, const std::string& at, const std::string& source,
                Contract& into) {
  if (!node.is_object()) throw ContractError(at.empty() ? "/" : at, "expected an object");
  if (node.contains("item")) {
    const json& items = member(node, "item", at, json::value_t::array, "an array");
    for (std::size_t i = 0; i < items.size(); ++i) {
      parse_node(items[i], at + "/item/" + std::to_string(i), source, into);
    }
    return;
  }
  into.operations.push_back(parse_item(node, at, source));
}

}  // namespace

std::string Operation::path_template() const {
  std::string out;
  for (const std::string& segment : path) {
    out += '/';
    if (segment.starts_with(':')) {
      out.append("{").append(segment, 1).append("}");
    } else {
      out += segment;
    }
  }
  return out;
}

const DocumentedResponse* Operation::response_with_status(int http_status) const {
  for (const auto& response : responses) {
    if (response.http_status == http_status) return &response;
  }
  return nullptr;
}

const DocumentedResponse* Operation::response_named(std::string_view wanted) const {
  for (const auto& response : responses) {
    if (response.name == wanted) return &response;
  }
  return nullptr;
}

const Operation* Contract::find(std::string_view name) const {
  for (const auto& op : operations) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

void parse_postman(const nlohmann::json& document, const std::string& source, Contract& into) {
  parse_node(document, "", source, into);
}

}  // namespace zoom_mock
