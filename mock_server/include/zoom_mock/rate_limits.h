// Zoom's rate limits: per account and per label ("Light", "Medium",
// "Heavy", "Resource-intensive"), shared by every operation of the label.
// A plan (free, pro, business) sets each label's budget per second (per
// minute for Resource-intensive) and, on some plans, per day; overrides set
// a label's budget directly. Windows are fixed and aligned on the clock:
// the current second, minute, or UTC day.
//
// Thread safety: a RateLimiter is shared by every request thread; its
// counters are guarded by one mutex, taken only when limits are on.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "zoom_mock/world.h"

namespace zoom_mock {

enum class RateLimitPlan { kOff, kFree, kPro, kBusiness };

std::optional<RateLimitPlan> rate_limit_plan_from_name(std::string_view name);
std::string_view rate_limit_plan_name(RateLimitPlan plan);

struct Budget {
  std::optional<int> per_second;
  std::optional<int> per_minute;
  std::optional<int> per_day;
  // Labels naming the same daily pool share their daily count (Zoom's Heavy
  // and Resource-intensive labels do on the Pro and Business plans).
  std::string daily_pool;

  bool limits_anything() const { return per_second || per_minute || per_day; }
};

// Zoom's published budget for `label` on `plan` (nothing for kOff or an
// unknown label).
Budget plan_budget(RateLimitPlan plan, std::string_view label);

// Parses "5/s", "10/min", "6000/day" into `budget`; false if malformed.
bool parse_budget_term(std::string_view text, Budget& budget);

struct RateLimitVerdict {
  bool allowed = true;
  // When refused:
  std::string type;  // "QPS" or "Daily-limit"
  int limit = 0;
  int remaining = 0;
  std::int64_t retry_after_seconds = 0;  // until the window ends, at least 1
  TimePoint window_end;
};

class RateLimiter {
 public:
  // Overrides replace the plan's budget for their label, whole.
  RateLimiter(RateLimitPlan plan, std::map<std::string, Budget> overrides);

  bool enabled() const { return enabled_; }
  Budget budget(std::string_view label) const;

  // Counts one call of `label` by `account` at `now`, unless over budget.
  RateLimitVerdict admit(std::string_view account, std::string_view label, TimePoint now);
  void reset();

 private:
  struct Window {
    std::int64_t index = -1;  // which second / minute / day
    int count = 0;
  };

  const RateLimitPlan plan_;
  const std::map<std::string, Budget, std::less<>> overrides_;
  const bool enabled_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;  // key: account|label|window kind
};

}  // namespace zoom_mock
