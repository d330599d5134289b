// Fuzzes the fixture loader: any bytes, read as a world.json and as a
// Postman document. Bad input must end in the documented errors
// (FixtureError, FieldError, ContractError), never in another exception, a
// crash or a sanitizer report; a world that loads must survive the trip
// through world_to_json and back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "zoom_mock/contract.h"
#include "zoom_mock/fixtures.h"
#include "zoom_mock/world.h"

namespace {

void check_world(const nlohmann::json& document) {
  zoom_mock::Fixtures loaded;
  try {
    loaded = zoom_mock::parse_world(document, "fuzz/world.json");
  } catch (const zoom_mock::FixtureError&) {
    return;
  } catch (const zoom_mock::FieldError&) {
    return;
  }
  zoom_mock::World world;
  if (world.replace(loaded.world)) return;  // duplicates and dangling user ids are refused

  // What the world holds is written back as a document that loads again to
  // the same world.
  const nlohmann::json written = zoom_mock::world_to_json(world.snapshot());
  const zoom_mock::Fixtures reread = zoom_mock::parse_world(written, "fuzz/rewritten.json");
  if (zoom_mock::world_to_json(reread.world) != written) std::abort();
}

void check_postman(const nlohmann::json& document) {
  zoom_mock::Contract contract;
  try {
    zoom_mock::parse_postman(document, "fuzz/postman.json", contract);
  } catch (const zoom_mock::ContractError&) {
    return;
  }
  for (const zoom_mock::Operation& op : contract.operations) {
    if (op.method.empty()) std::abort();
    static_cast<void>(op.path_template());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return 0;
  check_world(document);
  check_postman(document);
  return 0;
}
