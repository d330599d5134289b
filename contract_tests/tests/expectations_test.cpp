// The checks every contract case applies to a response.
#include "expectations.h"

#include <gtest/gtest.h>

namespace zoom_contract {
namespace {

using zoom_client::RawResponse;

RawResponse zoom_error(int status, const std::string& body) {
  return {status,
          {{"Content-Type", "application/json;charset=UTF-8"}, {"x-zm-trackingid", "v=2.0;rid=1"}},
          body};
}

const ExpectedResponse kUserNotFound{404, 1001, "User does not exist: x.", "test"};

TEST(IsJsonUtf8, AcceptsWhatRfc9110Equates) {
  EXPECT_TRUE(is_json_utf8("application/json;charset=UTF-8"));
  EXPECT_TRUE(is_json_utf8("application/json; charset=utf-8"));
  EXPECT_TRUE(is_json_utf8("Application/JSON ; Charset=\"UTF-8\""));
  EXPECT_TRUE(is_json_utf8("application/json;foo=bar;charset=UTF-8"));
}

TEST(IsJsonUtf8, RefusesOtherTypesAndCharsets) {
  EXPECT_FALSE(is_json_utf8("application/json"));
  EXPECT_FALSE(is_json_utf8("application/json;charset=ISO-8859-1"));
  EXPECT_FALSE(is_json_utf8("text/plain;charset=UTF-8"));
  EXPECT_FALSE(is_json_utf8("application/jsonx;charset=UTF-8"));
  EXPECT_FALSE(is_json_utf8(""));
}

TEST(Mismatches, NoneForZoomsOwnAnswer) {
  EXPECT_TRUE(mismatches(kUserNotFound,
                         zoom_error(404, R"({"code":1001,"message":"User does not exist: x."})"))
                  .empty());
  EXPECT_TRUE(
      mismatches({204, std::nullopt, std::nullopt, "test"}, {204, {{"x-zm-trackingid", "t"}}, ""})
          .empty());
  EXPECT_TRUE(mismatches({400, 300, std::nullopt, "test"},
                         zoom_error(400, R"({"code":300,"message":"m","errors":[]})"))
                  .empty());
}

TEST(Mismatches, NamesEveryDifference) {
  RawResponse response{200, {{"Content-Type", "text/html"}}, "<html>"};
  EXPECT_EQ(mismatches(kUserNotFound, response),
            (std::vector<std::string>{
                "status: expected 404, got 200", "headers: x-zm-trackingid is missing",
                "headers: Content-Type expected application/json;charset=UTF-8, got \"text/html\"",
                "body: expected a JSON object {\"code\",\"message\"}, got something else"}));
}

TEST(Mismatches, ChecksTheErrorBodyFieldByField) {
  EXPECT_EQ(mismatches(kUserNotFound, zoom_error(404, R"({"code":"1001","message":7,"x":1})")),
            (std::vector<std::string>{
                "body: unexpected field \"x\" (Zoom's errors hold code, message and, for "
                "validation failures, errors)",
                "body: \"code\" must be an integer, got \"1001\"",
                "body: \"message\" must be a string, got 7"}));
  EXPECT_EQ(
      mismatches(kUserNotFound,
                 zoom_error(404, R"({"code":1002,"message":"User does not exist: X."})")),
      (std::vector<std::string>{
          "body: code expected 1001, got 1002",
          "body: message expected \"User does not exist: x.\", got \"User does not exist: X.\""}));
  EXPECT_EQ(
      mismatches(kUserNotFound, zoom_error(404, "{}")),
      (std::vector<std::string>{"body: \"code\" is missing", "body: \"message\" is missing"}));
  EXPECT_EQ(mismatches(kUserNotFound, zoom_error(404, "")),
            std::vector<std::string>{
                "body: expected Zoom's error JSON {\"code\",\"message\"}, got an empty body"});
}

TEST(Mismatches, ACharsetIsRequired) {
  RawResponse response = zoom_error(404, R"({"code":1001,"message":"User does not exist: x."})");
  response.headers.set("Content-Type", "application/json");
  EXPECT_EQ(
      mismatches(kUserNotFound, response),
      std::vector<std::string>{"headers: Content-Type expected application/json;charset=UTF-8, "
                               "got \"application/json\""});
}

TEST(Mismatches, A204HasNoBody) {
  EXPECT_EQ(mismatches({204, std::nullopt, std::nullopt, "test"},
                       {204, {{"x-zm-trackingid", "t"}}, "{}"}),
            std::vector<std::string>{"body: expected none on 204, got 2 bytes"});
}

TEST(ExpectedResponse, DescribesItself) {
  EXPECT_EQ(kUserNotFound.describe(),
            "404 {\"code\":1001,\"message\":\"User does not exist: x.\"}, Content-Type "
            "application/json;charset=UTF-8, x-zm-trackingid");
  EXPECT_EQ((ExpectedResponse{204, std::nullopt, std::nullopt, ""}).describe(),
            "204 with no body, x-zm-trackingid");
  EXPECT_EQ((ExpectedResponse{400, 4711, std::nullopt, ""}).describe(),
            "400 {\"code\":4711,\"message\":\"<string>\"}, Content-Type "
            "application/json;charset=UTF-8, x-zm-trackingid");
}

}  // namespace
}  // namespace zoom_contract
