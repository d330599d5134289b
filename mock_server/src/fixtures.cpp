#include "zoom_mock/fixtures.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace zoom_mock {
namespace {

using nlohmann::json;

// Reads fields of one JSON object, naming the path of any fault, and
// refusing fields it was not asked about (a misspelt field is a fault).
class ObjectReader {
 public:
  ObjectReader(const json& value, std::string at) : value_(value), at_(std::move(at)) {
    if (!value_.is_object()) throw FieldError(path(), "must be a JSON object");
  }

  std::string path() const { return at_.empty() ? "/" : at_; }
  std::string path(std::string_view key) const { return at_ + "/" + std::string(key); }

  const json* find(std::string_view key) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.push_back(key);
    auto it = value_.find(key);
    return it == value_.end() ? nullptr : &*it;
  }

  const json& require(std::string_view key) {
    const json* value = find(key);
    if (value == nullptr) throw FieldError(path(key), "missing required field");
    return *value;
  }

  std::string string(std::string_view key, bool required, bool allow_empty = false) {
    const json* value = required ? &require(key) : find(key);
    if (value == nullptr) return {};
    if (!value->is_string()) throw FieldError(path(key), "must be a string");
    std::string text = value->get<std::string>();
    if (!allow_empty && text.empty()) throw FieldError(path(key), "must not be empty");
    return text;
  }

  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max) {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer()) throw FieldError(path(key), "must be an integer");
    const auto number = value->get<std::int64_t>();
    if (number < min || number > max) {
      throw FieldError(path(key), "must be between " + std::to_string(min) + " and " +
                                      std::to_string(max));
    }
    return number;
  }

  std::optional<bool> boolean(std::string_view key) {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) throw FieldError(path(key), "must be true or false");
    return value->get<bool>();
  }

  std::optional<TimePoint> timestamp(std::string_view key) {
    const json* value = find(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_string()) throw FieldError(path(key), "must be an RFC 3339 timestamp string");
    auto time = parse_timestamp(value->get<std::string>());
    if (!time) {
      throw FieldError(path(key), "\"" + value->get<std::string>() +
                                      "\" is not an RFC 3339 timestamp like "
                                      "2099-01-01T00:00:00Z");
    }
    return time;
  }

  std::vector<std::string> strings(std::string_view key, bool required) {
    const json* value = required ? &require(key) : find(key);
    std::vector<std::string> out;
    if (value == nullptr) return out;
    if (!value->is_array()) throw FieldError(path(key), "must be an array of strings");
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string() || item.get<std::string>().empty()) {
        throw FieldError(path(key) + "/" + std::to_string(i), "must be a non-empty string");
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  // Call last: any field nobody asked for is a fault.
  void reject_unknown() const {
    for (const auto& [key, unused] : value_.items()) {
      if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
        std::vector<std::string_view> names = known_;
        std::sort(names.begin(), names.end());
        std::string allowed;
        for (const auto name : names) allowed.append(allowed.empty() ? "" : ", ").append(name);
        throw FieldError(path(key), "unknown field \"" + key + "\" (allowed: " + allowed + ")");
      }
    }
  }

 private:
  const json& value_;
  std::string at_;
  // The keys asked for: string literals of the callers, a dozen at most.
  std::vector<std::string_view> known_;
};

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos &&
         email.find_first_of(" \t\r\n/") == std::string_view::npos;
}

bool has_space_or_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
}

