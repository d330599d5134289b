// Zoom fidelity beyond the endpoint: the Server-to-Server OAuth token
// endpoint, rate limits with Zoom's headers, Prefer-driven examples, HTTPS.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <memory>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "zoom_mock/oauth.h"
#include "zoom_mock/scoped_server.h"

namespace zoom_mock {
namespace {

using nlohmann::json;
using std::chrono::seconds;

constexpr const char* kJson = "application/json;charset=UTF-8";

// A clock the test moves by hand, so windows and expiries are exact.
class ManualClock {
 public:
  explicit ManualClock(TimePoint start)
      : ticks_(std::make_shared<std::atomic<Clock::rep>>(start.time_since_epoch().count())) {}
  std::function<TimePoint()> function() const {
    return [ticks = ticks_] { return TimePoint(Clock::duration(ticks->load())); };
  }
  void advance(Clock::duration by) { ticks_->fetch_add(by.count()); }

 private:
  std::shared_ptr<std::atomic<Clock::rep>> ticks_;
};

// 2026-12-04T10:00:00Z: mid-second, mid-day boundaries are easy to reason about.
const TimePoint kStart = *parse_timestamp("2026-12-04T10:00:00Z");

std::string basic(const std::string& id, const std::string& secret) {
  std::string raw = id + ":" + secret;
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : raw) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return "Basic " + out;
}

class FidelityTest : public ::testing::Test {
 protected:
  void start(ServerOptions options) {
    options.clock = clock.function();
    // Tests name their own fixtures, or get the repository's.
    if (options.fixtures == ServerOptions{}.fixtures) options.fixtures = ZOOM_FIXTURES_DIR;
    zoom = std::make_unique<ScopedServer>(std::move(options));
    client = std::make_unique<httplib::Client>("127.0.0.1", zoom->port());
  }
  void SetUp() override { start({}); }

  httplib::Result revoke(const std::string& user, const std::string& token,
                         httplib::Headers extra = {}) {
    extra.emplace("Authorization", "Bearer " + token);
    return client->Delete("/v2/users/" + user + "/token", extra);
  }
  httplib::Result token_request(const std::string& body,
                                const std::string& authorization = basic("mock-client-id",
                                                                         "mock-client-secret"),
                                const std::string& query = "") {
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    return client->Post("/oauth/token" + query, headers, body,
                        "application/x-www-form-urlencoded");
  }

  ManualClock clock{kStart};
  std::unique_ptr<ScopedServer> zoom;
  std::unique_ptr<httplib::Client> client;
};

// --- OAuth ---

TEST_F(FidelityTest, OAuthIssuesAWorkingTokenWithTheAppsScopes) {
  auto res = token_request("grant_type=account_credentials&account_id=mock-account");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  const json body = json::parse(res->body);
  EXPECT_EQ(body["token_type"], "bearer");
  EXPECT_EQ(body["expires_in"], 3600);
  EXPECT_EQ(body["scope"], "user:write:admin user:read:admin");
  EXPECT_EQ(body["api_url"], "http://127.0.0.1:" + std::to_string(zoom->port()));
  const std::string token = body["access_token"];
  EXPECT_EQ(revoke("sso-user-alice", token)->status, 204);

  // Listed among the tokens, with the app's scopes and expiry.
  const auto tokens = zoom->admin().tokens();
  const auto issued = std::find_if(tokens.begin(), tokens.end(),
                                   [&](const AccessToken& t) { return t.access_token == token; });
  ASSERT_NE(issued, tokens.end());
  EXPECT_EQ(issued->scopes, (std::vector<std::string>{"user:write:admin", "user:read:admin"}));
  EXPECT_EQ(issued->expires_at, kStart + seconds(3600));
  EXPECT_EQ(issued->issued_to, "mock-client-id");
  const json listed = json::parse(client->Get("/__admin/tokens")->body);
  EXPECT_NE(listed.dump().find(token), std::string::npos);
}

TEST_F(FidelityTest, OAuthTokenExpiresOnTime) {
  const std::string token = json::parse(
      token_request("grant_type=account_credentials&account_id=mock-account")->body)["access_token"];
  clock.advance(seconds(3599));
  EXPECT_EQ(revoke("sso-user-alice", token)->status, 204);
  clock.advance(seconds(1));
  auto res = revoke("sso-user-alice", token);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(json::parse(res->body), (json{{"code", 124}, {"message", "Access token is expired."}}));
}

TEST_F(FidelityTest, OAuthParametersInTheQueryStringWithoutABody) {
  // curl -X POST 'URL?grant_type=...&account_id=...' sends no Content-Length.
  const std::string reply = testing::raw_exchange(
      zoom->port(),
      "POST /oauth/token?grant_type=account_credentials&account_id=mock-account HTTP/1.1\r\n"
      "Host: zoom.test\r\nAuthorization: " +
          basic("mock-client-id", "mock-client-secret") + "\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  EXPECT_NE(reply.find("\"api_url\":\"http://zoom.test\""), std::string::npos)
      << "api_url follows the Host the client used: " << reply;
}

