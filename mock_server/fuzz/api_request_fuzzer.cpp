// Fuzzes the request path below transport: ApiService::handle on the
// default fixtures. The input is split as
//
//   METHOD\nTARGET\nName: value\n...\n\nBODY
//
// and every answer must be a well-formed Zoom answer: a status from 100 to
// 599, a tracking id, a body only with a content type, and JSON bodies that
// parse (errors as {"code", "message"}).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "zoom_mock/api.h"
#include "zoom_mock/fixtures.h"
#include "zoom_mock/model.h"
#include "zoom_mock/world.h"

namespace {

struct Service {
  Service()
      : fixtures(zoom_mock::load_fixtures(ZOOM_FIXTURES_DIR)),
        model(world, fixtures.errors),
        api(fixtures.contract, model, fixtures.operation_scopes) {
    if (world.replace(fixtures.world)) std::abort();
  }
  zoom_mock::Fixtures fixtures;
  zoom_mock::World world;
  zoom_mock::ZoomModel model;
  zoom_mock::ApiService api;
};

std::string_view next_line(std::string_view& rest) {
  const std::size_t end = rest.find('\n');
  const std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return line;
}

bool has_header(const zoom_mock::ApiAnswer& answer, std::string_view name) {
  for (const auto& [key, value] : answer.headers) {
    if (key == name && !value.empty()) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Service* service = new Service();  // shared by every input, as requests share a server

  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view method = next_line(rest);
  const std::string_view target = next_line(rest);
  zoom_mock::HeaderList headers;
  while (!rest.empty()) {
    const std::string_view line = next_line(rest);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.add(std::string(line.substr(0, colon)), std::string(value));
  }

  const zoom_mock::ApiAnswer answer =
      service->api.handle(zoom_mock::ApiRequest{method, target, headers, rest});

  if (answer.status < 100 || answer.status > 599) std::abort();
  if (!has_header(answer, "x-zm-trackingid")) std::abort();
  if (!answer.body.empty() && answer.content_type.empty()) std::abort();
  if (answer.status == 204 && !answer.body.empty()) std::abort();
  if (answer.content_type == zoom_mock::kJsonContentType) {
    const nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
    if (body.is_discarded()) std::abort();
    if (answer.status >= 400 &&
        (!body.is_object() || !body.contains("code") || !body.contains("message"))) {
      std::abort();
    }
  }
  return 0;
}