json read_json_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw FixtureError(file.string(), "", "cannot read file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw FixtureError(file.string(), "", "cannot read file");
  try {
    return json::parse(buffer.str());
  } catch (const json::parse_error& error) {
    throw FixtureError(file.string(), "", std::string("invalid JSON: ") + error.what());
  }
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void apply_overrides(const json& document, Fixtures& fixtures) {
  if (const auto it = document.find("errors"); it != document.end()) {
    if (!it->is_object()) throw FieldError("/errors", "must be an object of error entries");
    for (const auto& [name, value] : it->items()) {
      const std::string at = "/errors/" + name;
      const auto kind = error_kind_from_name(name);
      if (!kind) throw FieldError(at, "unknown error entry \"" + name + "\"");
      ObjectReader reader(value, at);
      ApiError entry = fixtures.errors.entry(*kind);
      if (auto status = reader.integer("status", 100, 599)) entry.http_status = int(*status);
      if (auto code = reader.integer("code", 0, 2147483647)) entry.code = int(*code);
      if (reader.find("message")) entry.message = reader.string("message", true);
      reader.reject_unknown();
      fixtures.errors.set(*kind, entry);
    }
  }
  if (const auto it = document.find("operation_scopes"); it != document.end()) {
    if (!it->is_object()) {
      throw FieldError("/operation_scopes", "must map operation names to scope arrays");
    }
    for (const auto& [name, value] : it->items()) {
      const std::string at = "/operation_scopes/" + name;
      if (!value.is_array()) throw FieldError(at, "must be an array of scope strings");
      std::vector<std::string> scopes;
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string() || value[i].get<std::string>().empty()) {
          throw FieldError(at + "/" + std::to_string(i), "must be a non-empty string");
        }
        scopes.push_back(value[i].get<std::string>());
      }
      fixtures.operation_scopes[name] = std::move(scopes);
    }
  }
  if (const auto it = document.find("rate_limits"); it != document.end()) {
    if (!it->is_object()) throw FieldError("/rate_limits", "must map labels to budgets");
    for (const auto& [label, value] : it->items()) {
      ObjectReader reader(value, "/rate_limits/" + label);
      Budget limits;
      if (auto n = reader.integer("per_second", 1, 1000000)) limits.per_second = int(*n);
      if (auto n = reader.integer("per_minute", 1, 1000000)) limits.per_minute = int(*n);
      if (auto n = reader.integer("per_day", 1, 100000000)) limits.per_day = int(*n);
      reader.reject_unknown();
      if (!limits.limits_anything()) {
        throw FieldError("/rate_limits/" + label, "needs per_second, per_minute or per_day");
      }
      fixtures.rate_limits[label] = limits;
    }
  }
}

}  // namespace

FixtureError::FixtureError(const std::string& file, const std::string& json_path,
                           const std::string& message)
    : std::runtime_error(file + ": " + (json_path.empty() ? "" : json_path + ": ") + message),
      file_(file),
      json_path_(json_path),
      detail_(message) {}

User user_from_json(const json& value, const std::string& at) {
  ObjectReader reader(value, at);
  User user;
  user.id = reader.string("id", true);
  if (has_space_or_control(user.id)) {
    throw FieldError(reader.path("id"), "must not contain spaces or control characters");
  }
  user.email = reader.string("email", true);
  if (!plausible_email(user.email)) {
    throw FieldError(reader.path("email"), "\"" + user.email + "\" is not an e-mail address");
  }
  user.first_name = reader.string("first_name", false, true);
  user.last_name = reader.string("last_name", false, true);
  if (const auto type = reader.integer("type", 1, 99)) user.type = int(*type);
  if (const auto login = reader.integer("login_type", 0, 1000)) user.login_type = int(*login);
  if (reader.find("status")) {
    user.status = reader.string("status", true);
    if (user.status != "active" && user.status != "inactive" && user.status != "pending") {
      throw FieldError(reader.path("status"), "must be \"active\", \"inactive\" or \"pending\"");
    }
  }
  if (const auto active = reader.boolean("sso_session_active")) user.sso.active = *active;
  user.sso.revoked_at = reader.timestamp("sso_revoked_at");
  if (const auto count = reader.integer("sso_revocations", 0, INT64_MAX)) {
    user.sso.revocations = static_cast<std::uint64_t>(*count);
  }
  reader.reject_unknown();
  return user;
}

AccessToken token_from_json(const json& value, const std::string& at) {
  ObjectReader reader(value, at);
  AccessToken token;
  token.access_token = reader.string("access_token", true);
  if (has_space_or_control(token.access_token)) {
    throw FieldError(reader.path("access_token"),
                     "must not contain spaces or control characters");
  }
  token.scopes = reader.strings("scopes", true);
  token.expires_at = reader.timestamp("expires_at");
  if (const json* user_id = reader.find("user_id"); user_id && !user_id->is_null()) {
    token.user_id = reader.string("user_id", true);
  }
  token.description = reader.string("description", false, true);
  token.account_id = reader.string("account_id", false);
  token.issued_to = reader.string("issued_to", false);
  reader.reject_unknown();
  return token;
}

