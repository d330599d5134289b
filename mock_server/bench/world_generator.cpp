#include "world_generator.h"

#include <string>

namespace zoom_mock::bench {

nlohmann::json generate_world(const nlohmann::json& base, std::size_t users,
                              std::size_t tokens) {
  nlohmann::json world = base;
  nlohmann::json& user_list = world["users"];
  for (std::size_t i = 0; i < users; ++i) {
    const std::string n = std::to_string(i);
    user_list.push_back({{"id", "user-" + n},
                         {"email", "User." + n + "@Scale.Example.com"},
                         {"first_name", "User"},
                         {"last_name", n},
                         {"type", 2},
                         {"login_type", 101},
                         {"status", "active"}});
  }
  nlohmann::json& token_list = world["tokens"];
  for (std::size_t i = 0; i < tokens; ++i) {
    nlohmann::json token = {{"access_token", "scale-token-" + std::to_string(i)},
                            {"scopes", {"user:write:admin"}}};
    if (users > 0) token["user_id"] = "user-" + std::to_string(i % users);
    token_list.push_back(std::move(token));
  }
  return world;
}

}  // namespace zoom_mock::bench
