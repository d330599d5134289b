// Unit tests of request patterns, the journal and the fault table.
#include <gtest/gtest.h>

#include "zoom_mock/faults.h"
#include "zoom_mock/fixtures.h"
#include "zoom_mock/journal.h"

namespace zoom_mock {
namespace {

using nlohmann::json;

struct Request {
  HeaderList headers{{"Authorization", "Bearer mock-admin-token"}, {"X-Trace", "abc-123"}};
  RequestFacts facts(std::string_view method = "DELETE",
                     std::string_view raw_path = "/v2/users/bob%2Bsso%40example.com/token",
                     std::string_view decoded = "/v2/users/bob+sso@example.com/token",
                     std::string_view query = "", std::string_view user = "bob+sso@example.com",
                     std::string_view user_id = "") {
    return RequestFacts{method, raw_path, decoded, query, &headers, user, user_id};
  }
};

bool matches(const json& pattern, const RequestFacts& facts) {
  return RequestPattern::from_json(pattern).matches(facts);
}

TEST(RequestPatternTest, EmptyPatternMatchesEverything) {
  Request r;
  EXPECT_TRUE(matches(json::object(), r.facts()));
  EXPECT_TRUE(matches({{"method", "ANY"}}, r.facts("GET")));
}

TEST(RequestPatternTest, MethodAndPaths) {
  Request r;
  EXPECT_TRUE(matches({{"method", "DELETE"}}, r.facts()));
  EXPECT_FALSE(matches({{"method", "GET"}}, r.facts()));
  EXPECT_TRUE(matches({{"urlPath", "/v2/users/bob+sso@example.com/token"}}, r.facts()));
  EXPECT_TRUE(matches({{"urlPath", "/v2/users/bob%2Bsso%40example.com/token"}}, r.facts()));
  EXPECT_FALSE(matches({{"urlPath", "/v2/users/bob/token"}}, r.facts()));
  EXPECT_TRUE(matches({{"urlPathPattern", "/v2/users/[^/]+/token"}}, r.facts()));
  EXPECT_FALSE(matches({{"urlPathPattern", "/v2/users"}}, r.facts())) << "whole path only";
}

TEST(RequestPatternTest, UrlIncludesTheQuery) {
  Request r;
  const auto facts = r.facts("GET", "/v2/x", "/v2/x", "a=1&b=2", "");
  EXPECT_TRUE(matches({{"url", "/v2/x?a=1&b=2"}}, facts));
  EXPECT_FALSE(matches({{"url", "/v2/x"}}, facts));
  EXPECT_TRUE(matches({{"urlPattern", "/v2/x\\?a=\\d.*"}}, facts));
  EXPECT_TRUE(matches({{"urlPath", "/v2/x"}}, facts));
}

TEST(RequestPatternTest, Headers) {
  Request r;
  EXPECT_TRUE(matches({{"headers", {{"x-trace", {{"equalTo", "abc-123"}}}}}}, r.facts()));
  EXPECT_TRUE(matches({{"headers", {{"X-Trace", {{"matches", "[a-z]+-\\d+"}}}}}}, r.facts()));
  EXPECT_TRUE(matches({{"headers", {{"Authorization", {{"contains", "admin"}}}}}}, r.facts()));
  EXPECT_FALSE(matches({{"headers", {{"X-Trace", {{"equalTo", "other"}}}}}}, r.facts()));
  EXPECT_FALSE(matches({{"headers", {{"X-Absent", {{"contains", ""}}}}}}, r.facts()));
  EXPECT_TRUE(matches({{"headers", {{"X-Absent", {{"absent", true}}}}}}, r.facts()));
  EXPECT_FALSE(matches({{"headers", {{"X-Trace", {{"absent", true}}}}}}, r.facts()));
}

TEST(RequestPatternTest, UserIdComparesEmailsCaseInsensitively) {
  Request r;
  EXPECT_TRUE(matches({{"userId", "BOB+SSO@example.com"}}, r.facts()));
  EXPECT_FALSE(matches({{"userId", "bob"}}, r.facts()));
  EXPECT_FALSE(matches({{"userId", "Sso-User"}}, r.facts("DELETE", "/x", "/x", "", "sso-user")))
      << "ids are case-sensitive";
}

TEST(RequestPatternTest, BoundUserIdMatchesTheUserHoweverNamed) {
  World world;
  WorldData data;
  User bob;
  bob.id = "bob-id";
  bob.email = "bob+sso@example.com";
  data.users = {bob};
  ASSERT_FALSE(world.replace(data));
  auto pattern = RequestPattern::from_json({{"userId", "BOB+sso@example.com"}});
  Request r;
  const auto by_id = r.facts("DELETE", "/v2/users/bob-id/token", "/v2/users/bob-id/token", "",
                             "bob-id", "bob-id");
  EXPECT_FALSE(pattern.matches(by_id)) << "unbound: literal only";
  pattern.bind_user(world);
  EXPECT_TRUE(pattern.matches(by_id));
  EXPECT_TRUE(pattern.matches(r.facts("DELETE", "/me", "/me", "", "me", "bob-id")));
  EXPECT_FALSE(pattern.matches(r.facts("DELETE", "/x", "/x", "", "other", "other-id")));
}

TEST(RequestPatternTest, RegexOnHugeSubjectsNeverMatches) {
  Request r;
  const std::string huge = "/v2/users/" + std::string(20000, 'a') + "/token";
  EXPECT_FALSE(matches({{"urlPathPattern", "/v2/users/.*/token"}},
                       r.facts("DELETE", huge, huge, "", "a")));
}

TEST(RequestPatternTest, BadPatternsNameTheField) {
  auto field_of = [](const json& pattern) {
    try {
      RequestPattern::from_json(pattern, "/request");
    } catch (const FieldError& error) {
      return error.path();
    }
    return std::string("no error");
  };
  EXPECT_EQ(field_of(5), "/request");
  EXPECT_EQ(field_of({{"method", ""}}), "/request/method");
  EXPECT_EQ(field_of({{"urlPathPattern", "(("}}), "/request/urlPathPattern");
  EXPECT_EQ(field_of({{"headers", {{"A", {{"equalTo", 1}}}}}}), "/request/headers/A/equalTo");
  EXPECT_EQ(field_of({{"headers", {{"A", {{"absent", false}}}}}}), "/request/headers/A/absent");
  EXPECT_EQ(field_of({{"headers", {{"A", "x"}}}}), "/request/headers/A");
  EXPECT_EQ(field_of({{"hedaers", {}}}), "/request/hedaers");
}

TEST(RequestPatternTest, RoundTripsToJson) {
  const json pattern = {{"method", "DELETE"},
                        {"urlPathPattern", "/v2/.*"},
                        {"headers", {{"X", {{"contains", "y"}}}}},
                        {"userId", "me"}};
  EXPECT_EQ(RequestPattern::from_json(pattern).to_json(), pattern);
}

TEST(RedactionTest, ShowsSchemeAndLastFourOnly) {
  EXPECT_EQ(redact_authorization("Bearer mock-admin-token"), "Bearer ***oken");
  EXPECT_EQ(redact_authorization("Basic YWJjZGVmZ2hpams="), "Basic ***ams=");
  EXPECT_EQ(redact_authorization("Bearer short"), "Bearer ***");
  EXPECT_EQ(redact_authorization("naked-token-value"), "***alue");
  EXPECT_EQ(redact_authorization(""), "***");
}

JournalEntry entry(std::string method, std::string path, int status) {
  JournalEntry e;
  e.method = std::move(method);
  e.path = std::move(path);
  e.status = status;
  e.time = Clock::now();
  if (status != 404) e.operation = "op";
  return e;
}

TEST(JournalTest, BoundedNewestFirst) {
  Journal journal(3);
  for (int i = 0; i < 5; ++i) journal.record(entry("DELETE", "/p" + std::to_string(i), 204));
  const auto all = journal.list({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].path, "/p4");
  EXPECT_EQ(all[0].id, 5u);
  EXPECT_EQ(all[2].path, "/p2");
  EXPECT_EQ(journal.dropped(), 2u);
  EXPECT_EQ(journal.total_recorded(), 5u);
}

TEST(JournalTest, ZeroLimitKeepsNothing) {
  Journal journal(0);
  journal.record(entry("GET", "/", 200));
  EXPECT_EQ(journal.size(), 0u);
}

TEST(JournalTest, KeepsTheFirst64KiBOfABody) {
  const std::string body(100 * 1024, 'x');
  JournalEntry e = entry("POST", "/v2/users", 201);
  e.body = std::string_view(body);
  Journal journal(10);
  journal.record(std::move(e));
  const JournalEntry kept = journal.list({}).at(0);
  EXPECT_EQ(kept.body.kept(), std::string(64 * 1024, 'x'));
  EXPECT_EQ(kept.body.bytes(), 102400u);
  EXPECT_TRUE(kept.body.truncated());
  const json shown = journal_entry_to_json(kept);
  EXPECT_EQ(shown["body"].get<std::string>().size(), 65536u);
  EXPECT_EQ(shown["body_bytes"], 102400);
  EXPECT_EQ(shown["body_truncated"], true);
}

TEST(JournalTest, KeepsASmallBodyWhole) {
  JournalEntry e = entry("POST", "/v2/users", 201);
  e.body = R"({"email":"a@example.com"})";
  const json shown = journal_entry_to_json(e);
  EXPECT_EQ(shown["body"], R"({"email":"a@example.com"})");
  EXPECT_EQ(shown["body_bytes"], 25);
  EXPECT_EQ(shown["body_truncated"], false);
  EXPECT_EQ(journal_entry_to_json(entry("GET", "/", 200))["body_bytes"], 0);
}

TEST(JournalTest, BodiesAreCutAtACharacterBoundary) {
  // "é" is 2 bytes; one starting at byte 65535 would straddle the cut.
  const std::string body = std::string(65535, 'a') + "\xC3\xA9" + "tail";
  const JournalBody kept(body);
  EXPECT_EQ(kept.kept(), std::string(65535, 'a'));
  EXPECT_EQ(kept.bytes(), body.size());
  EXPECT_TRUE(kept.truncated());
  const std::string exact(JournalBody::kKeptLimit, 'b');
  EXPECT_FALSE(JournalBody(exact).truncated());
  EXPECT_EQ(JournalBody(exact).kept(), exact);
}

TEST(JournalTest, ByteLimitDropsTheOldestAndCountsThem) {
  // Each entry's text: "POST" + "/pN" + "op" + a 1000-byte body = 1009 bytes.
  Journal journal(100, 3000);
  for (int i = 0; i < 5; ++i) {
    JournalEntry e = entry("POST", "/p" + std::to_string(i), 201);
    e.body = std::string(1000, 'x');
    journal.record(std::move(e));
  }
  const auto all = journal.list({});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].path, "/p4");
  EXPECT_EQ(all[1].path, "/p3");
  EXPECT_EQ(journal.dropped(), 3u);
  EXPECT_EQ(journal.total_recorded(), 5u);
  EXPECT_EQ(journal.bytes(), 2u * 1009u);
  journal.clear();
  EXPECT_EQ(journal.bytes(), 0u);
}

