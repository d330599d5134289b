// Fixture loading and the JSON form of the world: DIR/world.json (users,
// tokens, OAuth apps, error and scope overrides) and the Postman items under
// DIR/postman/. This is an edge: it throws FixtureError, whose message names
// the file and the JSON path of the fault, and nothing past it sees JSON.
//
// The same conversions validate objects posted to the admin API, so a user
// accepted there is exactly one a fixture could hold, and `world_to_json`
// writes a file `load_fixtures` reads back.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "zoom_mock/contract.h"
#include "zoom_mock/errors.h"
#include "zoom_mock/rate_limits.h"
#include "zoom_mock/world.h"

namespace zoom_mock {

// A fault in one JSON value: `path` is a JSON pointer ("/users/2/email").
class FieldError : public std::runtime_error {
 public:
  FieldError(std::string path, const std::string& message)
      : std::runtime_error(message), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A fault in a fixture file: "FILE: PATH: message".
class FixtureError : public std::runtime_error {
 public:
  FixtureError(const std::string& file, const std::string& json_path,
               const std::string& message);
  const std::string& file() const { return file_; }
  const std::string& json_path() const { return json_path_; }
  const std::string& detail() const { return detail_; }

 private:
  std::string file_;
  std::string json_path_;
  std::string detail_;
};

struct Fixtures {
  std::filesystem::path directory;
  WorldData world;
  Contract contract;
  ErrorCatalog errors;
  // Operation name -> accepted scopes, replacing the documented ones.
  std::map<std::string, std::vector<std::string>> operation_scopes;
  // Label -> budget, replacing the plan's ("rate_limits").
  std::map<std::string, Budget> rate_limits;
};

// Loads DIR/world.json and every *.json under DIR/postman/ (sorted by name).
Fixtures load_fixtures(const std::filesystem::path& directory);

// Parses a world document whose faults are reported against `file`; its
// "errors" overrides apply on top of `errors`.
Fixtures parse_world(const nlohmann::json& document, const std::string& file,
                     const ErrorCatalog& errors = {});

// Object conversions; throw FieldError with a path under `at`.
User user_from_json(const nlohmann::json& value, const std::string& at = "");
AccessToken token_from_json(const nlohmann::json& value, const std::string& at = "");
OAuthApp oauth_app_from_json(const nlohmann::json& value, const std::string& at = "");

nlohmann::json user_to_json(const User& user);
nlohmann::json token_to_json(const AccessToken& token);
nlohmann::json oauth_app_to_json(const OAuthApp& app);
nlohmann::json world_to_json(const WorldData& world);

// RFC 3339 timestamps as fixtures write them: 2099-01-01T00:00:00Z,
// optional fraction, Z or +hh:mm offset.
std::optional<TimePoint> parse_timestamp(std::string_view text);
std::string format_timestamp(TimePoint time);

}  // namespace zoom_mock
