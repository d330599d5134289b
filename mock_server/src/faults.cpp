#include "zoom_mock/faults.h"

#include <algorithm>

#include "zoom_mock/fixtures.h"

namespace zoom_mock {
namespace {

using nlohmann::json;

struct FaultName {
  ConnectionFault fault;
  std::string_view name;
};
constexpr FaultName kFaultNames[] = {
    {ConnectionFault::kConnectionResetByPeer, "CONNECTION_RESET_BY_PEER"},
    {ConnectionFault::kEmptyResponse, "EMPTY_RESPONSE"},
    {ConnectionFault::kMalformedResponseChunk, "MALFORMED_RESPONSE_CHUNK"},
    {ConnectionFault::kTruncatedBody, "TRUNCATED_BODY"},
    {ConnectionFault::kRandomDataThenClose, "RANDOM_DATA_THEN_CLOSE"},
};

std::chrono::milliseconds milliseconds(const json& value, const std::string& at) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > 600000) {
    throw FieldError(at, "must be an integer number of milliseconds from 0 to 600000");
  }
  return std::chrono::milliseconds(value.get<std::int64_t>());
}

FaultResponse response_from_json(const json& value, const std::string& at) {
  if (!value.is_object()) throw FieldError(at, "must be a JSON object");
  FaultResponse response;
  for (const auto& [key, field] : value.items()) {
    const std::string path = at + "/" + key;
    if (key == "status") {
      if (!field.is_number_integer() || field.get<int>() < 100 || field.get<int>() > 599) {
        throw FieldError(path, "must be an HTTP status from 100 to 599");
      }
      response.status = field.get<int>();
    } else if (key == "jsonBody") {
      response.json_body = field;
    } else if (key == "headers") {
      if (!field.is_object()) throw FieldError(path, "must map header names to strings");
      for (const auto& [name, header] : field.items()) {
        if (!header.is_string()) throw FieldError(path + "/" + name, "must be a string");
        const std::string header_value = header.get<std::string>();
        if (name.empty() || name.find_first_of(":\r\n ") != std::string::npos ||
            header_value.find_first_of("\r\n") != std::string::npos) {
          throw FieldError(path + "/" + name, "is not a valid header");
        }
        response.headers.emplace_back(name, header_value);
      }
    } else if (key == "fixedDelayMilliseconds") {
      response.fixed_delay = milliseconds(field, path);
    } else if (key == "delayDistribution") {
      if (!field.is_object() || field.value("type", "") != "uniform" || !field.contains("lower") ||
          !field.contains("upper")) {
        throw FieldError(path, "must be {\"type\": \"uniform\", \"lower\": ms, \"upper\": ms}");
      }
      const auto lower = milliseconds(field.at("lower"), path + "/lower");
      const auto upper = milliseconds(field.at("upper"), path + "/upper");
      if (upper < lower) throw FieldError(path + "/upper", "must not be below lower");
      response.random_delay = std::make_pair(lower, upper);
    } else if (key == "fault") {
      if (!field.is_string()) throw FieldError(path, "must be a string");
      const auto name = field.get<std::string>();
      const auto* found = std::find_if(std::begin(kFaultNames), std::end(kFaultNames),
                                       [&](const FaultName& f) { return f.name == name; });
      if (found == std::end(kFaultNames)) {
        throw FieldError(path, "unknown fault \"" + name +
                                   "\" (use CONNECTION_RESET_BY_PEER, EMPTY_RESPONSE, "
                                   "MALFORMED_RESPONSE_CHUNK, TRUNCATED_BODY or "
                                   "RANDOM_DATA_THEN_CLOSE)");
      }
      response.fault = found->fault;
    } else {
      throw FieldError(path, "unknown field \"" + key +
                                 "\" (allowed: status, jsonBody, headers, "
                                 "fixedDelayMilliseconds, delayDistribution, fault)");
    }
  }
  if (response.json_body && !response.status) {
    throw FieldError(at + "/status", "a jsonBody needs a status");
  }
  if (!response.replaces_answer() && response.fixed_delay.count() == 0 &&
      !response.random_delay) {
    throw FieldError(at, "must set a status, a fault or a delay");
  }
  return response;
}

}  // namespace

Fault fault_from_json(const json& value) {
  if (!value.is_object()) throw FieldError("/", "must be a JSON object");
  Fault fault;
  bool has_response = false;
  for (const auto& [key, field] : value.items()) {
    if (key == "request") {
      fault.request = RequestPattern::from_json(field, "/request");
    } else if (key == "response") {
      fault.response = response_from_json(field, "/response");
      has_response = true;
    } else if (key == "times") {
      if (!field.is_number_integer() || field.get<std::int64_t>() < 1) {
        throw FieldError("/times", "must be a positive integer (omit it for \"until removed\")");
      }
      fault.times = field.get<std::int64_t>();
    } else {
      throw FieldError("/" + key,
                       "unknown field \"" + key + "\" (allowed: request, response, times)");
    }
  }
  if (!has_response) throw FieldError("/response", "missing required field");
  return fault;
}

json fault_to_json(const Fault& fault) {
  json response = json::object();
  const FaultResponse& r = fault.response;
  if (r.status) response["status"] = *r.status;
  if (r.json_body) response["jsonBody"] = *r.json_body;
  if (!r.headers.empty()) {
    json headers = json::object();
    for (const auto& [name, value] : r.headers) headers[name] = value;
    response["headers"] = headers;
  }
  if (r.fixed_delay.count() > 0) response["fixedDelayMilliseconds"] = r.fixed_delay.count();
  if (r.random_delay) {
    response["delayDistribution"] = {{"type", "uniform"},
                                     {"lower", r.random_delay->first.count()},
                                     {"upper", r.random_delay->second.count()}};
  }
  for (const auto& [value, name] : kFaultNames) {
    if (value == r.fault) response["fault"] = name;
  }
  json out = {{"id", fault.id},
              {"request", fault.request.to_json()},
              {"response", response},
              {"hits", fault.hits}};
  out["times"] = fault.times ? json(*fault.times) : json(nullptr);
  return out;
}

std::string FaultTable::add(Fault fault) {
  std::lock_guard lock(mutex_);
  fault.id = "fault-" + std::to_string(next_id_++);
  fault.hits = 0;
  std::string id = fault.id;
  faults_.push_back(std::move(fault));
  count_.store(faults_.size(), std::memory_order_release);
  return id;
}

bool FaultTable::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto removed = std::erase_if(faults_, [&](const Fault& f) { return f.id == id; });
  count_.store(faults_.size(), std::memory_order_release);
  return removed > 0;
}

void FaultTable::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
  count_.store(0, std::memory_order_release);
}

std::vector<Fault> FaultTable::list() const {
  std::lock_guard lock(mutex_);
  return faults_;
}

bool FaultTable::needs_user_ref() const {
  std::lock_guard lock(mutex_);
  return std::any_of(faults_.begin(), faults_.end(),
                     [](const Fault& f) { return f.request.needs_user_ref(); });
}

std::optional<Fault> FaultTable::take(const RequestFacts& request) {
  std::lock_guard lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->request.matches(request)) continue;
    ++it->hits;
    Fault taken = *it;
    if (it->times && --*it->times == 0) {
      faults_.erase(it);
      count_.store(faults_.size(), std::memory_order_release);
    }
    return taken;
  }
  return std::nullopt;
}

}  // namespace zoom_mock
