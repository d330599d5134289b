#include "zoom_mock/admin.h"

namespace zoom_mock {

std::vector<AccessToken> Admin::tokens() const {
  std::vector<AccessToken> out;
  for (const auto& token : world_.tokens()) out.push_back(*token);
  return out;
}

void Admin::reset() {
  // The initial world was validated at start-up, so replacing cannot fail.
  world_.replace(initial_);
  journal_.clear();
  faults_.clear();
  rate_limiter_.reset();
}

}  // namespace zoom_mock
