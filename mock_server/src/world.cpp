#include "zoom_mock/world.h"

#include <algorithm>
#include <unordered_set>

namespace zoom_mock {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

namespace {

// E-mails compare ASCII case-insensitively; hashing them so avoids a
// lower-cased copy of each.
struct CaseInsensitiveHash {
  std::size_t operator()(std::string_view text) const {
    std::size_t hash = 14695981039346656037ull;
    for (const char c : text) {
      hash = (hash ^ static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c)) *
             1099511628211ull;
    }
    return hash;
  }
};
struct CaseInsensitiveEqual {
  bool operator()(std::string_view a, std::string_view b) const {
    return equals_ignoring_case(a, b);
  }
};

}  // namespace

std::optional<WorldError> World::validate(const WorldData& data) {
  // Keys are views into `data`, which outlives the maps.
  std::unordered_map<std::string_view, std::size_t> ids(data.users.size());
  std::unordered_map<std::string_view, std::size_t, CaseInsensitiveHash, CaseInsensitiveEqual>
      emails(data.users.size());
  for (std::size_t i = 0; i < data.users.size(); ++i) {
    const User& user = data.users[i];
    if (auto [it, fresh] = ids.emplace(user.id, i); !fresh) {
      return WorldError{"/users/" + std::to_string(i) + "/id",
                        "duplicate user id \"" + user.id + "\" (also /users/" +
                            std::to_string(it->second) + ")"};
    }
    if (auto [it, fresh] = emails.emplace(user.email, i); !fresh) {
      return WorldError{"/users/" + std::to_string(i) + "/email",
                        "duplicate user email \"" + user.email + "\" (also /users/" +
                            std::to_string(it->second) + ", e-mails compare case-insensitively)"};
    }
  }
  std::unordered_map<std::string_view, std::size_t> token_names(data.tokens.size());
  for (std::size_t i = 0; i < data.tokens.size(); ++i) {
    const AccessToken& token = data.tokens[i];
    if (auto [it, fresh] = token_names.emplace(token.access_token, i); !fresh) {
      return WorldError{"/tokens/" + std::to_string(i) + "/access_token",
                        "duplicate access_token (also /tokens/" + std::to_string(it->second) +
                            ")"};
    }
    if (token.user_id && !ids.contains(*token.user_id)) {
      return WorldError{"/tokens/" + std::to_string(i) + "/user_id",
                        "token names unknown user \"" + *token.user_id + "\""};
    }
  }
  std::unordered_map<std::string_view, std::size_t> client_ids;
  for (std::size_t i = 0; i < data.oauth_apps.size(); ++i) {
    const OAuthApp& app = data.oauth_apps[i];
    if (auto [it, fresh] = client_ids.emplace(app.client_id, i); !fresh) {
      return WorldError{"/oauth_apps/" + std::to_string(i) + "/client_id",
                        "duplicate client_id (also /oauth_apps/" +
                            std::to_string(it->second) + ")"};
    }
  }
  return std::nullopt;
}

std::optional<WorldError> World::replace(const WorldData& data) {
  // Validate the whole document before touching the live world.
  if (auto error = validate(data)) return error;

  Map<std::unique_ptr<UserEntry>> users_by_id;
  Map<UserEntry*> users_by_email;
  users_by_id.reserve(data.users.size());
  users_by_email.reserve(data.users.size());
  std::uint64_t order = 0;
  for (const User& user : data.users) {
    auto entry = std::make_unique<UserEntry>();
    entry->profile = user;
    entry->session = user.sso;
    entry->order = order++;
    users_by_email.emplace(lower_ascii(user.email), entry.get());
    users_by_id.emplace(user.id, std::move(entry));
  }
  Map<std::shared_ptr<const AccessToken>> tokens;
  std::vector<std::string> token_order;
  tokens.reserve(data.tokens.size());
  token_order.reserve(data.tokens.size());
  for (const AccessToken& token : data.tokens) {
    tokens.emplace(token.access_token, std::make_shared<const AccessToken>(token));
    token_order.push_back(token.access_token);
  }

  std::unique_lock lock(mutex_);
  account_id_ = data.account_id;
  next_order_ = order;
  users_by_id_ = std::move(users_by_id);
  users_by_email_ = std::move(users_by_email);
  tokens_ = std::move(tokens);
  token_order_ = std::move(token_order);
  oauth_apps_ = data.oauth_apps;
  return std::nullopt;
}

