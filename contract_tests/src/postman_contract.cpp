#include "postman_contract.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace zoom_contract {
namespace {

using nlohmann::json;

// Everything a reading error needs to name where it happened.
struct Place {
  const std::filesystem::path& source;
  std::string where;  // JSON pointer, "" for the document itself

  Place at(const std::string& key) const { return {source, where + "/" + key}; }
  Place at(std::size_t index) const { return at(std::to_string(index)); }

  [[noreturn]] void fail(const std::string& problem) const {
    throw ContractError(source.string() + ": " + (where.empty() ? "top level" : where) + ": " +
                        problem);
  }
};

std::string trim(std::string_view text) {
  const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!text.empty() && is_space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && is_space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

const std::string* optional_string(const json& object, const char* key, const Place& place) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return nullptr;
  if (!found->is_string()) place.at(key).fail("must be a string");
  return found->get_ptr<const std::string*>();
}

// Postman writes a description either as a string or as {"content": ...}.
std::string description_of(const json& object, const Place& place) {
  const auto found = object.find("description");
  if (found == object.end() || found->is_null()) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_object()) {
    const std::string* content = optional_string(*found, "content", place.at("description"));
    return content ? *content : std::string();
  }
  place.at("description").fail("must be a string or an object with \"content\"");
}

// "**Scopes:** `user:write:admin`, `user:write`<br>**[Rate Limit..." →
// {"user:write:admin", "user:write"}. Only the classic scopes line: Zoom's
// "**Granular Scopes:**" line is a different set.
std::vector<std::string> scopes_in(const std::string& description) {
  static constexpr std::string_view kLabel = "**Scopes:**";
  std::size_t start = 0;
  for (;;) {
    start = description.find(kLabel, start);
    if (start == std::string::npos) return {};
    const bool granular = start >= 9 && description.compare(start - 9, 9, "Granular ") == 0;
    if (!granular) break;
    start += kLabel.size();
  }
  start += kLabel.size();
  std::size_t end = description.size();
  for (const std::string_view stop : {"<br>", "\n", "**"}) {
    end = std::min(end, description.find(stop, start));
  }
  std::vector<std::string> scopes;
  std::size_t open = description.find('`', start);
  while (open != std::string::npos && open < end) {
    const std::size_t close = description.find('`', open + 1);
    if (close == std::string::npos || close > end) break;
    if (close > open + 1) scopes.push_back(description.substr(open + 1, close - open - 1));
    open = description.find('`', close + 1);
  }
  return scopes;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) segments.emplace_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// "{{baseUrl}}/users/:userId/token?x=1" or "https://api.zoom.us/v2/users/..."
// → the segments below the base URL. Zoom's collections always start with
// {{baseUrl}}, which stands for https://api.zoom.us/v2.
std::vector<std::string> path_from_raw(std::string raw) {
  raw = raw.substr(0, raw.find_first_of("?#"));
  if (raw.starts_with("{{")) {
    const std::size_t close = raw.find("}}");
    raw = close == std::string::npos ? std::string() : raw.substr(close + 2);
  } else if (const std::size_t scheme = raw.find("://"); scheme != std::string::npos) {
    const std::size_t path = raw.find('/', scheme + 3);
    raw = path == std::string::npos ? std::string() : raw.substr(path);
    if (raw.starts_with("/v2/") || raw == "/v2") raw = raw.substr(3);
  }
  return split_path(raw);
}

std::vector<std::string> path_of(const json& url, const Place& place) {
  if (url.is_string()) return path_from_raw(url.get<std::string>());
  if (!url.is_object()) place.fail("must be a string or a Postman URL object");
  const auto path = url.find("path");
  if (path == url.end()) {
    const std::string* raw = optional_string(url, "raw", place);
    if (!raw) place.fail("has neither \"path\" nor \"raw\"");
    return path_from_raw(*raw);
  }
  if (path->is_string()) return split_path(path->get<std::string>());
  if (!path->is_array()) place.at("path").fail("must be an array of path segments");
  std::vector<std::string> segments;
  for (std::size_t i = 0; i < path->size(); ++i) {
    const json& segment = (*path)[i];
    if (segment.is_string()) {
      segments.push_back(segment.get<std::string>());
    } else if (segment.is_object() && segment.contains("value") && segment["value"].is_string()) {
      segments.push_back(segment["value"].get<std::string>());
    } else {
      place.at("path").at(i).fail("must be a string");
    }
  }
  return segments;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 429:
      return "Too Many Requests";
    default:
      return "";
  }
}