TEST_F(FidelityTest, OAuthErrors) {
  struct Case {
    std::string name;
    std::string body;
    std::string authorization;
    int status;
    std::string reason;
    std::string error;
  };
  const std::string good = basic("mock-client-id", "mock-client-secret");
  const std::string form = "grant_type=account_credentials&account_id=mock-account";
  const std::vector<Case> cases = {
      {"no credentials", form, "", 401, "Invalid client_id or client_secret", "invalid_client"},
      {"wrong secret", form, basic("mock-client-id", "nope"), 401,
       "Invalid client_id or client_secret", "invalid_client"},
      {"unknown client", form, basic("who", "mock-client-secret"), 401,
       "Invalid client_id or client_secret", "invalid_client"},
      {"not basic", form, "Bearer mock-admin-token", 401, "Invalid client_id or client_secret",
       "invalid_client"},
      {"bad base64", form, "Basic %%%", 401, "Invalid client_id or client_secret",
       "invalid_client"},
      {"missing grant type", "account_id=mock-account", good, 400, "Missing grant_type",
       "invalid_request"},
      {"unsupported grant type", "grant_type=client_credentials&account_id=mock-account", good,
       400, "Unsupported grant type", "unsupported_grant_type"},
      {"missing account", "grant_type=account_credentials", good, 400, "Missing account_id",
       "invalid_request"},
      {"unknown account", "grant_type=account_credentials&account_id=other", good, 400,
       "Invalid account_id", "invalid_request"},
  };
  for (const Case& c : cases) {
    auto res = token_request(c.body, c.authorization);
    ASSERT_TRUE(res) << c.name;
    EXPECT_EQ(res->status, c.status) << c.name;
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson) << c.name;
    EXPECT_EQ(json::parse(res->body), (json{{"reason", c.reason}, {"error", c.error}})) << c.name;
  }
  EXPECT_EQ(zoom->admin().tokens().size(), 5u) << "no token was issued";
}

TEST_F(FidelityTest, OAuthAppScopesDecideWhatTheTokenMay) {
  testing::ScratchFixtures scratch;
  json world = json::parse(scratch.read("world.json"));
  world["oauth_apps"].push_back({{"client_id", "reader"},
                                 {"client_secret", "reader-secret"},
                                 {"account_id", "mock-account"},
                                 {"scopes", {"user:read:admin"}},
                                 {"token_ttl_seconds", 60}});
  scratch.write("world.json", world.dump());
  start({.fixtures = scratch.dir()});
  auto res = token_request("grant_type=account_credentials&account_id=mock-account",
                           basic("reader", "reader-secret"));
  const json body = json::parse(res->body);
  EXPECT_EQ(body["expires_in"], 60);
  EXPECT_EQ(revoke("sso-user-alice", body["access_token"])->status, 400) << "4711: no write scope";
}

TEST_F(FidelityTest, ResetForgetsIssuedTokensAndExpiredOnesArePruned) {
  const std::string first = json::parse(
      token_request("grant_type=account_credentials&account_id=mock-account")->body)["access_token"];
  clock.advance(seconds(3600));
  token_request("grant_type=account_credentials&account_id=mock-account");
  const auto tokens = zoom->admin().tokens();
  EXPECT_EQ(tokens.size(), 6u) << "the expired issued token was dropped";
  EXPECT_TRUE(std::none_of(tokens.begin(), tokens.end(),
                           [&](const AccessToken& t) { return t.access_token == first; }));
  zoom->admin().reset();
  EXPECT_EQ(zoom->admin().tokens().size(), 5u);
}

