// The control plane under /__admin: plain HTTP+JSON over the Admin class,
// so a test in any language can seed state, verify calls and inject faults.
#include "request_body.h"
#include "server_impl.h"

namespace zoom_mock {
namespace {

using nlohmann::json;
using httplib::ContentReader;
using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxAdminBody = 4 * 1024 * 1024;

json operation_to_json(const Operation& op) {
  return {{"name", op.name},
          {"method", op.method},
          {"path", "/v2" + op.path_template()},
          {"scopes", op.scopes},
          {"rate_limit_label", op.rate_limit_label},
          {"source", op.source}};
}

void send_validation_error(Response& res, const std::string& field, const std::string& message) {
  const std::string shown = field.empty() ? "/" : field;
  send_error(res, 400, 300, "Validation Failed: " + shown + ": " + message,
             json::array({{{"field", shown}, {"message", message}}}));
}

// The request's JSON body, or nullopt after answering 400 (absent, too
// large or malformed body).
std::optional<json> json_body(const Request& req, const ContentReader& reader, Response& res) {
  const auto body = read_body(req, reader, kMaxAdminBody);
  if (const auto* error = std::get_if<BodyError>(&body)) {
    if (*error == BodyError::kTooLarge) {
      send_error(res, 413, 413, "The request body is larger than 4 MiB.");
    } else {
      send_error(res, 400, 300, "Bad request: the request body cannot be read.");
    }
    return std::nullopt;
  }
  json parsed = json::parse(std::get<std::string>(body), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    send_error(res, 400, 300, "Request Body should be a valid JSON object.");
    return std::nullopt;
  }
  return parsed;
}

void send_world_error(Response& res, const WorldError& error, int status = 409) {
  send_error(res, status, 300, error.field + ": " + error.message,
             json::array({{{"field", error.field}, {"message", error.message}}}));
}

std::optional<JournalFilter> parse_filter(const Request& req, Response& res) {
  JournalFilter filter;
  try {
    json pattern = json::object();
    for (const auto& [name, value] : req.params) {
      if (name == "method") {
        filter.method = value;
      } else if (name == "path") {
        pattern["urlPath"] = value;
      } else if (name == "pathPattern") {
        pattern["urlPathPattern"] = value;
      } else if (name == "status") {
        filter.status = std::stoi(value);
      } else if (name == "since") {
        filter.since = parse_timestamp(value);
        if (!filter.since) throw FieldError("since", "must be an RFC 3339 timestamp");
      } else if (name == "limit") {
        const long long limit = std::stoll(value);
        if (limit < 0) throw FieldError("limit", "must not be negative");
        filter.limit = static_cast<std::size_t>(limit);
      } else {
        throw FieldError(name, "unknown filter (use method, path, pathPattern, status, since, "
                               "limit)");
      }
    }
    if (!pattern.empty()) filter.pattern = RequestPattern::from_json(pattern);
  } catch (const FieldError& error) {
    send_validation_error(res, error.path(), error.what());
    return std::nullopt;
  } catch (const std::logic_error&) {  // stoi/stoll
    send_validation_error(res, "status/limit", "must be an integer");
    return std::nullopt;
  }
  return filter;
}

json requests_json(const std::vector<JournalEntry>& entries) {
  json out = json::array();
  for (const JournalEntry& entry : entries) out.push_back(journal_entry_to_json(entry));
  return out;
}

}  // namespace

void register_admin_routes(httplib::Server& http, Server::Impl& server) {
  Admin& admin = server.admin;

  // With --admin-token, every admin call must carry it.
  auto authorized = [&server](const Request& req, Response& res) {
    const std::string& token = server.options.admin_token;
    if (token.empty() || req.get_header_value("Authorization") == "Bearer " + token) return true;
    send_error(res, 401, 124,
               "Invalid admin token: /__admin needs \"Authorization: Bearer <admin token>\".");
    return false;
  };
  auto get = [&](const char* pattern, auto handler) {
    http.Get(pattern, httplib::Server::Handler([authorized, handler](const Request& req,
                                                                     Response& res) {
               if (authorized(req, res)) handler(req, res);
             }));
  };
  // DELETE without a body carries no Content-Length: the plain handler form.
  auto del = [&](const char* pattern, auto handler) {
    http.Delete(pattern, httplib::Server::Handler([authorized, handler](const Request& req,
                                                                        Response& res) {
                  if (authorized(req, res)) handler(req, res);
                }));
  };
  // Handlers that take a body read it through a ContentReader (see
  // request_body.h for why).
  using Registrar = httplib::Server& (httplib::Server::*)(const std::string&,
                                                          httplib::Server::HandlerWithContentReader);
  const Registrar post = &httplib::Server::Post;
  const Registrar put = &httplib::Server::Put;
  auto with_body = [&](Registrar method, const char* pattern, auto handler) {
    (http.*method)(pattern, httplib::Server::HandlerWithContentReader(
                                [authorized, handler](const Request& req, Response& res,
                                                      const ContentReader& reader) {
                                  if (authorized(req, res)) handler(req, res, reader);
                                }));
  };

  get("/__admin/health", [&server](const Request&, Response& res) {
    json operations = json::array();
    for (const Operation& op : server.fixtures.contract.operations) {
      operations.push_back(operation_to_json(op));
    }
    send_json(res, 200, {{"status", "ok"}, {"operations", operations}});
  });

  // --- users ---
  get("/__admin/users", [&admin](const Request&, Response& res) {
    json users = json::array();
    for (const User& user : admin.users()) users.push_back(user_to_json(user));
    send_json(res, 200, {{"users", users}});
  });
  with_body(post, "/__admin/users", [&admin](const Request& req, Response& res,
                                             const ContentReader& reader) {
    const auto body = json_body(req, reader, res);
    if (!body) return;
    try {
      const User user = user_from_json(*body);
      if (auto error = admin.add_user(user)) return send_world_error(res, *error);
      // The user as added: a concurrent reset or delete may have removed it.
      send_json(res, 201, user_to_json(user));
    } catch (const FieldError& error) {
      send_validation_error(res, error.path(), error.what());
    }
  });
  get("/__admin/users/(.+)", [&admin](const Request& req, Response& res) {
    const std::string id = req.matches[1];
    auto user = admin.user(id);
    if (!user) return send_error(res, 404, 1001, "User does not exist: " + id + ".");
    send_json(res, 200, user_to_json(*user));
  });
  with_body(put, "/__admin/users/(.+)", [&admin](const Request& req, Response& res,
                                                 const ContentReader& reader) {
    const std::string id = req.matches[1];
    auto body = json_body(req, reader, res);
    if (!body) return;
    if (!body->contains("id")) (*body)["id"] = id;
    try {
      const User user = user_from_json(*body);
      if (!admin.user(id)) return send_error(res, 404, 1001, "User does not exist: " + id + ".");
      if (auto error = admin.put_user(id, user)) return send_world_error(res, *error);
      // The user as stored: a concurrent reset or delete may have removed it.
      send_json(res, 200, user_to_json(user));
    } catch (const FieldError& error) {
      send_validation_error(res, error.path(), error.what());
    }
  });
  del("/__admin/users/(.+)", [&admin](const Request& req, Response& res) {
    const std::string id = req.matches[1];
    if (!admin.remove_user(id)) {
      return send_error(res, 404, 1001, "User does not exist: " + id + ".");
    }
    send_json(res, 200, {{"deleted", id}});
  });

  // --- tokens ---
  get("/__admin/tokens", [&admin](const Request&, Response& res) {
    json tokens = json::array();
    for (const AccessToken& token : admin.tokens()) tokens.push_back(token_to_json(token));
    send_json(res, 200, {{"tokens", tokens}});
  });
  with_body(post, "/__admin/tokens", [&admin](const Request& req, Response& res,
                                              const ContentReader& reader) {
    const auto body = json_body(req, reader, res);
    if (!body) return;
    try {
      const AccessToken token = token_from_json(*body);
      if (auto error = admin.add_token(token)) {
        return send_world_error(res, *error, error->field == "user_id" ? 400 : 409);
      }
      send_json(res, 201, token_to_json(token));
    } catch (const FieldError& error) {
      send_validation_error(res, error.path(), error.what());
    }
  });
  del("/__admin/tokens/(.+)", [&admin](const Request& req, Response& res) {
    if (!admin.remove_token(req.matches[1].str())) {
      return send_error(res, 404, 404, "No such access token.");
    }
    send_json(res, 200, {{"deleted", true}});
  });

  // --- state ---
  with_body(post, "/__admin/reset",
            [&admin](const Request& req, Response& res, const ContentReader& reader) {
              read_body(req, reader, kMaxAdminBody);
              admin.reset();
              send_json(res, 200, {{"status", "reset"}});
            });
  get("/__admin/state", [&admin](const Request&, Response& res) {
    send_json(res, 200, world_to_json(admin.state()));
  });

  // --- request journal ---
  get("/__admin/requests", [&admin](const Request& req, Response& res) {
    const auto filter = parse_filter(req, res);
    if (!filter) return;
    const Journal& journal = admin.journal();
    send_json(res, 200,
              {{"requests", requests_json(admin.requests(*filter))},
               {"meta",
                {{"total", journal.size()},
                 {"recorded", journal.total_recorded()},
                 {"dropped", journal.dropped()},
                 {"limit", journal.limit()},
                 {"bytes", journal.bytes()},
                 {"byte_limit", journal.byte_limit()}}}});
  });
  get("/__admin/requests/unmatched", [&admin](const Request&, Response& res) {
    JournalFilter filter;
    filter.matched = false;
    send_json(res, 200, {{"requests", requests_json(admin.requests(filter))}});
  });
  del("/__admin/requests", [&admin](const Request&, Response& res) {
    admin.clear_requests();
    send_json(res, 200, {{"status", "cleared"}});
  });
  with_body(post, "/__admin/requests/count", [&admin](const Request& req, Response& res,
                                                      const ContentReader& reader) {
    const auto body = json_body(req, reader, res);
    if (!body) return;
    try {
      send_json(res, 200, {{"count", admin.count_requests(RequestPattern::from_json(*body))}});
    } catch (const FieldError& error) {
      send_validation_error(res, error.path(), error.what());
    }
  });

  // --- faults ---
  get("/__admin/faults", [&admin](const Request&, Response& res) {
    json faults = json::array();
    for (const Fault& fault : admin.faults()) faults.push_back(fault_to_json(fault));
    send_json(res, 200, {{"faults", faults}});
  });
  with_body(post, "/__admin/faults", [&admin](const Request& req, Response& res,
                                              const ContentReader& reader) {
    const auto body = json_body(req, reader, res);
    if (!body) return;
    try {
      Fault fault = fault_from_json(*body);
      fault.id = admin.add_fault(fault);
      send_json(res, 201, fault_to_json(fault));
    } catch (const FieldError& error) {
      send_validation_error(res, error.path(), error.what());
    }
  });
  del("/__admin/faults", [&admin](const Request&, Response& res) {
    admin.clear_faults();
    send_json(res, 200, {{"status", "cleared"}});
  });
  del("/__admin/faults/(.+)", [&admin](const Request& req, Response& res) {
    const std::string id = req.matches[1];
    if (!admin.remove_fault(id)) return send_error(res, 404, 404, "No fault " + id + ".");
    send_json(res, 200, {{"deleted", id}});
  });
}

}  // namespace zoom_mock