User World::to_user(const UserEntry& entry) {
  User user = entry.profile;
  std::lock_guard session_lock(entry.session_mutex);
  user.sso = entry.session;
  return user;
}

WorldData World::snapshot() const {
  WorldData data;
  std::shared_lock lock(mutex_);
  data.account_id = account_id_;
  std::vector<const UserEntry*> entries;
  entries.reserve(users_by_id_.size());
  for (const auto& [id, entry] : users_by_id_) entries.push_back(entry.get());
  std::sort(entries.begin(), entries.end(),
            [](const UserEntry* a, const UserEntry* b) { return a->order < b->order; });
  data.users.reserve(entries.size());
  for (const UserEntry* entry : entries) data.users.push_back(to_user(*entry));
  data.tokens.reserve(token_order_.size());
  for (const std::string& name : token_order_) data.tokens.push_back(*tokens_.at(name));
  data.oauth_apps = oauth_apps_;
  return data;
}

std::string World::account_id() const {
  std::shared_lock lock(mutex_);
  return account_id_;
}

std::shared_ptr<const AccessToken> World::find_token(std::string_view token) const {
  std::shared_lock lock(mutex_);
  auto it = tokens_.find(token);
  return it == tokens_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const AccessToken>> World::tokens() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<const AccessToken>> out;
  out.reserve(token_order_.size());
  for (const std::string& name : token_order_) out.push_back(tokens_.at(name));
  return out;
}

const World::UserEntry* World::lookup_locked(std::string_view id_or_email) const {
  if (auto it = users_by_id_.find(id_or_email); it != users_by_id_.end()) {
    return it->second.get();
  }
  if (id_or_email.find('@') == std::string_view::npos) return nullptr;
  auto it = users_by_email_.find(lower_ascii(id_or_email));
  return it == users_by_email_.end() ? nullptr : it->second;
}

std::optional<User> World::find_user(std::string_view id_or_email) const {
  std::shared_lock lock(mutex_);
  const UserEntry* entry = lookup_locked(id_or_email);
  if (entry == nullptr) return std::nullopt;
  return to_user(*entry);
}

std::optional<std::string> World::find_user_id(std::string_view id_or_email) const {
  std::shared_lock lock(mutex_);
  const UserEntry* entry = lookup_locked(id_or_email);
  if (entry == nullptr) return std::nullopt;
  return entry->profile.id;
}

std::vector<User> World::users() const { return snapshot().users; }

std::vector<OAuthApp> World::oauth_apps() const {
  std::shared_lock lock(mutex_);
  return oauth_apps_;
}

std::optional<OAuthApp> World::find_oauth_app(std::string_view client_id) const {
  std::shared_lock lock(mutex_);
  for (const OAuthApp& app : oauth_apps_) {
    if (app.client_id == client_id) return app;
  }
  return std::nullopt;
}

bool World::revoke_sso_session(std::string_view id_or_email, TimePoint now) {
  std::shared_lock lock(mutex_);
  const UserEntry* entry = lookup_locked(id_or_email);
  if (entry == nullptr) return false;
  // The session has its own mutex, so a shared lock on the indexes suffices.
  std::lock_guard session_lock(entry->session_mutex);
  entry->session.active = false;
  entry->session.revoked_at = now;
  ++entry->session.revocations;
  return true;
}