TEST(OAuthFormTest, ParsesFormsAndBase64) {
  EXPECT_EQ(parse_form("a=1&b=two+words&c=%41%2b&d&=e"),
            (std::vector<std::pair<std::string, std::string>>{
                {"a", "1"}, {"b", "two words"}, {"c", "A+"}, {"d", ""}, {"", "e"}}));
  EXPECT_EQ(decode_base64("bW9jay1jbGllbnQtaWQ6c2VjcmV0"), "mock-client-id:secret");
  EXPECT_EQ(decode_base64("YQ=="), "a");
  EXPECT_EQ(decode_base64("Y"), std::nullopt);
  EXPECT_EQ(decode_base64("a b"), std::nullopt);
}

// --- rate limits ---

struct RateCase {
  RateLimitPlan plan;
  int per_second;
  std::string plan_name;
};

class RateLimitPlanTest : public FidelityTest,
                          public ::testing::WithParamInterface<RateCase> {};

TEST_P(RateLimitPlanTest, LightBudgetPerSecondWithZoomsHeaders) {
  const RateCase& c = GetParam();
  start({.rate_limit_plan = c.plan});
  for (int i = 0; i < c.per_second; ++i) {
    ASSERT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204) << "call " << i + 1;
  }
  auto res = revoke("sso-user-alice", "mock-admin-token");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  EXPECT_EQ(json::parse(res->body),
            (json{{"code", 429},
                  {"message",
                   "You have reached the maximum per-second rate limit for this API. Try again "
                   "later."}}));
  EXPECT_EQ(res->get_header_value("X-RateLimit-Category"), "Light");
  EXPECT_EQ(res->get_header_value("X-RateLimit-Type"), "QPS");
  EXPECT_EQ(res->get_header_value("X-RateLimit-Limit"), std::to_string(c.per_second));
  EXPECT_EQ(res->get_header_value("X-RateLimit-Remaining"), "0");
  EXPECT_EQ(res->get_header_value("Retry-After"), "1");
  EXPECT_EQ(zoom->admin().user("sso-user-alice")->sso.revocations,
            static_cast<std::uint64_t>(c.per_second))
      << "a refused call changes nothing";

  clock.advance(seconds(1));
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204) << "the next second";
}

INSTANTIATE_TEST_SUITE_P(Plans, RateLimitPlanTest,
                         ::testing::Values(RateCase{RateLimitPlan::kFree, 4, "free"},
                                           RateCase{RateLimitPlan::kPro, 30, "pro"},
                                           RateCase{RateLimitPlan::kBusiness, 80, "business"}),
                         [](const auto& info) { return info.param.plan_name; });

TEST_F(FidelityTest, FreePlanDailyBudget) {
  start({.rate_limit_plan = RateLimitPlan::kFree});
  // 6,000 a day at 4 a second: spread over 1,500 seconds.
  for (int i = 0; i < 6000; ++i) {
    if (i % 4 == 0 && i > 0) clock.advance(seconds(1));
    ASSERT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204) << "call " << i + 1;
  }
  clock.advance(seconds(1));
  auto res = revoke("sso-user-alice", "mock-admin-token");
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("X-RateLimit-Type"), "Daily-limit");
  EXPECT_EQ(res->get_header_value("X-RateLimit-Limit"), "6000");
  EXPECT_EQ(res->get_header_value("X-RateLimit-Remaining"), "0");
  EXPECT_EQ(res->get_header_value("Retry-After"), "Sat, 05 Dec 2026 00:00:00 GMT");
  EXPECT_EQ(json::parse(res->body)["message"],
            "You have exceeded the daily rate limit (6000) of Light API requests permitted for "
            "this account.");
  clock.advance(std::chrono::hours(14));
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204) << "a new UTC day";
}

TEST_F(FidelityTest, FlagBudgetsOverrideThePlanAndCountPerAccount) {
  start({.rate_limit_plan = RateLimitPlan::kBusiness,
         .rate_limits = {{"Light", Budget{2, {}, 3, {}}}}});
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204);
  EXPECT_EQ(revoke("nobody", "mock-user-token-alice")->status, 400) << "counted, then refused";
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 429) << "same account";
  clock.advance(seconds(1));
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204);
  auto res = revoke("sso-user-alice", "mock-admin-token");
  EXPECT_EQ(res->get_header_value("X-RateLimit-Type"), "Daily-limit");
  EXPECT_EQ(res->get_header_value("X-RateLimit-Limit"), "3");
  EXPECT_EQ(revoke("sso-user-alice", "bad-token")->status, 401) << "auth comes first";
  zoom->admin().reset();
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204) << "reset clears counts";
}