OAuthApp oauth_app_from_json(const json& value, const std::string& at) {
  ObjectReader reader(value, at);
  OAuthApp app;
  app.client_id = reader.string("client_id", true);
  app.client_secret = reader.string("client_secret", true);
  app.account_id = reader.string("account_id", true);
  app.scopes = reader.strings("scopes", true);
  if (auto ttl = reader.integer("token_ttl_seconds", 1, 31536000)) app.token_ttl_seconds = *ttl;
  reader.reject_unknown();
  return app;
}

json user_to_json(const User& user) {
  json out = {{"id", user.id},
              {"email", user.email},
              {"first_name", user.first_name},
              {"last_name", user.last_name},
              {"type", user.type},
              {"login_type", user.login_type},
              {"status", user.status},
              {"sso_session_active", user.sso.active},
              {"sso_revoked_at", nullptr},
              {"sso_revocations", user.sso.revocations}};
  if (user.sso.revoked_at) out["sso_revoked_at"] = format_timestamp(*user.sso.revoked_at);
  return out;
}

json token_to_json(const AccessToken& token) {
  json out = {{"access_token", token.access_token}, {"scopes", token.scopes}};
  if (token.expires_at) out["expires_at"] = format_timestamp(*token.expires_at);
  if (token.user_id) out["user_id"] = *token.user_id;
  if (!token.description.empty()) out["description"] = token.description;
  if (!token.account_id.empty()) out["account_id"] = token.account_id;
  if (!token.issued_to.empty()) out["issued_to"] = token.issued_to;
  return out;
}

json oauth_app_to_json(const OAuthApp& app) {
  return {{"client_id", app.client_id},
          {"client_secret", app.client_secret},
          {"account_id", app.account_id},
          {"scopes", app.scopes},
          {"token_ttl_seconds", app.token_ttl_seconds}};
}

json world_to_json(const WorldData& world) {
  json users = json::array();
  for (const User& user : world.users) users.push_back(user_to_json(user));
  json tokens = json::array();
  for (const AccessToken& token : world.tokens) tokens.push_back(token_to_json(token));
  json apps = json::array();
  for (const OAuthApp& app : world.oauth_apps) apps.push_back(oauth_app_to_json(app));
  return {{"account_id", world.account_id},
          {"users", users},
          {"tokens", tokens},
          {"oauth_apps", apps}};
}

Fixtures parse_world(const json& document, const std::string& file,
                     const ErrorCatalog& errors) {
  Fixtures fixtures;
  fixtures.errors = errors;
  try {
    ObjectReader reader(document, "");
    if (reader.find("account_id")) fixtures.world.account_id = reader.string("account_id", true);
    const json& users = reader.require("users");
    if (!users.is_array()) throw FieldError("/users", "must be an array of users");
    fixtures.world.users.reserve(users.size());
    for (std::size_t i = 0; i < users.size(); ++i) {
      fixtures.world.users.push_back(user_from_json(users[i], "/users/" + std::to_string(i)));
    }
    const json& tokens = reader.require("tokens");
    if (!tokens.is_array()) throw FieldError("/tokens", "must be an array of tokens");
    fixtures.world.tokens.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      fixtures.world.tokens.push_back(
          token_from_json(tokens[i], "/tokens/" + std::to_string(i)));
    }
    if (const json* apps = reader.find("oauth_apps")) {
      if (!apps->is_array()) throw FieldError("/oauth_apps", "must be an array of OAuth apps");
      for (std::size_t i = 0; i < apps->size(); ++i) {
        fixtures.world.oauth_apps.push_back(
            oauth_app_from_json((*apps)[i], "/oauth_apps/" + std::to_string(i)));
      }
    }
    reader.find("errors");
    reader.find("operation_scopes");
    reader.find("rate_limits");
    reader.reject_unknown();
    apply_overrides(document, fixtures);
  } catch (const FieldError& error) {
    throw FixtureError(file, error.path(), error.what());
  }
  // Cross-object rules (duplicates, dangling user ids) are the World's own.
  if (auto error = World::validate(fixtures.world)) {
    throw FixtureError(file, error->field, error->message);
  }
  return fixtures;
}

