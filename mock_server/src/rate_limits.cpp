#include "zoom_mock/rate_limits.h"

#include <charconv>

namespace zoom_mock {
namespace {

constexpr std::string_view kHeavyPool = "heavy+resource-intensive";

// Zoom's published limits (developers.zoom.us, rate limits), by plan and
// label; labels compare case-insensitively.
Budget published(RateLimitPlan plan, const std::string& label) {
  Budget b;
  const bool light = label == "light", medium = label == "medium", heavy = label == "heavy",
             intensive = label == "resource-intensive";
  switch (plan) {
    case RateLimitPlan::kOff:
      break;
    case RateLimitPlan::kFree:
      if (light) b = {4, {}, 6000, {}};
      if (medium) b = {2, {}, 2000, {}};
      if (heavy) b = {1, {}, 1000, {}};
      if (intensive) b = {{}, 10, 30000, {}};
      break;
    case RateLimitPlan::kPro:
      if (light) b = {30, {}, {}, {}};
      if (medium) b = {20, {}, {}, {}};
      if (heavy) b = {10, {}, 30000, std::string(kHeavyPool)};
      if (intensive) b = {{}, 10, 30000, std::string(kHeavyPool)};
      break;
    case RateLimitPlan::kBusiness:
      if (light) b = {80, {}, {}, {}};
      if (medium) b = {60, {}, {}, {}};
      if (heavy) b = {40, {}, 60000, std::string(kHeavyPool)};
      if (intensive) b = {{}, 20, 60000, std::string(kHeavyPool)};
      break;
  }
  return b;
}

std::int64_t seconds_of(TimePoint t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Floor division, so windows before 1970 still align.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::optional<RateLimitPlan> rate_limit_plan_from_name(std::string_view name) {
  if (name == "off") return RateLimitPlan::kOff;
  if (name == "free") return RateLimitPlan::kFree;
  if (name == "pro") return RateLimitPlan::kPro;
  if (name == "business") return RateLimitPlan::kBusiness;
  return std::nullopt;
}

std::string_view rate_limit_plan_name(RateLimitPlan plan) {
  switch (plan) {
    case RateLimitPlan::kOff: return "off";
    case RateLimitPlan::kFree: return "free";
    case RateLimitPlan::kPro: return "pro";
    case RateLimitPlan::kBusiness: return "business";
  }
  return "off";
}

Budget plan_budget(RateLimitPlan plan, std::string_view label) {
  return published(plan, lower_ascii(label));
}

bool parse_budget_term(std::string_view text, Budget& budget) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  int count = 0;
  const auto number = text.substr(0, slash);
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), count);
  if (ec != std::errc() || end != number.data() + number.size() || count < 1) return false;
  const auto unit = text.substr(slash + 1);
  if (unit == "s" || unit == "sec" || unit == "second") {
    budget.per_second = count;
  } else if (unit == "min" || unit == "minute") {
    budget.per_minute = count;
  } else if (unit == "day" || unit == "d") {
    budget.per_day = count;
  } else {
    return false;
  }
  return true;
}

RateLimiter::RateLimiter(RateLimitPlan plan, std::map<std::string, Budget> overrides)
    : plan_(plan),
      overrides_([&] {
        std::map<std::string, Budget, std::less<>> lowered;
        for (auto& [label, budget] : overrides) lowered[lower_ascii(label)] = budget;
        return lowered;
      }()),
      enabled_(plan != RateLimitPlan::kOff || !overrides_.empty()) {}

Budget RateLimiter::budget(std::string_view label) const {
  const std::string key = lower_ascii(label);
  if (auto it = overrides_.find(key); it != overrides_.end()) return it->second;
  return published(plan_, key);
}

RateLimitVerdict RateLimiter::admit(std::string_view account, std::string_view label,
                                    TimePoint now) {
  RateLimitVerdict verdict;
  if (!enabled_ || label.empty()) return verdict;
  const Budget limits = budget(label);
  if (!limits.limits_anything()) return verdict;

  const std::int64_t second = seconds_of(now);
  const std::string lowered = lower_ascii(label);
  const std::string prefix = std::string(account) + "|";

  std::lock_guard lock(mutex_);
  Window* daily = nullptr;
  std::int64_t day = 0;
  if (limits.per_day) {
    day = floor_div(second, 86400);
    daily = &windows_[prefix + (limits.daily_pool.empty() ? lowered : limits.daily_pool) + "|d"];
    if (daily->index != day) *daily = Window{day, 0};
    if (daily->count >= *limits.per_day) {
      verdict.allowed = false;
      verdict.type = "Daily-limit";
      verdict.limit = *limits.per_day;
      verdict.window_end = TimePoint(std::chrono::seconds((day + 1) * 86400));
      verdict.retry_after_seconds = (day + 1) * 86400 - second;
      return verdict;
    }
  }
  Window* burst = nullptr;
  if (limits.per_second || limits.per_minute) {
    const std::int64_t length = limits.per_second ? 1 : 60;
    const int limit = limits.per_second ? *limits.per_second : *limits.per_minute;
    const std::int64_t index = floor_div(second, length);
    burst = &windows_[prefix + lowered + (length == 1 ? "|s" : "|m")];
    if (burst->index != index) *burst = Window{index, 0};
    if (burst->count >= limit) {
      verdict.allowed = false;
      verdict.type = "QPS";
      verdict.limit = limit;
      verdict.window_end = TimePoint(std::chrono::seconds((index + 1) * length));
      verdict.retry_after_seconds = std::max<std::int64_t>(1, (index + 1) * length - second);
      return verdict;
    }
  }
  if (daily != nullptr) ++daily->count;
  if (burst != nullptr) ++burst->count;
  return verdict;
}

void RateLimiter::reset() {
  std::lock_guard lock(mutex_);
  windows_.clear();
}

}  // namespace zoom_mock
