// The control plane under /__admin: plain HTTP+JSON so a test in any
// language can read and reset the fake's state.
#include "request_body.h"
#include "server_impl.h"

namespace zoom_mock {
namespace {

using nlohmann::json;

json operation_to_json(const Operation& op) {
  return {{"name", op.name},
          {"method", op.method},
          {"path", "/v2" + op.path_template()},
          {"scopes", op.scopes},
          {"rate_limit_label", op.rate_limit_label},
          {"source", op.source}};
}

}  // namespace

void register_admin_routes(httplib::Server& http, Server::Impl& server) {
  http.Get("/__admin/health", [&server](const httplib::Request&, httplib::Response& res) {
    json operations = json::array();
    for (const Operation& op : server.fixtures.contract.operations) {
      operations.push_back(operation_to_json(op));
    }
    send_json(res, 200, {{"status", "ok"}, {"operations", operations}});
  });

  http.Get("/__admin/users/(.+)", [&server](const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    auto user = server.world.find_user(id);
    if (!user) return send_error(res, 404, 1001, "User does not exist: " + id + ".");
    send_json(res, 200, user_to_json(*user));
  });

  http.Post("/__admin/reset", [&server](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
    read_body(req, reader, 0);
    server.world.replace(server.fixtures.world);
    send_json(res, 200, {{"status", "reset"}});
  });
}

}  // namespace zoom_mock