// The first non-empty line of `text`, lines being separated by newlines or
// "<br>": the message Zoom documents right after an error code.
std::string first_line(std::string_view text) {
  while (!text.empty()) {
    std::size_t end = std::min(text.find("<br>"), text.find('\n'));
    const std::string line = trim(text.substr(0, end));
    if (!line.empty()) return line;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + (text.compare(end, 4, "<br>") == 0 ? 4 : 1));
  }
  return {};
}

struct ErrorEntry {
  int code = 0;
  std::string message;
};

// "**HTTP Status Code:** `404` **Not Found**<br><br>\n**Error Code:** `1001`<br>\n
// User does not exist: $userId.\n" → {{1001, "User does not exist: $userId."}}.
std::vector<ErrorEntry> error_entries_in(const std::string& name, const Place& place) {
  static constexpr std::string_view kLabel = "**Error Code:**";
  std::vector<ErrorEntry> entries;
  std::size_t at = name.find(kLabel);
  while (at != std::string::npos) {
    std::size_t cursor = at + kLabel.size();
    while (cursor < name.size() && name[cursor] == ' ') ++cursor;
    const std::size_t close = cursor < name.size() && name[cursor] == '`'
                                  ? name.find('`', cursor + 1)
                                  : std::string::npos;
    const std::string digits =
        close == std::string::npos ? std::string() : name.substr(cursor + 1, close - cursor - 1);
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(),
                     [](unsigned char c) { return std::isdigit(c); })) {
      place.fail("\"**Error Code:**\" is not followed by a number in backticks");
    }
    const std::size_t next = name.find(kLabel, close);
    const std::string_view rest = std::string_view(name).substr(
        close + 1, next == std::string::npos ? std::string::npos : next - close - 1);
    entries.push_back({std::stoi(digits), first_line(rest)});
    at = next;
  }
  return entries;
}

std::vector<DocumentedResponse> read_response(const json& response, const Place& place) {
  if (!response.is_object()) place.fail("must be an object (a Postman response)");
  const auto code = response.find("code");
  if (code == response.end())
    place.at("code").fail("missing: a documented response needs its HTTP status");
  if (!code->is_number_integer()) place.at("code").fail("must be an integer HTTP status");
  const long long documented_status = code->get<long long>();
  if (documented_status < 100 || documented_status > 599) {
    place.at("code").fail("HTTP status must be 100-599");
  }
  const int status = static_cast<int>(documented_status);

  const std::string* name = optional_string(response, "name", place);
  const std::string* status_text = optional_string(response, "status", place);
  const std::string reason = status_text ? *status_text : reason_phrase(status);
  const std::string base_summary = std::to_string(status) + (reason.empty() ? "" : " " + reason);

  std::vector<ErrorEntry> entries =
      name ? error_entries_in(*name, place.at("name")) : std::vector<ErrorEntry>{};
  if (entries.empty()) {
    // No error code in the name: an example body in Zoom's error shape
    // documents one too.
    if (const std::string* body = optional_string(response, "body", place);
        body && !body->empty()) {
      const json parsed = json::parse(*body, nullptr, false);
      const bool zoom_error = parsed.is_object() && parsed.contains("code") &&
                              parsed["code"].is_number_integer() &&
                              parsed["code"].get<long long>() >= 0 &&
                              parsed["code"].get<long long>() <= 999'999'999 &&
                              parsed.contains("message") && parsed["message"].is_string();
      if (zoom_error) {
        entries.push_back({parsed["code"].get<int>(), parsed["message"].get<std::string>()});
      }
    }
  }
  if (entries.empty()) return {{status, std::nullopt, std::nullopt, base_summary, place.where}};

  std::vector<DocumentedResponse> documented;
  for (ErrorEntry& entry : entries) {
    documented.push_back(
        {status, entry.code,
         entry.message.empty() ? std::nullopt : std::optional<std::string>(entry.message),
         base_summary + ", Error Code " + std::to_string(entry.code), place.where});
  }
  return documented;
}

