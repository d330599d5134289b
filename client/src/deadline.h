// The time by which a whole call must be over, on the steady clock so that
// a wall-clock jump neither ends a call early nor lets it run on.
//
// Thread safety: a plain value.
#pragma once

#include <algorithm>
#include <chrono>

namespace zoom_client {

struct Deadline {
  using Clock = std::chrono::steady_clock;

  static Deadline after(std::chrono::milliseconds budget) { return {Clock::now() + budget}; }

  // Never negative.
  std::chrono::milliseconds remaining() const {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(at - Clock::now());
    return std::max(left, std::chrono::milliseconds{0});
  }
  bool passed() const { return remaining() <= std::chrono::milliseconds{0}; }

  Clock::time_point at;
};

}  // namespace zoom_client
