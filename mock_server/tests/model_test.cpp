// Unit tests of the Zoom model: auth, scopes, user resolution and revoke.
#include <gtest/gtest.h>

#include "zoom_mock/model.h"

namespace zoom_mock {
namespace {

using std::chrono::seconds;

const TimePoint kNow = TimePoint(std::chrono::hours(24 * 365 * 56));  // 2026

User make_user(std::string id, std::string email) {
  User user;
  user.id = std::move(id);
  user.email = std::move(email);
  return user;
}

AccessToken make_token(std::string name, std::vector<std::string> scopes,
                       std::optional<std::string> user_id = std::nullopt,
                       std::optional<TimePoint> expires_at = std::nullopt) {
  AccessToken token;
  token.access_token = std::move(name);
  token.scopes = std::move(scopes);
  token.user_id = std::move(user_id);
  token.expires_at = expires_at;
  return token;
}

class ModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WorldData data;
    data.users = {make_user("admin", "admin@example.com"),
                  make_user("alice", "alice@example.com"),
                  make_user("bob", "bob+sso@Example.com")};
    data.tokens = {
        make_token("admin-token", {"user:write:admin"}, "admin"),
        make_token("account-token", {"user:write:admin"}),
        make_token("alice-token", {"user:write"}, "alice"),
        make_token("expiring-token", {"user:write:admin"}, "admin", kNow + seconds(10)),
        make_token("no-scope-token", {"meeting:read:admin"}, "admin"),
    };
    ASSERT_FALSE(world.replace(data));
  }

  Caller login(std::string_view token) {
    const std::string header = "Bearer " + std::string(token);
    auto result = model.authenticate(Credentials{header, false}, kNow);
    EXPECT_TRUE(std::holds_alternative<Caller>(result)) << header;
    return std::get<Caller>(result);
  }

  std::optional<ApiError> revoke(std::string_view token, std::string_view user_ref) {
    return model.revoke_sso_token(*login(token), user_ref, rule, kNow);
  }

  ApiError auth_error(std::optional<std::string_view> header, bool duplicated = false,
                      TimePoint now = kNow) {
    auto result = model.authenticate(Credentials{header, duplicated}, now);
    EXPECT_TRUE(std::holds_alternative<ApiError>(result));
    return std::holds_alternative<ApiError>(result) ? std::get<ApiError>(result) : ApiError{};
  }

  World world;
  ErrorCatalog errors;
  ZoomModel model{world, errors};
  ScopeRule rule = ScopeRule::from_documented({"user:write:admin", "user:write"});
};

const ApiError kInvalidToken{401, 124, "Invalid access token."};
const ApiError kExpiredToken{401, 124, "Access token is expired."};

TEST_F(ModelTest, ScopeRuleTreatsAdminSuffixAsAccountWide) {
  EXPECT_EQ(rule.accepted, (std::vector<std::string>{"user:write:admin", "user:write"}));
  EXPECT_EQ(rule.self_only, (std::vector<std::string>{"user:write"}));
}

TEST_F(ModelTest, RevokeByIdEndsTheSessionAndRecordsWhen) {
  EXPECT_EQ(revoke("admin-token", "alice"), std::nullopt);
  const auto alice = world.find_user("alice");
  ASSERT_TRUE(alice);
  EXPECT_FALSE(alice->sso.active);
  EXPECT_EQ(alice->sso.revoked_at, kNow);
  EXPECT_EQ(alice->sso.revocations, 1u);
  EXPECT_TRUE(world.find_user("bob")->sso.active) << "other users are untouched";
}

TEST_F(ModelTest, RevokeTwiceSucceedsTwice) {
  EXPECT_EQ(revoke("admin-token", "alice"), std::nullopt);
  EXPECT_EQ(revoke("admin-token", "alice"), std::nullopt);
  EXPECT_EQ(world.find_user("alice")->sso.revocations, 2u);
}

TEST_F(ModelTest, RevokeByEmailIgnoresCase) {
  EXPECT_EQ(revoke("admin-token", "BOB+SSO@example.COM"), std::nullopt);
  EXPECT_FALSE(world.find_user("bob")->sso.active);
}

TEST_F(ModelTest, PlusInEmailIsLiteral) {
  EXPECT_EQ(revoke("admin-token", "bob sso@example.com"),
            (ApiError{404, 1001, "User does not exist: bob sso@example.com."}));
}

TEST_F(ModelTest, UnknownUserIs404EchoingTheIdAsSent) {
  EXPECT_EQ(revoke("admin-token", "Nobody@Example.com"),
            (ApiError{404, 1001, "User does not exist: Nobody@Example.com."}));
}

TEST_F(ModelTest, MeIsTheTokensOwnUser) {
  EXPECT_EQ(revoke("alice-token", "me"), std::nullopt);
  EXPECT_FALSE(world.find_user("alice")->sso.active);
  EXPECT_EQ(revoke("admin-token", "me"), std::nullopt);
  EXPECT_FALSE(world.find_user("admin")->sso.active);
}