TEST(JournalTest, TheNewestEntryIsKeptEvenOverTheByteLimit) {
  Journal journal(100, 10);
  journal.record(entry("GET", "/first", 200));
  JournalEntry big = entry("POST", "/big", 201);
  big.body = std::string(1000, 'x');
  journal.record(std::move(big));
  const auto all = journal.list({});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].path, "/big");
  EXPECT_EQ(journal.dropped(), 1u);
}

TEST(JournalTest, FiltersAndCounts) {
  Journal journal(100);
  journal.record(entry("DELETE", "/v2/users/a/token", 204));
  journal.record(entry("DELETE", "/v2/users/b/token", 404));
  journal.record(entry("GET", "/v2/users/a/token", 405));
  JournalFilter filter;
  filter.method = "DELETE";
  EXPECT_EQ(journal.list(filter).size(), 2u);
  filter = {};
  filter.status = 404;
  EXPECT_EQ(journal.list(filter).size(), 1u);
  filter = {};
  filter.matched = false;
  EXPECT_EQ(journal.list(filter).size(), 1u);
  filter = {};
  filter.since = Clock::now() + std::chrono::hours(1);
  EXPECT_EQ(journal.list(filter).size(), 0u);
  EXPECT_EQ(journal.count(RequestPattern::from_json({{"urlPath", "/v2/users/a/token"}})), 2u);
  journal.clear();
  EXPECT_EQ(journal.size(), 0u);
}