Operation read_item(const json& item, const Place& place) {
  Operation operation;
  operation.source = place.source;
  operation.where = place.where;
  const std::string* name = optional_string(item, "name", place);
  if (!name || trim(*name).empty()) place.at("name").fail("missing: an item needs a name");
  operation.name = *name;

  const json& request = item["request"];
  const Place request_place = place.at("request");
  if (request.is_string()) {
    operation.method = "GET";
    operation.path = path_from_raw(request.get<std::string>());
  } else if (request.is_object()) {
    const std::string* method = optional_string(request, "method", request_place);
    operation.method = method ? *method : "GET";  // Postman's default
    if (operation.method.empty()) request_place.at("method").fail("must not be empty");
    std::transform(operation.method.begin(), operation.method.end(), operation.method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const auto url = request.find("url");
    if (url == request.end()) request_place.at("url").fail("missing: an item needs a URL");
    operation.path = path_of(*url, request_place.at("url"));
    operation.scopes = scopes_in(description_of(request, request_place));
  } else {
    request_place.fail("must be an object or a URL string");
  }
  if (operation.scopes.empty()) operation.scopes = scopes_in(description_of(item, place));

  const auto responses = item.find("response");
  if (responses != item.end() && !responses->is_null()) {
    if (!responses->is_array()) place.at("response").fail("must be an array of responses");
    for (std::size_t i = 0; i < responses->size(); ++i) {
      for (DocumentedResponse& documented :
           read_response((*responses)[i], place.at("response").at(i))) {
        operation.responses.push_back(std::move(documented));
      }
    }
  }
  return operation;
}

void walk(const json& node, const Place& place, std::vector<Operation>& into) {
  if (!node.is_object()) place.fail("must be an object (a Postman item, folder or collection)");
  if (node.contains("request")) {
    into.push_back(read_item(node, place));
    return;
  }
  const auto items = node.find("item");
  if (items == node.end()) {
    place.fail("neither a Postman item (no \"request\") nor a collection or folder (no \"item\")");
  }
  if (!items->is_array()) place.at("item").fail("must be an array of items");
  for (std::size_t i = 0; i < items->size(); ++i) walk((*items)[i], place.at("item").at(i), into);
}

}  // namespace

std::string Operation::signature() const {
  std::string text = method + " ";
  for (const std::string& segment : path) text += "/" + segment;
  return path.empty() ? text + "/" : text;
}

std::vector<std::string> Operation::path_variables() const {
  std::vector<std::string> names;
  for (const std::string& segment : path) {
    if (segment.size() > 1 && segment.front() == ':') names.push_back(segment.substr(1));
  }
  return names;
}

std::vector<Operation> read_postman(const json& document, const std::filesystem::path& source) {
  std::vector<Operation> operations;
  walk(document, Place{source, ""}, operations);
  return operations;
}

std::vector<Operation> read_postman_dir(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    throw ContractError(dir.string() + ": not a directory of Postman items");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  std::vector<Operation> operations;
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ContractError(file.string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    json document;
    try {
      document = json::parse(text.str());
    } catch (const json::parse_error& parse_error) {
      throw ContractError(file.string() + ": not valid JSON: " + parse_error.what());
    }
    for (Operation& operation : read_postman(document, file)) {
      operations.push_back(std::move(operation));
    }
  }
  if (operations.empty()) {
    throw ContractError(dir.string() + ": no Postman item in any *.json file");
  }
  return operations;
}

std::string fill_placeholders(const std::string& text,
                              const std::vector<std::pair<std::string, std::string>>& values) {
  const auto is_name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [name, value] : values) {
      for (const std::string& form : {"{{" + name + "}}", "{" + name + "}", "$" + name}) {
        if (text.compare(i, form.size(), form) != 0) continue;
        const std::size_t after = i + form.size();
        if (form.front() == '$' && after < text.size() && is_name_char(text[after])) continue;
        out += value;
        i = after;
        replaced = true;
        break;
      }
      if (replaced) break;
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace zoom_contract
