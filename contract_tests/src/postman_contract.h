// The documented contract as the contract tests read it: Postman items (or
// whole collections) as Zoom publishes them, turned into operations and
// their documented responses.
//
// This reading is deliberately independent of the fake's own parser
// (zoom_mock/contract.h): a test that used the fake's interpretation of the
// contract could not catch the fake misreading it.
//
// Reading throws ContractError, whose message names the file and the JSON
// path; callers at the edge (main, the case generator's tests) report it.
//
// Thread safety: plain values; reading touches only the files it is given.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace zoom_contract {

// One documented answer. A Postman response whose name lists several
// "**Error Code:**" entries yields one DocumentedResponse per code.
struct DocumentedResponse {
  int http_status = 0;
  std::optional<int> error_code;       // "**Error Code:** `1001`"
  std::optional<std::string> message;  // "User does not exist: $userId."
  std::string summary;                 // "404 Not Found, Error Code 1001"
  std::string where;                   // "/response/1" in the source file
};

struct Operation {
  std::string name;                 // "Revoke a user's SSO token"
  std::string method;               // "DELETE"
  std::vector<std::string> path;    // {"users", ":userId", "token"}
  std::vector<std::string> scopes;  // {"user:write:admin", "user:write"}
  std::vector<DocumentedResponse> responses;
  std::filesystem::path source;  // the file it was read from
  std::string where;             // JSON path of the item in it ("" for the root)

  // "DELETE /users/:userId/token", Postman's spelling.
  std::string signature() const;
  // The names of the path variables, in order: {"userId"}.
  std::vector<std::string> path_variables() const;
};

class ContractError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads one parsed Postman document (an item, a folder or a collection).
// `source` is used in error messages and Operation::source.
std::vector<Operation> read_postman(const nlohmann::json& document,
                                    const std::filesystem::path& source);

// Reads every *.json file in `dir` (not recursing), sorted by file name.
// Throws ContractError for a missing directory, a directory without any
// operation, invalid JSON or a malformed item, naming the file.
std::vector<Operation> read_postman_dir(const std::filesystem::path& dir);

// Fills a documented message's placeholders: "$userId", "{userId}" and
// "{{userId}}" become the value of `userId` in `values`.
std::string fill_placeholders(const std::string& text,
                              const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace zoom_contract