TEST(FaultTableTest, TimesCountDownAndFirstMatchWins) {
  FaultTable table;
  EXPECT_TRUE(table.empty());
  const std::string first = table.add(fault_from_json(
      {{"request", {{"method", "GET"}}}, {"response", {{"status", 500}}}, {"times", 2}}));
  table.add(fault_from_json({{"request", json::object()}, {"response", {{"status", 503}}}}));
  EXPECT_FALSE(table.empty());
  Request r;
  EXPECT_EQ(table.take(r.facts("GET"))->response.status, 500);
  EXPECT_EQ(table.take(r.facts("GET"))->id, first);
  EXPECT_EQ(table.take(r.facts("GET"))->response.status, 503) << "the first one is used up";
  EXPECT_EQ(table.list().size(), 1u);
  EXPECT_EQ(table.list()[0].hits, 1u);
  EXPECT_TRUE(table.remove(table.list()[0].id));
  EXPECT_FALSE(table.take(r.facts()));
  EXPECT_TRUE(table.empty());
}

TEST(FaultTableTest, RoundTripsToJson) {
  const json fault = {
      {"request", {{"method", "DELETE"}}},
      {"response",
       {{"status", 429},
        {"jsonBody", {{"code", 429}}},
        {"headers", {{"Retry-After", "2"}}},
        {"fixedDelayMilliseconds", 10},
        {"delayDistribution", {{"type", "uniform"}, {"lower", 1}, {"upper", 5}}},
        {"fault", "TRUNCATED_BODY"}}},
      {"times", 4}};
  json out = fault_to_json(fault_from_json(fault));
  EXPECT_EQ(out["request"], fault["request"]);
  EXPECT_EQ(out["response"], fault["response"]);
  EXPECT_EQ(out["times"], 4);
}

}  // namespace
}  // namespace zoom_mock
