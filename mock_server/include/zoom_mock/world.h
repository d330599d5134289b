// The fake Zoom account's state: users, access tokens and OAuth apps.
//
// `WorldData` is plain, copyable data: what a fixture file holds and what
// `/__admin/state` exports. `World` is the live store built from it, shared
// by every request thread: lookups take a shared lock on the indexes, a
// user's SSO session has a lock of its own, and only structural changes
// (adding or removing users and tokens, reset) take the exclusive lock. So
// revokes of different users never wait for each other.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zoom_mock {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// A user's SSO session as the revoke endpoint sees it.
struct SsoSession {
  bool active = true;
  std::optional<TimePoint> revoked_at;  // when it was last ended by a revoke
  std::uint64_t revocations = 0;        // how many revokes reached this user
};

struct User {
  std::string id;
  std::string email;
  std::string first_name;
  std::string last_name;
  int type = 1;          // 1 basic, 2 licensed, 3 on-prem (Zoom's user types)
  int login_type = 101;  // 101 is SSO in Zoom's login types
  std::string status = "active";
  SsoSession sso;
};

struct AccessToken {
  std::string access_token;
  std::vector<std::string> scopes;
  std::optional<TimePoint> expires_at;  // absent: never expires
  std::optional<std::string> user_id;   // absent: an account-level token
  std::string description;              // for people reading fixtures
  std::string account_id;               // empty: the world's account
  std::string issued_to;                // client_id, for tokens /oauth/token issued
};

// Server-to-Server OAuth app able to obtain tokens from /oauth/token.
struct OAuthApp {
  std::string client_id;
  std::string client_secret;
  std::string account_id;
  std::vector<std::string> scopes;
  std::int64_t token_ttl_seconds = 3600;
};

struct WorldData {
  std::string account_id = "mock-account";
  std::vector<User> users;
  std::vector<AccessToken> tokens;
  std::vector<OAuthApp> oauth_apps;
};

// Why a change to the world was refused. `field` names the offending field
// of the object ("id", "email", "user_id", ...).
struct WorldError {
  std::string field;
  std::string message;
};

// ASCII lower-casing, the comparison Zoom uses for e-mail addresses.
std::string lower_ascii(std::string_view text);
// ASCII case-insensitive equality (header names, auth schemes, e-mails).
bool equals_ignoring_case(std::string_view a, std::string_view b);
// `text` without the spaces and tabs around it (header values).
std::string_view trim_spaces(std::string_view text);

class World {
 public:
  // A user as stored: the profile is immutable while shared; the session
  // is guarded by its own mutex.
  struct UserEntry {
    User profile;  // profile.sso is not used; see session
    std::uint64_t order = 0;
    mutable std::mutex session_mutex;
    mutable SsoSession session;  // guarded by session_mutex
  };

  World() = default;
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Checks `data` for duplicate ids and e-mails and tokens naming unknown
  // users. On error returns the index path of the offender, e.g.
  // {"/users/3/email", "..."}, and leaves the world untouched.
  std::optional<WorldError> replace(const WorldData& data);
  // The checks of replace() alone, without building a world.
  static std::optional<WorldError> validate(const WorldData& data);

  WorldData snapshot() const;

  std::shared_ptr<const AccessToken> find_token(std::string_view token) const;
  std::vector<std::shared_ptr<const AccessToken>> tokens() const;

  // Looks a user up by id, or by e-mail when no id matches (case-insensitive).
  std::optional<User> find_user(std::string_view id_or_email) const;
  // Just the id of that user (cheaper than a copy of the user).
  std::optional<std::string> find_user_id(std::string_view id_or_email) const;
  std::vector<User> users() const;
  std::string account_id() const;
  std::vector<OAuthApp> oauth_apps() const;
  std::optional<OAuthApp> find_oauth_app(std::string_view client_id) const;

  // Ends the user's SSO session at `now`. False if no such user.
  // `user_key` is a user id or e-mail as for find_user.
  bool revoke_sso_session(std::string_view id_or_email, TimePoint now);

  std::optional<WorldError> add_user(const User& user);
  // Replaces the profile and session of user `id` (the id itself may change).
  std::optional<WorldError> update_user(std::string_view id, const User& user);
  // Removes the user and the tokens bound to it. False if no such user.
  bool remove_user(std::string_view id);

  std::optional<WorldError> add_token(const AccessToken& token);
  // Adds a token /oauth/token issued, dropping issued tokens expired by `now`.
  std::optional<WorldError> add_issued_token(const AccessToken& token, TimePoint now);
  bool remove_token(std::string_view token);

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>{}(s);
    }
  };
  template <typename V>
  using Map = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

  const UserEntry* lookup_locked(std::string_view id_or_email) const;
  std::optional<WorldError> check_new_user_locked(const User& user,
                                                  std::string_view replacing) const;
  std::optional<WorldError> check_token_locked(const AccessToken& token) const;
  static User to_user(const UserEntry& entry);

  mutable std::shared_mutex mutex_;
  std::string account_id_ = "mock-account";
  std::uint64_t next_order_ = 0;
  Map<std::unique_ptr<UserEntry>> users_by_id_;
  Map<UserEntry*> users_by_email_;  // keys lower-cased
  Map<std::shared_ptr<const AccessToken>> tokens_;
  std::vector<std::string> token_order_;
  std::vector<OAuthApp> oauth_apps_;
};

}  // namespace zoom_mock
