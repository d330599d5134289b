// The independent reading of the Postman items and the case generator:
// every documented response becomes a case, and only those.
#include "postman_contract.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "contract_cases.h"

namespace zoom_contract {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kRepoPostman = fs::path(ZOOM_CONTRACT_FIXTURES_DIR) / "postman";
const fs::path kSeed = kRepoPostman / "revoke_user_sso_token.json";

// A copy of the repository's Postman items in a fresh directory, removed
// afterwards, for a test to edit.
class ScratchPostman {
 public:
  ScratchPostman() {
    std::string pattern = (fs::temp_directory_path() / "zoom-contract-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    fs::copy(kRepoPostman, dir_, fs::copy_options::recursive);
  }
  ~ScratchPostman() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  ScratchPostman(const ScratchPostman&) = delete;
  ScratchPostman& operator=(const ScratchPostman&) = delete;

  const fs::path& dir() const { return dir_; }
  fs::path seed() const { return dir_ / kSeed.filename(); }

  json read(const fs::path& file) const {
    std::ifstream in(file);
    return json::parse(in);
  }
  void write(const fs::path& file, const std::string& text) const {
    std::ofstream(file, std::ios::trunc) << text;
  }
  // Drops the seed's documented responses with this status.
  void remove_response(int status) const {
    json item = read(seed());
    auto& responses = item["response"];
    responses.erase(
        std::remove_if(responses.begin(), responses.end(),
                       [&](const json& response) { return response["code"] == status; }),
        responses.end());
    write(seed(), item.dump(2));
  }

 private:
  fs::path dir_;
};

std::vector<std::string> names(const std::vector<ContractCase>& cases) {
  std::vector<std::string> out;
  for (const ContractCase& contract_case : cases) out.push_back(contract_case.name);
  return out;
}

std::string error_reading(const fs::path& dir) {
  try {
    read_postman_dir(dir);
  } catch (const ContractError& error) {
    return error.what();
  }
  return "(no error)";
}

json item_with_responses(json responses) {
  return {{"name", "Do a thing"},
          {"request", {{"method", "GET"}, {"url", {{"raw", "{{baseUrl}}/users/:userId/things"}}}}},
          {"response", std::move(responses)}};
}

TEST(PostmanContract, ReadsTheSeedItem) {
  const auto operations = read_postman_dir(kRepoPostman);
  ASSERT_EQ(operations.size(), 1u);
  const Operation& revoke = operations.front();
  EXPECT_EQ(revoke.name, "Revoke a user's SSO token");
  EXPECT_EQ(revoke.signature(), "DELETE /users/:userId/token");
  EXPECT_EQ(revoke.path_variables(), std::vector<std::string>{"userId"});
  EXPECT_EQ(revoke.scopes, (std::vector<std::string>{"user:write:admin", "user:write"}));
  EXPECT_EQ(revoke.source, kSeed);
  ASSERT_EQ(revoke.responses.size(), 2u);
  EXPECT_EQ(revoke.responses[0].http_status, 204);
  EXPECT_EQ(revoke.responses[0].error_code, std::nullopt);
  EXPECT_EQ(revoke.responses[0].summary, "204 No Content");
  EXPECT_EQ(revoke.responses[1].http_status, 404);
  EXPECT_EQ(revoke.responses[1].error_code, 1001);
  EXPECT_EQ(revoke.responses[1].message, "User does not exist: $userId.");
  EXPECT_EQ(revoke.responses[1].where, "/response/1");
  EXPECT_EQ(revoke.responses[1].summary, "404 Not Found, Error Code 1001");
}

TEST(CaseGenerator, SeedGivesA204AndA404Case) {
  const auto cases = generate_cases(read_postman_dir(kRepoPostman));
  ASSERT_EQ(names(cases), (std::vector<std::string>{"Revoke_a_user_s_SSO_token_204",
                                                    "Revoke_a_user_s_SSO_token_404"}));
  EXPECT_EQ(cases[0].scenario, Scenario::kExistingUser);
  EXPECT_EQ(cases[1].scenario, Scenario::kMissingUser);
  EXPECT_EQ(cases[1].origin(), kSeed.string() + " /response/1 (404 Not Found, Error Code 1001)");
}

TEST(CaseGenerator, RemovingThe404ExampleRemovesThe404Case) {
  ScratchPostman scratch;
  scratch.remove_response(404);
  EXPECT_EQ(names(generate_cases(read_postman_dir(scratch.dir()))),
            std::vector<std::string>{"Revoke_a_user_s_SSO_token_204"});
}

TEST(CaseGenerator, RemovingThe204ExampleRemovesThe204Case) {
  ScratchPostman scratch;
  scratch.remove_response(204);
  EXPECT_EQ(names(generate_cases(read_postman_dir(scratch.dir()))),
            std::vector<std::string>{"Revoke_a_user_s_SSO_token_404"});
}

TEST(CaseGenerator, AnItemWithoutResponsesGivesNoCase) {
  ScratchPostman scratch;
  json item = scratch.read(scratch.seed());
  item.erase("response");
  scratch.write(scratch.seed(), item.dump());
  EXPECT_TRUE(generate_cases(read_postman_dir(scratch.dir())).empty());
}

TEST(CaseGenerator, AChangedMessageIsWhatTheCaseExpects) {
  ScratchPostman scratch;
  json item = scratch.read(scratch.seed());
  item["response"][1]["name"] =
      "**HTTP Status Code:** `404` **Not Found**<br><br>\n**Error Code:** `1001`<br>\nNo user "
      "{userId} here.\n";
  scratch.write(scratch.seed(), item.dump());
  const auto cases = generate_cases(read_postman_dir(scratch.dir()));
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[1].response.message, "No user {userId} here.");
  EXPECT_EQ(fill_placeholders(*cases[1].response.message, {{"userId", "x@y.z"}}),
            "No user x@y.z here.");
}

TEST(PostmanContract, AMalformedItemNamesTheFileAndThePlace) {
  ScratchPostman scratch;
  json item = scratch.read(scratch.seed());
  item["response"][1]["code"] = "404";
  scratch.write(scratch.seed(), item.dump());
  EXPECT_EQ(error_reading(scratch.dir()),
            scratch.seed().string() + ": /response/1/code: must be an integer HTTP status");
}

TEST(PostmanContract, InvalidJsonNamesTheFile) {
  ScratchPostman scratch;
  scratch.write(scratch.dir() / "broken.json", "{\"name\": ");
  const std::string error = error_reading(scratch.dir());
  EXPECT_TRUE(error.starts_with((scratch.dir() / "broken.json").string() + ": not valid JSON: "))
      << error;
}

TEST(PostmanContract, OtherMalformedItemsAreNamedPrecisely) {
  ScratchPostman scratch;
  const std::vector<std::pair<json, std::string>> broken = {
      {json::array(), "top level: must be an object (a Postman item, folder or collection)"},
      {json{{"info", {}}},
       "top level: neither a Postman item (no \"request\") nor a collection or folder (no "
       "\"item\")"},
      {json{{"request", {{"method", "GET"}, {"url", "{{baseUrl}}/x"}}}},
       "/name: missing: an item needs a name"},
      {json{{"name", "x"}, {"request", {{"method", "GET"}}}},
       "/request/url: missing: an item needs a URL"},
      {json{{"name", "x"}, {"request", {{"method", 7}, {"url", "{{baseUrl}}/x"}}}},
       "/request/method: must be a string"},
      {item_with_responses(json::object()), "/response: must be an array of responses"},
      {item_with_responses({{{"name", "no code"}}}),
       "/response/0/code: missing: a documented response needs its HTTP status"},
      {item_with_responses({{{"code", 99}}}), "/response/0/code: HTTP status must be 100-599"},
      {item_with_responses({{{"code", 4294967700LL}}}),
       "/response/0/code: HTTP status must be 100-599"},
      {item_with_responses({{{"code", 400}, {"name", "**Error Code:** 300"}}}),
       "/response/0/name: \"**Error Code:**\" is not followed by a number in backticks"},
      {json{{"item",
             {{{"name", "x"}, {"request", {{"url", {{"path", "users"}}}}}},
              {{"name", "y"}, {"request", {{"url", {{"path", {1}}}}}}}}}},
       "/item/1/request/url/path/0: must be a string"},
  };
  for (const auto& [document, problem] : broken) {
    scratch.write(scratch.seed(), document.dump());
    EXPECT_EQ(error_reading(scratch.dir()), scratch.seed().string() + ": " + problem)
        << document.dump();
  }
}

TEST(PostmanContract, ADirectoryWithoutItemsIsAnError) {
  ScratchPostman scratch;
  fs::remove(scratch.seed());
  scratch.write(scratch.dir() / "notes.txt", "not an item");
  EXPECT_EQ(error_reading(scratch.dir()),
            scratch.dir().string() + ": no Postman item in any *.json file");
  EXPECT_EQ(error_reading(scratch.dir() / "absent"),
            (scratch.dir() / "absent").string() + ": not a directory of Postman items");
}

TEST(PostmanContract, ReadsCollectionsWithFoldersAndEveryUrlForm) {
  const json collection = {
      {"info", {{"name", "Zoom API"}}},
      {"item",
       {{{"name", "Users"},
         {"item",
          {{{"name", "List users"},
            {"request", {{"method", "get"}, {"url", "https://api.zoom.us/v2/users?page_size=30"}}},
            {"response", {{{"code", 200}, {"name", "**HTTP Status Code:** `200`"}}}}},
           {{"name", "Get a user"},
            {"request",
             {{"url", {{"raw", "{{baseUrl}}/users/:userId"}}},
              {"description", {{"content", "**Scopes:** `user:read:admin`<br>"}}}}}}}}},
        {{"name", "Revoke"},
         {"request",
          {{"method", "DELETE"},
           {"url", {{"path", {"users", {{"value", ":userId"}}, "token"}}}}}}}}}};
  const auto operations = read_postman(collection, "zoom.json");
  ASSERT_EQ(operations.size(), 3u);
  EXPECT_EQ(operations[0].signature(), "GET /users");
  EXPECT_EQ(operations[0].where, "/item/0/item/0");
  EXPECT_EQ(operations[1].signature(), "GET /users/:userId");  // Postman's default method
  EXPECT_EQ(operations[1].scopes, std::vector<std::string>{"user:read:admin"});
  EXPECT_EQ(operations[2].signature(), "DELETE /users/:userId/token");
  EXPECT_EQ(operations[2].where, "/item/1");
}

TEST(PostmanContract, EachErrorCodeOfAResponseIsDocumentedApart) {
  const json item = item_with_responses(
      {{{"code", 400},
        {"status", "Bad Request"},
        {"name",
         "**HTTP Status Code:** `400` <br>\n **Error Code:** `200` <br>\n Only available for paid "
         "users: {userId}. <br>\n**Error Code:** `1120`<br>\nInvalid action.<br>"}}});
  const auto operations = read_postman(item, "x.json");
  ASSERT_EQ(operations[0].responses.size(), 2u);
  EXPECT_EQ(operations[0].responses[0].error_code, 200);
  EXPECT_EQ(operations[0].responses[0].message, "Only available for paid users: {userId}.");
  EXPECT_EQ(operations[0].responses[1].error_code, 1120);
  EXPECT_EQ(operations[0].responses[1].message, "Invalid action.");

  const auto cases = generate_cases(operations);
  EXPECT_EQ(names(cases), (std::vector<std::string>{"Do_a_thing_400_200", "Do_a_thing_400_1120"}));
}

TEST(PostmanContract, AnErrorBodyExampleDocumentsTheCodeWhenTheNameDoesNot) {
  const json item =
      item_with_responses({{{"code", 401},
                            {"name", "Unauthorized"},
                            {"body", R"({"code": 124, "message": "Invalid access token."})"}}});
  const auto operations = read_postman(item, "x.json");
  ASSERT_EQ(operations[0].responses.size(), 1u);
  EXPECT_EQ(operations[0].responses[0].error_code, 124);
  EXPECT_EQ(operations[0].responses[0].message, "Invalid access token.");
  EXPECT_EQ(generate_cases(operations)[0].scenario, Scenario::kUnknownToken);
}

TEST(PostmanContract, GranularScopesAreNotTheClassicScopes) {
  const json item = {
      {"name", "x"},
      {"request",
       {{"method", "DELETE"},
        {"url", "{{baseUrl}}/users/:userId/token"},
        {"description",
         "**Granular Scopes:** `user:write:token:admin`<br>\n**Scopes:** "
         "`user:write:admin`, `user:write`<br>**[Rate Limit Label](x):** `Light`"}}}};
  EXPECT_EQ(read_postman(item, "x.json")[0].scopes,
            (std::vector<std::string>{"user:write:admin", "user:write"}));
}

TEST(CaseGenerator, ChoosesTheScenarioFromStatusAndCode) {
  const json item = item_with_responses(
      {{{"code", 200}},
       {{"code", 404}, {"name", "**Error Code:** `1001`<br>No user."}},
       {{"code", 404}, {"name", "**Error Code:** `3001`<br>No meeting."}},
       {{"code", 401}, {"name", "**Error Code:** `124`<br>Invalid access token."}},
       {{"code", 401}, {"name", "**Error Code:** `124`<br>Access token is expired."}},
       {{"code", 400}, {"name", "**Error Code:** `4711`<br>Missing scopes."}},
       {{"code", 429}, {"name", "**Error Code:** `429`<br>Slow down."}}});
  std::vector<Scenario> scenarios;
  for (const ContractCase& contract_case : generate_cases(read_postman(item, "x.json"))) {
    scenarios.push_back(contract_case.scenario);
  }
  EXPECT_EQ(scenarios, (std::vector<Scenario>{
                           Scenario::kExistingUser, Scenario::kMissingUser, Scenario::kNotProvoked,
                           Scenario::kUnknownToken, Scenario::kExpiredToken,
                           Scenario::kTokenWithoutScopes, Scenario::kNotProvoked}));
}

TEST(CaseGenerator, NeverProvokesTheSuccessOfAnUnknownWrite) {
  json item = item_with_responses({{{"code", 204}}});
  item["request"]["method"] = "DELETE";
  item["request"]["url"] = "{{baseUrl}}/users/:userId";
  const auto cases = generate_cases(read_postman(item, "x.json"));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].scenario, Scenario::kNotProvoked);
  EXPECT_EQ(
      cases[0].not_provoked_because,
      "a successful DELETE /users/:userId changes the account in ways the suite does not undo");
}

