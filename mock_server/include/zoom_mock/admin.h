// The control plane of a running fake, in-process: seed users and tokens,
// read the request journal, install faults, reset. The /__admin HTTP API is
// a thin layer over this class, so both behave alike.
//
//   zoom_mock::Admin& admin = server.admin();
//   admin.add_user(user);
//   EXPECT_EQ(admin.count_requests(pattern), 1u);
//
// Thread safety: every member may be called from any thread while the
// server serves requests; each delegates to a store with its own guard.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "zoom_mock/faults.h"
#include "zoom_mock/fixtures.h"
#include "zoom_mock/journal.h"
#include "zoom_mock/rate_limits.h"
#include "zoom_mock/world.h"

namespace zoom_mock {

class Admin {
 public:
  Admin(World& world, Journal& journal, FaultTable& faults, RateLimiter& rate_limiter,
        const WorldData& initial)
      : world_(world),
        journal_(journal),
        faults_(faults),
        rate_limiter_(rate_limiter),
        initial_(initial) {}

  std::vector<User> users() const { return world_.users(); }
  std::optional<User> user(std::string_view id) const { return world_.find_user(id); }
  std::optional<WorldError> add_user(const User& user) { return world_.add_user(user); }
  std::optional<WorldError> put_user(std::string_view id, const User& user) {
    return world_.update_user(id, user);
  }
  // Removes the user and the tokens bound to it.
  bool remove_user(std::string_view id) { return world_.remove_user(id); }

  std::vector<AccessToken> tokens() const;
  std::optional<WorldError> add_token(const AccessToken& token) { return world_.add_token(token); }
  bool remove_token(std::string_view token) { return world_.remove_token(token); }

  // The whole state, as a world file --fixtures can load again.
  WorldData state() const { return world_.snapshot(); }
  // Back to the fixtures' state (tokens /oauth/token issued are gone);
  // clears the journal, the faults and the rate-limit counters.
  void reset();

  // Patterns naming a userId match requests for that user however named.
  std::vector<JournalEntry> requests(JournalFilter filter = {}) const {
    if (filter.pattern) filter.pattern->bind_user(world_);
    return journal_.list(filter);
  }
  std::size_t count_requests(RequestPattern pattern) const {
    pattern.bind_user(world_);
    return journal_.count(pattern);
  }
  void clear_requests() { journal_.clear(); }
  const Journal& journal() const { return journal_; }

  std::string add_fault(Fault fault) {
    fault.request.bind_user(world_);
    return faults_.add(std::move(fault));
  }
  // Parses a fault in the /__admin/faults JSON form; throws FieldError.
  std::string add_fault(const nlohmann::json& fault) { return add_fault(fault_from_json(fault)); }
  bool remove_fault(const std::string& id) { return faults_.remove(id); }
  void clear_faults() { faults_.clear(); }
  std::vector<Fault> faults() const { return faults_.list(); }

 private:
  World& world_;
  Journal& journal_;
  FaultTable& faults_;
  RateLimiter& rate_limiter_;
  const WorldData& initial_;
};

}  // namespace zoom_mock
