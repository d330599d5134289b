#include "retry_after.h"

#include <gtest/gtest.h>

namespace zoom_client {
namespace {

using std::chrono::milliseconds;
using namespace std::chrono_literals;

// Monday 2024-01-01 12:00:00 UTC.
const std::chrono::system_clock::time_point kNow =
    std::chrono::sys_days{std::chrono::year{2024} / 1 / 1} + 12h;

TEST(ParseRetryAfter, ReadsDelaySeconds) {
  EXPECT_EQ(parse_retry_after("120", kNow), milliseconds{120'000});
  EXPECT_EQ(parse_retry_after("0", kNow), milliseconds{0});
  EXPECT_EQ(parse_retry_after(" 5 ", kNow), milliseconds{5'000});
}

TEST(ParseRetryAfter, ReadsAnHttpDateAsTheTimeUntilThen) {
  EXPECT_EQ(parse_retry_after("Mon, 01 Jan 2024 12:01:30 GMT", kNow), milliseconds{90'000});
}

TEST(ParseRetryAfter, ReadsZoomsIsoTimestampForTheDailyLimit) {
  EXPECT_EQ(parse_retry_after("2024-01-02T00:00:00Z", kNow), milliseconds{12h});
}

TEST(ParseRetryAfter, ATimeAlreadyPastMeansNoWait) {
  EXPECT_EQ(parse_retry_after("Sun, 31 Dec 2023 23:59:59 GMT", kNow), milliseconds{0});
  EXPECT_EQ(parse_retry_after("2024-01-01T12:00:00Z", kNow), milliseconds{0});
}

TEST(ParseRetryAfter, CountsFromASubSecondNow) {
  EXPECT_EQ(parse_retry_after("Mon, 01 Jan 2024 12:00:01 GMT", kNow + 250ms), milliseconds{750});
}

TEST(ParseRetryAfter, RejectsWhatIsNeitherSecondsNorADate) {
  for (const char* value :
       {"", " ", "soon", "-1", "1.5", "1e3", "1234567890", "Mon, 32 Jan 2024 12:00:00 GMT",
        "Mon, 01 Foo 2024 12:00:00 GMT", "Mon, 01 Jan 2024 24:00:00 GMT",
        "Mon, 01 Jan 2024 12:00:00 UTC", "Monday, 01-Jan-24 12:00:00 GMT",
        "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00+01:00"}) {
    EXPECT_EQ(parse_retry_after(value, kNow), std::nullopt) << "value: '" << value << "'";
  }
}

}  // namespace
}  // namespace zoom_client