TEST_F(FidelityTest, FixtureBudgets) {
  testing::ScratchFixtures scratch;
  json world = json::parse(scratch.read("world.json"));
  world["rate_limits"] = {{"Light", {{"per_second", 1}}}};
  scratch.write("world.json", world.dump());
  start({.fixtures = scratch.dir()});
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 204);
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token")->status, 429);
}

TEST(RateLimiterTest, PlansFollowZoomsTable) {
  EXPECT_EQ(plan_budget(RateLimitPlan::kFree, "Light").per_second, 4);
  EXPECT_EQ(plan_budget(RateLimitPlan::kFree, "Light").per_day, 6000);
  EXPECT_EQ(plan_budget(RateLimitPlan::kFree, "Medium").per_day, 2000);
  EXPECT_EQ(plan_budget(RateLimitPlan::kFree, "Heavy").per_second, 1);
  EXPECT_EQ(plan_budget(RateLimitPlan::kFree, "Resource-intensive").per_minute, 10);
  EXPECT_EQ(plan_budget(RateLimitPlan::kPro, "Medium").per_second, 20);
  EXPECT_EQ(plan_budget(RateLimitPlan::kPro, "Light").per_day, std::nullopt);
  EXPECT_EQ(plan_budget(RateLimitPlan::kPro, "Heavy").per_day, 30000);
  EXPECT_EQ(plan_budget(RateLimitPlan::kBusiness, "Heavy").per_second, 40);
  EXPECT_EQ(plan_budget(RateLimitPlan::kBusiness, "resource-intensive").per_minute, 20);
  EXPECT_FALSE(plan_budget(RateLimitPlan::kOff, "Light").limits_anything());
  EXPECT_FALSE(plan_budget(RateLimitPlan::kFree, "Unheard-of").limits_anything());
}

TEST(RateLimiterTest, HeavyAndResourceIntensiveShareTheProDailyPool) {
  RateLimiter limiter(RateLimitPlan::kPro, {});
  TimePoint t = kStart;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limiter.admit("acct", "Resource-intensive", t).allowed);
  for (int i = 0; i < 29990; ++i) {
    if (i % 10 == 0) t += seconds(1);  // 10 a second: Heavy's Pro budget
    ASSERT_TRUE(limiter.admit("acct", "Heavy", t).allowed) << i;
  }
  t += seconds(60);
  for (const char* label : {"Heavy", "Resource-intensive"}) {
    const auto verdict = limiter.admit("acct", label, t);
    EXPECT_FALSE(verdict.allowed) << label;
    EXPECT_EQ(verdict.type, "Daily-limit") << label;
    EXPECT_EQ(verdict.limit, 30000) << label;
  }
  EXPECT_TRUE(limiter.admit("other-account", "Heavy", t).allowed) << "per account";
  EXPECT_TRUE(limiter.admit("acct", "Light", t).allowed) << "per label";
}

TEST(RateLimiterTest, PerMinuteWindow) {
  RateLimiter limiter(RateLimitPlan::kFree, {});
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limiter.admit("a", "Resource-intensive", kStart).allowed);
  const auto verdict = limiter.admit("a", "Resource-intensive", kStart + seconds(59));
  EXPECT_FALSE(verdict.allowed);
  EXPECT_EQ(verdict.retry_after_seconds, 1);
  EXPECT_TRUE(limiter.admit("a", "Resource-intensive", kStart + seconds(60)).allowed);
}

TEST(RateLimiterTest, BudgetTerms) {
  Budget budget;
  EXPECT_TRUE(parse_budget_term("5/s", budget));
  EXPECT_TRUE(parse_budget_term("7/min", budget));
  EXPECT_TRUE(parse_budget_term("100/day", budget));
  EXPECT_EQ(budget.per_second, 5);
  EXPECT_EQ(budget.per_minute, 7);
  EXPECT_EQ(budget.per_day, 100);
  for (const char* bad : {"", "5", "/s", "0/s", "-1/s", "5/hour", "x/s", "5/s/s"}) {
    EXPECT_FALSE(parse_budget_term(bad, budget)) << bad;
  }
}

// --- Prefer ---

TEST_F(FidelityTest, PreferCodeAnswersTheDocumentedResponseWithoutChangingState) {
  auto res = revoke("sso-user-alice", "mock-admin-token", {{"Prefer", "code=404"}});
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  EXPECT_EQ(json::parse(res->body),
            (json{{"code", 1001}, {"message", "User does not exist: sso-user-alice."}}));
  res = revoke("nobody", "mock-admin-token", {{"Prefer", "code=204"}});
  EXPECT_EQ(res->status, 204);
  EXPECT_EQ(res->body, "");
  EXPECT_TRUE(zoom->admin().user("sso-user-alice")->sso.active);
}