std::optional<WorldError> World::check_new_user_locked(const User& user,
                                                       std::string_view replacing) const {
  if (user.id != replacing && users_by_id_.contains(user.id)) {
    return WorldError{"id", "a user with id \"" + user.id + "\" already exists"};
  }
  if (auto it = users_by_email_.find(lower_ascii(user.email));
      it != users_by_email_.end() && it->second->profile.id != replacing) {
    return WorldError{"email", "user \"" + it->second->profile.id + "\" already has email \"" +
                                   user.email + "\""};
  }
  return std::nullopt;
}

std::optional<WorldError> World::add_user(const User& user) {
  std::unique_lock lock(mutex_);
  if (auto error = check_new_user_locked(user, {})) return error;
  auto entry = std::make_unique<UserEntry>();
  entry->profile = user;
  entry->session = user.sso;
  entry->order = next_order_++;
  users_by_email_.emplace(lower_ascii(user.email), entry.get());
  users_by_id_.emplace(user.id, std::move(entry));
  return std::nullopt;
}

std::optional<WorldError> World::update_user(std::string_view id, const User& user) {
  std::unique_lock lock(mutex_);
  auto it = users_by_id_.find(id);
  if (it == users_by_id_.end()) {
    return WorldError{"id", "no user with id \"" + std::string(id) + "\""};
  }
  if (auto error = check_new_user_locked(user, id)) return error;
  if (user.id != id) {
    for (const auto& [name, token] : tokens_) {
      if (token->user_id == id) {
        return WorldError{"id", "tokens are bound to user \"" + std::string(id) +
                                    "\"; its id cannot change"};
      }
    }
  }
  std::unique_ptr<UserEntry> entry = std::move(it->second);
  users_by_id_.erase(it);
  users_by_email_.erase(lower_ascii(entry->profile.email));
  entry->profile = user;
  {
    std::lock_guard session_lock(entry->session_mutex);
    entry->session = user.sso;
  }
  users_by_email_.emplace(lower_ascii(user.email), entry.get());
  users_by_id_.emplace(user.id, std::move(entry));
  return std::nullopt;
}

bool World::remove_user(std::string_view id) {
  std::unique_lock lock(mutex_);
  auto it = users_by_id_.find(id);
  if (it == users_by_id_.end()) return false;
  users_by_email_.erase(lower_ascii(it->second->profile.email));
  users_by_id_.erase(it);
  std::erase_if(token_order_, [&](const std::string& name) {
    auto token = tokens_.find(name);
    if (token->second->user_id != id) return false;
    tokens_.erase(token);
    return true;
  });
  return true;
}

std::optional<WorldError> World::check_token_locked(const AccessToken& token) const {
  if (tokens_.contains(token.access_token)) {
    return WorldError{"access_token", "this access_token already exists"};
  }
  if (token.user_id && !users_by_id_.contains(*token.user_id)) {
    return WorldError{"user_id", "token names unknown user \"" + *token.user_id + "\""};
  }
  return std::nullopt;
}

std::optional<WorldError> World::add_token(const AccessToken& token) {
  std::unique_lock lock(mutex_);
  if (auto error = check_token_locked(token)) return error;
  tokens_.emplace(token.access_token, std::make_shared<const AccessToken>(token));
  token_order_.push_back(token.access_token);
  return std::nullopt;
}

std::optional<WorldError> World::add_issued_token(const AccessToken& token, TimePoint now) {
  std::unique_lock lock(mutex_);
  std::erase_if(token_order_, [&](const std::string& name) {
    auto it = tokens_.find(name);
    const AccessToken& old = *it->second;
    if (old.issued_to.empty() || !old.expires_at || now < *old.expires_at) return false;
    tokens_.erase(it);
    return true;
  });
  if (auto error = check_token_locked(token)) return error;
  tokens_.emplace(token.access_token, std::make_shared<const AccessToken>(token));
  token_order_.push_back(token.access_token);
  return std::nullopt;
}

bool World::remove_token(std::string_view token) {
  std::unique_lock lock(mutex_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return false;
  tokens_.erase(it);
  std::erase(token_order_, std::string(token));
  return true;
}

}  // namespace zoom_mock
