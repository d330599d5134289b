// The documented contract of the API, read from Postman items: for each
// operation its method, path template, required scopes, rate-limit label and
// documented responses. The fake's routes and documented errors come from
// here rather than from code, so the Postman item stays the single source.
//
// Parsing throws `ContractError` (an edge: fixture loading); the parsed
// `Contract` is immutable plain data shared by request threads.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace zoom_mock {

struct DocumentedResponse {
  std::string name;                // Postman's response name, as written
  int http_status = 0;
  std::optional<int> error_code;   // "**Error Code:** `1001`"
  std::string message;             // last line of the name: "User does not exist: $userId."
  std::string content_type;        // from the example's headers, may be empty
  std::string body;                // the example body, may be empty
};

struct Operation {
  std::string name;                        // "Revoke a user's SSO token"
  std::string method;                      // "DELETE"
  std::vector<std::string> path;           // {"users", ":userId", "token"}
  std::vector<std::string> scopes;         // {"user:write:admin", "user:write"}
  std::string rate_limit_label;            // "Light"
  std::vector<DocumentedResponse> responses;
  std::string source;                      // file it came from

  // "/users/{userId}/token", the path as Zoom's reference writes it.
  std::string path_template() const;
  const DocumentedResponse* response_with_status(int http_status) const;
  const DocumentedResponse* response_named(std::string_view name) const;
};

struct Contract {
  std::vector<Operation> operations;

  const Operation* find(std::string_view name) const;
};

class ContractError : public std::runtime_error {
 public:
  ContractError(std::string json_path, const std::string& message)
      : std::runtime_error(message), json_path_(std::move(json_path)) {}
  const std::string& json_path() const { return json_path_; }

 private:
  std::string json_path_;
};

// Reads one Postman item, or a collection (`item` arrays, nested folders),
// appending its operations. `source` names the file in Operation::source.
void parse_postman(const nlohmann::json& document, const std::string& source,
                   Contract& into);

}  // namespace zoom_mock