Fixtures load_fixtures(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    throw FixtureError(directory.string(), "", "not a directory");
  }
  const auto world_file = directory / "world.json";
  Contract contract;
  const auto postman_dir = directory / "postman";
  if (!std::filesystem::is_directory(postman_dir, ec)) {
    throw FixtureError(postman_dir.string(), "", "missing directory of Postman items");
  }
  std::vector<std::filesystem::path> items;
  for (const auto& entry : std::filesystem::directory_iterator(postman_dir, ec)) {
    if (entry.path().extension() == ".json") items.push_back(entry.path());
  }
  if (ec) throw FixtureError(postman_dir.string(), "", "cannot list: " + ec.message());
  std::sort(items.begin(), items.end());
  for (const auto& item : items) {
    try {
      parse_postman(read_json_file(item), item.string(), contract);
    } catch (const ContractError& error) {
      throw FixtureError(item.string(), error.json_path(), error.what());
    }
  }
  if (contract.operations.empty()) {
    throw FixtureError(postman_dir.string(), "", "no Postman items (*.json) found");
  }

  // A documented error (status + Zoom code) replaces the catalog entry with
  // the same pair: the Postman item's 404/1001 message becomes the
  // user-not-found message. world.json's "errors" are applied on top.
  ErrorCatalog documented;
  for (const Operation& op : contract.operations) {
    for (const DocumentedResponse& response : op.responses) {
      if (!response.error_code || response.message.empty()) continue;
      for (std::size_t k = 0; k < kErrorKindCount; ++k) {
        const auto kind = static_cast<ErrorKind>(k);
        const ApiError& entry = documented.entry(kind);
        if (entry.http_status == response.http_status && entry.code == *response.error_code) {
          documented.set(kind, ApiError{entry.http_status, entry.code, response.message});
        }
      }
    }
  }
  Fixtures fixtures =
      parse_world(read_json_file(world_file), world_file.string(), documented);
  fixtures.directory = directory;

  for (const auto& [name, scopes] : fixtures.operation_scopes) {
    if (contract.find(name) == nullptr) {
      throw FixtureError(world_file.string(), "/operation_scopes/" + name,
                         "no Postman item is named \"" + name + "\"");
    }
  }
  fixtures.contract = std::move(contract);
  return fixtures;
}

std::optional<TimePoint> parse_timestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm)
  auto digits = [&](std::size_t pos, std::size_t count) -> std::optional<int> {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  const auto hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(unsigned(*month)),
                                         std::chrono::day(unsigned(*day))};
  if (!date.ok()) return std::nullopt;
  std::size_t pos = 19;
  std::chrono::nanoseconds fraction{0};
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = 100000000;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction += std::chrono::nanoseconds((text[pos] - '0') * scale);
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  std::chrono::minutes offset{0};
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const auto oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
    if (!oh || !om || pos + 6 > text.size() || text[pos + 3] != ':' || *oh > 23 || *om > 59) {
      return std::nullopt;
    }
    offset = std::chrono::minutes(*oh * 60 + *om);
    if (text[pos] == '-') offset = -offset;
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const auto days = days_from_civil(*year, unsigned(*month), unsigned(*day));
  const std::int64_t seconds = days * 86400 + *hour * 3600 + *minute * 60 +
                               std::min(*second, 59) - offset.count() * 60;
  // The clock counts nanoseconds in 64 bits (years 1677 to 2262); instants
  // beyond are clamped to its limits rather than overflowing.
  using std::chrono::duration_cast;
  const auto max_seconds = duration_cast<std::chrono::seconds>(TimePoint::max().time_since_epoch());
  const auto min_seconds = duration_cast<std::chrono::seconds>(TimePoint::min().time_since_epoch());
  if (seconds >= max_seconds.count()) return TimePoint::max();
  if (seconds <= min_seconds.count()) return TimePoint::min();
  return TimePoint(duration_cast<Clock::duration>(std::chrono::seconds(seconds) + fraction));
}

std::string format_timestamp(TimePoint time) {
  // In milliseconds, so that flooring to days cannot overflow the clock.
  const auto since_epoch = std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch());
  const auto days = std::chrono::floor<std::chrono::days>(since_epoch);
  const std::chrono::year_month_day date{std::chrono::sys_days(days)};
  const auto ms = (since_epoch - days).count();
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lld", int(date.year()),
                unsigned(date.month()), unsigned(date.day()),
                static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
                static_cast<long long>(ms / 1000 % 60));
  std::string out = buffer;
  if (ms % 1000 != 0) {
    std::snprintf(buffer, sizeof buffer, ".%03lld", static_cast<long long>(ms % 1000));
    out += buffer;
  }
  return out + "Z";
}

}  // namespace zoom_mock
