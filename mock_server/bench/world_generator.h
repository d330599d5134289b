// A large generated world for the scale checks: the fixtures' own users and
// tokens (so the usual requests still work) plus `users` generated users and
// `tokens` generated tokens, in world.json form. Used by the benchmark and by
// zoom-mock-make-world, which scripts/bench.sh runs.
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

namespace zoom_mock::bench {

// `base` is a world.json document (the default fixtures); generated user i
// is "user-<i>" with e-mail "User.<i>@Scale.Example.com", generated token i
// is "scale-token-<i>" (user:write:admin) bound to user i % users.
nlohmann::json generate_world(const nlohmann::json& base, std::size_t users,
                              std::size_t tokens);

}  // namespace zoom_mock::bench
