#include "retry_after.h"

#include <array>
#include <cstddef>

namespace zoom_client {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The number written by exactly text.substr(pos, count), all digits.
std::optional<int> digits_at(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int number = 0;
  for (char c : text.substr(pos, count)) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

std::optional<system_clock::time_point> utc_time(int year, int month, int day, int hour,
                                                 int minute, int second) {
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

// IMF-fixdate (RFC 9110 section 5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<system_clock::time_point> parse_http_date(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  }
  const auto day = digits_at(text, 5, 2);
  const auto year = digits_at(text, 12, 4);
  const auto hour = digits_at(text, 17, 2);
  const auto minute = digits_at(text, 20, 2);
  const auto second = digits_at(text, 23, 2);
  if (month == 0 || !day || !year || !hour || !minute || !second) return std::nullopt;
  return utc_time(*year, month, *day, *hour, *minute, *second);
}

// "2020-05-31T00:00:00Z".
std::optional<system_clock::time_point> parse_iso_utc(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  const auto year = digits_at(text, 0, 4);
  const auto month = digits_at(text, 5, 2);
  const auto day = digits_at(text, 8, 2);
  const auto hour = digits_at(text, 11, 2);
  const auto minute = digits_at(text, 14, 2);
  const auto second = digits_at(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  return utc_time(*year, *month, *day, *hour, *minute, *second);
}

}  // namespace

std::optional<milliseconds> parse_retry_after(std::string_view value, system_clock::time_point now) {
  value = trim(value);
  // Nine digits are over 31 years: enough for any real wait, and no overflow.
  if (!value.empty() && value.size() <= 9) {
    if (const auto seconds = digits_at(value, 0, value.size())) {
      return std::chrono::seconds{*seconds};
    }
  }
  auto when = parse_http_date(value);
  if (!when) when = parse_iso_utc(value);
  if (!when) return std::nullopt;
  if (*when <= now) return milliseconds{0};
  return std::chrono::ceil<milliseconds>(*when - now);
}

}  // namespace zoom_client