TEST_F(FidelityTest, PreferExampleByName) {
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token", {{"Prefer", "example=Token deleted"}})
                ->status,
            204);
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token",
                   {{"Prefer", "example=\"user does not exist\""}})
                ->status,
            404);
  EXPECT_TRUE(zoom->admin().user("sso-user-alice")->sso.active);
}

TEST_F(FidelityTest, PreferUndocumentedIs400ListingTheDocumented) {
  auto res = revoke("sso-user-alice", "mock-admin-token", {{"Prefer", "code=500"}});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body),
            (json{{"code", 300},
                  {"message",
                   "Prefer: code=500 matches no documented response of Revoke a user's SSO "
                   "token; documented: 204, 404."}}));
  res = revoke("sso-user-alice", "mock-admin-token", {{"Prefer", "example=nonsense"}});
  EXPECT_EQ(res->status, 400);
}

TEST_F(FidelityTest, PreferComesAfterAuthAndScopes) {
  EXPECT_EQ(revoke("sso-user-alice", "bad", {{"Prefer", "code=204"}})->status, 401);
  EXPECT_EQ(revoke("sso-user-alice", "mock-no-scope-token", {{"Prefer", "code=204"}})->status, 400);
  EXPECT_EQ(revoke("sso-user-alice", "mock-admin-token", {{"Prefer", "respond-async"}})->status,
            204) << "other preferences are ignored";
}

// --- HTTPS ---

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    certs = std::filesystem::path(::testing::TempDir()) / ("zoom-tls-" + std::to_string(getpid()));
    const auto made = testing::run_process({ZOOM_MAKE_DEV_CERT, certs.string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    zoom = std::make_unique<ScopedServer>(ServerOptions{.fixtures = ZOOM_FIXTURES_DIR,
                                                        .tls_cert = certs / "dev-cert.pem",
                                                        .tls_key = certs / "dev-key.pem"});
  }
  void TearDown() override { std::filesystem::remove_all(certs); }

  std::filesystem::path certs;
  std::unique_ptr<ScopedServer> zoom;
};

TEST_F(TlsTest, CurlRevokesOverHttpsTrustingTheDevCertificate) {
  EXPECT_EQ(zoom->base_url(), "https://127.0.0.1:" + std::to_string(zoom->port()));
  const auto curl = testing::run_process(
      {"/usr/bin/curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
       (certs / "dev-cert.pem").string(), "-X", "DELETE", "-H",
       "Authorization: Bearer mock-admin-token", zoom->api_url() + "/users/sso-user-alice/token"});
  EXPECT_EQ(curl.exit_code, 0) << curl.err;
  EXPECT_EQ(curl.out, "204");
  EXPECT_FALSE(zoom->admin().user("sso-user-alice")->sso.active);
}

TEST_F(TlsTest, UntrustedCertificateIsRefusedByCurl) {
  const auto curl = testing::run_process(
      {"/usr/bin/curl", "-sS", "-o", "/dev/null", zoom->base_url() + "/__admin/health"});
  EXPECT_NE(curl.exit_code, 0) << "curl accepted a self-signed certificate it was not told of";
}

TEST_F(TlsTest, OAuthApiUrlIsHttps) {
  httplib::SSLClient client("127.0.0.1", zoom->port());
  client.set_ca_cert_path((certs / "dev-cert.pem").c_str());
  client.enable_server_certificate_verification(true);
  auto res = client.Post("/oauth/token?grant_type=account_credentials&account_id=mock-account",
                         {{"Authorization", basic("mock-client-id", "mock-client-secret")}}, "",
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(json::parse(res->body)["api_url"], zoom->base_url());
}

TEST(TlsStartTest, BadCertificateFilesAreAStartError) {
  auto started = Server::start(ServerOptions{.port = 0,
                                             .fixtures = ZOOM_FIXTURES_DIR,
                                             .tls_cert = "/nonexistent/cert.pem",
                                             .tls_key = "/nonexistent/key.pem"});
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error.kind, StartError::Kind::kTls);
  EXPECT_NE(started.error.message.find("/nonexistent/cert.pem"), std::string::npos);
  started = Server::start(
      ServerOptions{.port = 0, .fixtures = ZOOM_FIXTURES_DIR, .tls_cert = "/x/cert.pem"});
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error.message, "TLS needs both a certificate and a key");
}

}  // namespace
}  // namespace zoom_mock
