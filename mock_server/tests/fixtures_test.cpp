// Fixture loading: the default fixtures, the Postman contract, and a clear
// error naming the file and JSON path for every kind of bad fixture.
#include <gtest/gtest.h>

#include "test_support.h"
#include "zoom_mock/fixtures.h"

namespace zoom_mock {
namespace {

using nlohmann::json;
using testing::ScratchFixtures;

// Loads `dir` expecting a FixtureError; returns it for inspection.
FixtureError load_error(const std::filesystem::path& dir) {
  try {
    load_fixtures(dir);
  } catch (const FixtureError& error) {
    return error;
  }
  ADD_FAILURE() << "fixtures in " << dir << " loaded without error";
  return FixtureError("", "", "");
}

// Edits the scratch world.json with `edit` and returns the load error.
template <typename Edit>
FixtureError world_error(Edit edit) {
  ScratchFixtures scratch;
  json world = json::parse(scratch.read("world.json"));
  edit(world);
  scratch.write("world.json", world.dump(2));
  return load_error(scratch.dir());
}

TEST(FixturesTest, DefaultFixturesLoad) {
  const Fixtures fixtures = load_fixtures(testing::repo_fixtures());
  EXPECT_EQ(fixtures.world.account_id, "mock-account");
  EXPECT_EQ(fixtures.world.users.size(), 4u);
  EXPECT_EQ(fixtures.world.tokens.size(), 5u);
  ASSERT_EQ(fixtures.world.oauth_apps.size(), 1u);
  EXPECT_EQ(fixtures.world.oauth_apps[0].token_ttl_seconds, 3600);

  const auto& expired = fixtures.world.tokens[3];
  EXPECT_EQ(expired.access_token, "mock-expired-token");
  ASSERT_TRUE(expired.expires_at);
  EXPECT_EQ(format_timestamp(*expired.expires_at), "2020-01-01T00:00:00Z");
  EXPECT_FALSE(fixtures.world.tokens[1].user_id) << "mock-account-token has no user";
}

TEST(FixturesTest, ContractComesFromThePostmanItem) {
  const Fixtures fixtures = load_fixtures(testing::repo_fixtures());
  ASSERT_EQ(fixtures.contract.operations.size(), 1u);
  const Operation& op = fixtures.contract.operations[0];
  EXPECT_EQ(op.name, "Revoke a user's SSO token");
  EXPECT_EQ(op.method, "DELETE");
  EXPECT_EQ(op.path_template(), "/users/{userId}/token");
  EXPECT_EQ(op.scopes, (std::vector<std::string>{"user:write:admin", "user:write"}));
  EXPECT_EQ(op.rate_limit_label, "Light");
  ASSERT_EQ(op.responses.size(), 2u);
  EXPECT_EQ(op.responses[0].http_status, 204);
  EXPECT_EQ(op.responses[0].error_code, std::nullopt);
  EXPECT_EQ(op.responses[1].http_status, 404);
  EXPECT_EQ(op.responses[1].error_code, 1001);
  EXPECT_EQ(op.responses[1].message, "User does not exist: $userId.");
  EXPECT_EQ(fixtures.errors.make(ErrorKind::kUserNotFound, {{"userId", "x@y.z"}}),
            (ApiError{404, 1001, "User does not exist: x@y.z."}));
}

TEST(FixturesTest, ThePostmanItemDecidesTheNotFoundMessage) {
  ScratchFixtures scratch;
  json item = json::parse(scratch.read("postman/revoke_user_sso_token.json"));
  item["response"][1]["name"] =
      "**HTTP Status Code:** `404` **Not Found**<br><br>\n**Error Code:** `1001`<br>\n"
      "No such user: $userId.\n";
  scratch.write("postman/revoke_user_sso_token.json", item.dump());
  const Fixtures fixtures = load_fixtures(scratch.dir());
  EXPECT_EQ(fixtures.errors.make(ErrorKind::kUserNotFound, {{"userId", "u"}}).message,
            "No such user: u.");
}

TEST(FixturesTest, WorldErrorsOverrideTheCatalog) {
  ScratchFixtures scratch;
  json world = json::parse(scratch.read("world.json"));
  world["errors"] = {{"no_permission", {{"status", 403}, {"message", "Denied."}}}};
  world["operation_scopes"] = {{"Revoke a user's SSO token", {"user:delete:token:admin"}}};
  scratch.write("world.json", world.dump());
  const Fixtures fixtures = load_fixtures(scratch.dir());
  EXPECT_EQ(fixtures.errors.entry(ErrorKind::kNoPermission), (ApiError{403, 200, "Denied."}));
  EXPECT_EQ(fixtures.operation_scopes.at("Revoke a user's SSO token"),
            (std::vector<std::string>{"user:delete:token:admin"}));
}

TEST(FixturesTest, MissingDirectory) {
  const auto error = load_error("/nonexistent/fixtures");
  EXPECT_EQ(error.file(), "/nonexistent/fixtures");
  EXPECT_NE(std::string(error.what()).find("not a directory"), std::string::npos);
}

TEST(FixturesTest, UnreadableWorldFile) {
  ScratchFixtures scratch;
  std::filesystem::remove(scratch.world_file());
  const auto error = load_error(scratch.dir());
  EXPECT_EQ(error.file(), scratch.world_file().string());
  EXPECT_EQ(error.detail(), "cannot read file");
}

TEST(FixturesTest, BadJson) {
  ScratchFixtures scratch;
  scratch.write("world.json", "{\"users\": [");
  const auto error = load_error(scratch.dir());
  EXPECT_EQ(error.file(), scratch.world_file().string());
  EXPECT_NE(error.detail().find("invalid JSON"), std::string::npos) << error.what();
}

TEST(FixturesTest, TopLevelMustBeAnObject) {
  ScratchFixtures scratch;
  scratch.write("world.json", "[]");
  EXPECT_EQ(load_error(scratch.dir()).json_path(), "/");
}

TEST(FixturesTest, MissingField) {
  const auto error = world_error([](json& w) { w["users"][1].erase("email"); });
  EXPECT_EQ(error.json_path(), "/users/1/email");
  EXPECT_EQ(error.detail(), "missing required field");
  EXPECT_NE(std::string(error.what()).find("world.json: /users/1/email: missing"),
            std::string::npos)
      << error.what();
}

TEST(FixturesTest, MissingTopLevelArrays) {
  EXPECT_EQ(world_error([](json& w) { w.erase("users"); }).json_path(), "/users");
  EXPECT_EQ(world_error([](json& w) { w.erase("tokens"); }).json_path(), "/tokens");
  EXPECT_EQ(world_error([](json& w) { w["tokens"] = "x"; }).json_path(), "/tokens");
}

TEST(FixturesTest, MistypedFields) {
  struct Case {
    std::string pointer;
    json value;
    std::string detail;
  };
  const std::vector<Case> cases = {
      {"/users/0/type", "2", "must be an integer"},
      {"/users/0/type", 0, "must be between 1 and 99"},
      {"/users/0/id", 7, "must be a string"},
      {"/users/0/id", "", "must not be empty"},
      {"/users/0/id", "has space", "must not contain spaces or control characters"},
      {"/users/0/email", "not-an-email", "\"not-an-email\" is not an e-mail address"},
      {"/users/0/status", "gone", "must be \"active\", \"inactive\" or \"pending\""},
      {"/users/0/sso_session_active", "yes", "must be true or false"},
      {"/tokens/0/scopes", "user:write:admin", "must be an array of strings"},
      {"/tokens/0/scopes/0", 5, "must be a non-empty string"},
      {"/tokens/0/expires_at", "tomorrow",
       "\"tomorrow\" is not an RFC 3339 timestamp like 2099-01-01T00:00:00Z"},
      {"/tokens/0/expires_at", 4102444800, "must be an RFC 3339 timestamp string"},
      {"/tokens/0/access_token", "two words", "must not contain spaces or control characters"},
      {"/oauth_apps/0/token_ttl_seconds", -5, "must be between 1 and 31536000"},
      {"/users/0", "alice", "must be a JSON object"},
  };
  for (const Case& c : cases) {
    const auto error = world_error([&](json& w) { w[json::json_pointer(c.pointer)] = c.value; });
    EXPECT_EQ(error.json_path(), c.pointer) << c.pointer;
    EXPECT_EQ(error.detail(), c.detail) << c.pointer;
  }
}

TEST(FixturesTest, UnknownFieldIsNamed) {
  const auto error = world_error([](json& w) { w["users"][0]["emial"] = "x@y.z"; });
  EXPECT_EQ(error.json_path(), "/users/0/emial");
  EXPECT_NE(error.detail().find("unknown field \"emial\""), std::string::npos);
}

TEST(FixturesTest, DuplicateUserId) {
  const auto error = world_error([](json& w) {
    json copy = w["users"][1];
    copy["email"] = "other@example.com";
    w["users"].push_back(copy);
  });
  EXPECT_EQ(error.json_path(), "/users/4/id");
  EXPECT_NE(error.detail().find("duplicate user id \"sso-user-alice\""), std::string::npos);
}

TEST(FixturesTest, DuplicateEmailIgnoringCase) {
  const auto error = world_error([](json& w) { w["users"][2]["email"] = "ALICE@example.com"; });
  EXPECT_EQ(error.json_path(), "/users/2/email");
  EXPECT_NE(error.detail().find("duplicate user email"), std::string::npos);
}

TEST(FixturesTest, TokenNamingUnknownUser) {
  const auto error = world_error([](json& w) { w["tokens"][2]["user_id"] = "ghost"; });
  EXPECT_EQ(error.json_path(), "/tokens/2/user_id");
  EXPECT_EQ(error.detail(), "token names unknown user \"ghost\"");
}

TEST(FixturesTest, DuplicateToken) {
  const auto error = world_error([](json& w) { w["tokens"].push_back(w["tokens"][0]); });
  EXPECT_EQ(error.json_path(), "/tokens/5/access_token");
}

TEST(FixturesTest, BadOverrides) {
  EXPECT_EQ(world_error([](json& w) { w["errors"] = {{"nonsense", json::object()}}; })
                .json_path(),
            "/errors/nonsense");
  EXPECT_EQ(world_error([](json& w) {
              w["errors"] = {{"no_permission", {{"status", 99}}}};
            }).json_path(),
            "/errors/no_permission/status");
  EXPECT_EQ(world_error([](json& w) {
              w["operation_scopes"] = {{"No such operation", {"a:b"}}};
            }).json_path(),
            "/operation_scopes/No such operation");
  EXPECT_EQ(world_error([](json& w) { w["rate_limits"] = {{"Light", {{"per_second", 0}}}}; })
                .json_path(),
            "/rate_limits/Light/per_second");
}

TEST(FixturesTest, PostmanDirectoryMissing) {
  ScratchFixtures scratch;
  std::filesystem::remove_all(scratch.dir() / "postman");
  EXPECT_NE(std::string(load_error(scratch.dir()).what()).find("missing directory"),
            std::string::npos);
}

TEST(FixturesTest, PostmanDirectoryEmpty) {
  ScratchFixtures scratch;
  std::filesystem::remove(scratch.dir() / "postman/revoke_user_sso_token.json");
  EXPECT_NE(std::string(load_error(scratch.dir()).what()).find("no Postman items"),
            std::string::npos);
}

TEST(FixturesTest, PostmanItemErrorsNameFileAndPath) {
  ScratchFixtures scratch;
  const std::string file = "postman/revoke_user_sso_token.json";
  json item = json::parse(scratch.read(file));
  item["request"].erase("method");
  scratch.write(file, item.dump());
  auto error = load_error(scratch.dir());
  EXPECT_EQ(error.file(), (scratch.dir() / file).string());
  EXPECT_EQ(error.json_path(), "/request/method");

  scratch.write(file, "{not json");
  EXPECT_NE(load_error(scratch.dir()).detail().find("invalid JSON"), std::string::npos);
}

TEST(FixturesTest, PostmanResponseCodeMustBeAStatus) {
  ScratchFixtures scratch;
  const std::string file = "postman/revoke_user_sso_token.json";
  json item = json::parse(scratch.read(file));
  item["response"][1]["code"] = "404";
  scratch.write(file, item.dump());
  EXPECT_EQ(load_error(scratch.dir()).json_path(), "/response/1/code");
}

TEST(FixturesTest, PostmanCollectionsWithFoldersAreRead) {
  ScratchFixtures scratch;
  const std::string file = "postman/revoke_user_sso_token.json";
  const json item = json::parse(scratch.read(file));
  json collection = {{"info", {{"name", "Zoom API"}}},
                     {"item", {{{"name", "Users"}, {"item", {item}}}}}};
  scratch.write(file, collection.dump());
  const Fixtures fixtures = load_fixtures(scratch.dir());
  ASSERT_EQ(fixtures.contract.operations.size(), 1u);
  EXPECT_EQ(fixtures.contract.operations[0].name, "Revoke a user's SSO token");
}

TEST(FixturesTest, WorldJsonRoundTrips) {
  const Fixtures fixtures = load_fixtures(testing::repo_fixtures());
  const json written = world_to_json(fixtures.world);
  const Fixtures again = parse_world(written, "exported.json");
  EXPECT_EQ(world_to_json(again.world), written);
}

TEST(TimestampTest, ParsesRfc3339) {
  const auto base = parse_timestamp("2099-01-01T00:00:00Z");
  ASSERT_TRUE(base);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(base->time_since_epoch()).count(),
            4070908800);
  EXPECT_EQ(parse_timestamp("2099-01-01T01:00:00+01:00"), base);
  EXPECT_EQ(parse_timestamp("2098-12-31T23:00:00-01:00"), base);
  EXPECT_EQ(format_timestamp(*parse_timestamp("2026-12-04T10:20:30.250Z")),
            "2026-12-04T10:20:30.250Z");
  EXPECT_EQ(parse_timestamp("9999-12-31T23:59:59Z"), TimePoint::max()) << "clamped, no overflow";
  EXPECT_EQ(parse_timestamp("1000-01-01T00:00:00Z"), TimePoint::min());
  EXPECT_LT(*parse_timestamp("2262-01-01T00:00:00Z"), TimePoint::max());
  for (const char* bad : {"", "2099-01-01", "2099-13-01T00:00:00Z", "2099-02-30T00:00:00Z",
                          "2099-01-01T24:00:00Z", "2099-01-01T00:00:00", "2099-01-01T00:00:00Zx",
                          "2099-01-01T00:00:00.Z", "2099-01-01T00:00:00+0100"}) {
    EXPECT_EQ(parse_timestamp(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace zoom_mock