TEST_F(ModelTest, MeWithoutAUserOfItsOwnIsAnUnknownUser) {
  EXPECT_EQ(revoke("account-token", "me"), (ApiError{404, 1001, "User does not exist: me."}));
}

TEST_F(ModelTest, UserLevelScopeCoversOnlyItsOwnUser) {
  EXPECT_EQ(revoke("alice-token", "alice"), std::nullopt);
  EXPECT_EQ(revoke("alice-token", "ALICE@example.com"), std::nullopt);
  EXPECT_EQ(revoke("alice-token", "bob"), (ApiError{400, 200, "No permission."}));
  EXPECT_EQ(revoke("alice-token", "nobody"), (ApiError{400, 200, "No permission."}));
  EXPECT_TRUE(world.find_user("bob")->sso.active);
}

TEST_F(ModelTest, MissingScopesIs4711NamingTheRequiredScopes) {
  EXPECT_EQ(revoke("no-scope-token", "alice"),
            (ApiError{400, 4711,
                      "Invalid access token, does not contain scopes:[user:write:admin, "
                      "user:write]."}));
  EXPECT_TRUE(world.find_user("alice")->sso.active);
}

TEST_F(ModelTest, ScopesAreCheckedBeforeTheUserLookup) {
  EXPECT_EQ(revoke("no-scope-token", "nobody").value().code, 4711);
}

TEST_F(ModelTest, MissingHeaderIsInvalidToken) { EXPECT_EQ(auth_error(std::nullopt), kInvalidToken); }

TEST_F(ModelTest, MalformedHeadersAreInvalidToken) {
  for (std::string_view header :
       {"", "Bearer", "Bearer ", "Bearer  ", "Basic YWRtaW4tdG9rZW4=", "Token admin-token",
        "admin-token", "Bearer admin-token extra", "Bearer unknown-token", "Bearerxadmin-token",
        "Bearer admin-token-suffix"}) {
    EXPECT_EQ(auth_error(header), kInvalidToken) << "header: \"" << header << "\"";
  }
}

TEST_F(ModelTest, DuplicatedHeaderIsInvalidToken) {
  EXPECT_EQ(auth_error("Bearer admin-token", true), kInvalidToken);
}

TEST_F(ModelTest, SchemeIsCaseInsensitiveAndSpacesAreTolerated) {
  for (std::string_view header : {"bearer admin-token", "BEARER admin-token",
                                  "Bearer   admin-token", " Bearer admin-token "}) {
    auto result = model.authenticate(Credentials{header, false}, kNow);
    ASSERT_TRUE(std::holds_alternative<Caller>(result)) << header;
    EXPECT_EQ(std::get<Caller>(result)->access_token, "admin-token");
  }
}

TEST_F(ModelTest, TokenExpiresAtItsInstant) {
  const std::string_view header = "Bearer expiring-token";
  const auto just_before = model.authenticate(Credentials{header, false},
                                              kNow + seconds(10) - std::chrono::microseconds(1));
  EXPECT_TRUE(std::holds_alternative<Caller>(just_before));
  EXPECT_EQ(auth_error(header, false, kNow + seconds(10)), kExpiredToken);
  EXPECT_EQ(auth_error(header, false, kNow + seconds(11)), kExpiredToken);
}

TEST_F(ModelTest, ConfiguredScopesReplaceTheDocumentedOnes) {
  const ScopeRule granular = ScopeRule::from_documented({"user:delete:token:admin"});
  EXPECT_EQ(model.revoke_sso_token(*login("admin-token"), "alice", granular, kNow),
            (ApiError{400, 4711,
                      "Invalid access token, does not contain scopes:[user:delete:token:admin]."}));
}

TEST_F(ModelTest, CatalogOverridesChangeTheAnswer) {
  errors.set(ErrorKind::kNoPermission, ApiError{403, 200, "Forbidden for {userId}."});
  EXPECT_EQ(revoke("alice-token", "bob"), (ApiError{403, 200, "Forbidden for {userId}."}));
}

TEST(ErrorCatalogTest, FillsBothPlaceholderStyles) {
  EXPECT_EQ(fill_template("User does not exist: $userId.", {{"userId", "a@b"}}),
            "User does not exist: a@b.");
  EXPECT_EQ(fill_template("{limit} of {label}", {{"limit", "6000"}, {"label", "Light"}}),
            "6000 of Light");
  EXPECT_EQ(fill_template("{unknown} $", {{"limit", "1"}}), "{unknown} $");
}

TEST(ErrorCatalogTest, NamesRoundTrip) {
  for (std::size_t k = 0; k < kErrorKindCount; ++k) {
    const auto kind = static_cast<ErrorKind>(k);
    EXPECT_EQ(error_kind_from_name(error_kind_name(kind)), kind);
  }
  EXPECT_EQ(error_kind_from_name("nonsense"), std::nullopt);
}

}  // namespace
}  // namespace zoom_mock