TEST(CaseGenerator, NeverGuessesPathVariablesOtherThanTheUser) {
  json item = item_with_responses({{{"code", 200}}});
  item["request"]["url"] = "{{baseUrl}}/meetings/:meetingId";
  const auto cases = generate_cases(read_postman(item, "x.json"));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].scenario, Scenario::kNotProvoked);
}

TEST(CaseGenerator, NamesAreValidAndUnique) {
  json item = item_with_responses({{{"code", 200}}});
  item["name"] = "  Zoom's \"odd\" — name!  ";
  const json collection = {{"item", {item, item}}};
  EXPECT_EQ(names(generate_cases(read_postman(collection, "x.json"))),
            (std::vector<std::string>{"Zoom_s_odd_name_200", "Zoom_s_odd_name_200_2"}));
}

TEST(FillPlaceholders, FillsEveryFormAndNothingElse) {
  const std::vector<std::pair<std::string, std::string>> values = {{"userId", "a+b@c.d"}};
  EXPECT_EQ(fill_placeholders("User does not exist: $userId.", values),
            "User does not exist: a+b@c.d.");
  EXPECT_EQ(fill_placeholders("{userId} {{userId}} $userIds $user", values),
            "a+b@c.d a+b@c.d $userIds $user");
}

}  // namespace
}  // namespace zoom_contract
