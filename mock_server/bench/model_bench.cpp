// Google Benchmark of the fake's decision for one request, below transport:
// the model alone (auth, scope, user lookup, revoke) and the whole
// ApiService::handle (path decoding, route, model, answer), each on the
// default fixtures (arg 0) and on a world of 100,000 generated users and
// tokens (arg 100000), plus the load of such a world. Target: the decision
// under 1 us, the same with 100,000 users within 1.2x.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "world_generator.h"
#include "zoom_mock/api.h"
#include "zoom_mock/fixtures.h"
#include "zoom_mock/model.h"
#include "zoom_mock/world.h"

namespace {

using namespace zoom_mock;

nlohmann::json default_world_document() {
  std::ifstream in(std::filesystem::path(ZOOM_FIXTURES_DIR) / "world.json");
  return nlohmann::json::parse(in);
}

// The default fixtures (scale 0) or the generated world of `scale` users
// and tokens, with everything a request needs.
struct Setup {
  explicit Setup(std::size_t scale)
      : fixtures(load_fixtures(ZOOM_FIXTURES_DIR)),
        model(world, fixtures.errors),
        api(fixtures.contract, model, fixtures.operation_scopes) {
    if (scale > 0) {
      fixtures.world =
          parse_world(bench::generate_world(default_world_document(), scale, scale), "generated")
              .world;
    }
    if (world.replace(fixtures.world)) std::abort();
    revoke_rule = ScopeRule::from_documented(fixtures.contract.operations.at(0).scopes);
  }

  Fixtures fixtures;
  World world;
  ZoomModel model;
  ApiService api;
  ScopeRule revoke_rule;
};

Setup& setup(std::size_t scale) {
  static std::map<std::size_t, std::unique_ptr<Setup>> setups;
  auto& slot = setups[scale];
  if (!slot) slot = std::make_unique<Setup>(scale);
  return *slot;
}

// The model's decision: authenticate the bearer token, check its scopes,
// find the user (by id or e-mail) and end its SSO session.
void decide(benchmark::State& state, std::string_view user_ref) {
  Setup& s = setup(static_cast<std::size_t>(state.range(0)));
  const Credentials credentials{std::string_view("Bearer mock-admin-token"), false};
  for (auto _ : state) {
    const TimePoint now = Clock::now();
    const AuthResult auth = s.model.authenticate(credentials, now);
    const Caller* caller = std::get_if<Caller>(&auth);
    if (caller == nullptr) return state.SkipWithError("authentication failed");
    const auto error = s.model.revoke_sso_token(**caller, user_ref, s.revoke_rule, now);
    if (error) return state.SkipWithError(error->message.c_str());
    benchmark::DoNotOptimize(error);
  }
}

void BM_ModelDecision_RevokeById(benchmark::State& state) { decide(state, "sso-user-alice"); }
void BM_ModelDecision_RevokeByEmail(benchmark::State& state) {
  decide(state, "Carol.Chen@EXAMPLE.com");
}

// The whole request below transport, as the HTTP layer calls it.
void handle(benchmark::State& state, std::string_view target, std::string_view authorization,
            int expected_status) {
  Setup& s = setup(static_cast<std::size_t>(state.range(0)));
  const HeaderList headers{{"Host", "127.0.0.1"}, {"Authorization", std::string(authorization)}};
  for (auto _ : state) {
    ApiAnswer answer = s.api.handle(ApiRequest{"DELETE", target, headers, ""});
    if (answer.status != expected_status) {
      return state.SkipWithError(("status " + std::to_string(answer.status)).c_str());
    }
    benchmark::DoNotOptimize(answer);
  }
}

void BM_ApiHandle_Revoke204(benchmark::State& state) {
  handle(state, "/v2/users/sso-user-alice/token", "Bearer mock-admin-token", 204);
}
void BM_ApiHandle_RevokeByEncodedEmail204(benchmark::State& state) {
  handle(state, "/v2/users/BOB%2Bsso%40Example.COM/token", "Bearer mock-admin-token", 204);
}
void BM_ApiHandle_UnknownUser404(benchmark::State& state) {
  handle(state, "/v2/users/nobody%40example.com/token", "Bearer mock-admin-token", 404);
}
void BM_ApiHandle_BadToken401(benchmark::State& state) {
  handle(state, "/v2/users/sso-user-alice/token", "Bearer not-a-token", 401);
}

// What start-up does with fixtures: read and validate world.json and the
// Postman items, then build the live world's indexes. Freeing them again
// (which start-up never does) is not timed.
void BM_LoadFixtures(benchmark::State& state) {
  const auto scale = static_cast<std::size_t>(state.range(0));
  const auto dir = std::filesystem::temp_directory_path() /
                   ("zoom-bench-world-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy(std::filesystem::path(ZOOM_FIXTURES_DIR) / "postman", dir / "postman",
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "world.json") << bench::generate_world(default_world_document(), scale, scale);
  for (auto _ : state) {
    auto fixtures = std::make_unique<Fixtures>(load_fixtures(dir));
    auto world = std::make_unique<World>();
    if (world->replace(fixtures->world)) return state.SkipWithError("world refused");
    benchmark::DoNotOptimize(*world);
    state.PauseTiming();
    world.reset();
    fixtures.reset();
    state.ResumeTiming();
  }
  std::filesystem::remove_all(dir);
}

constexpr std::int64_t kScale = 100000;

}  // namespace

BENCHMARK(BM_ModelDecision_RevokeById)->Arg(0)->Arg(kScale);
BENCHMARK(BM_ModelDecision_RevokeByEmail)->Arg(0)->Arg(kScale);
BENCHMARK(BM_ApiHandle_Revoke204)->Arg(0)->Arg(kScale);
BENCHMARK(BM_ApiHandle_RevokeByEncodedEmail204)->Arg(0)->Arg(kScale);
BENCHMARK(BM_ApiHandle_UnknownUser404)->Arg(0)->Arg(kScale);
BENCHMARK(BM_ApiHandle_BadToken401)->Arg(0)->Arg(kScale);
BENCHMARK(BM_LoadFixtures)->Arg(kScale)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
