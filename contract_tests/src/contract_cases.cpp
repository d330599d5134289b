#include "contract_cases.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace zoom_contract {
namespace {

// "Revoke a user's SSO token" → "Revoke_a_user_s_SSO_token": GoogleTest
// names allow letters, digits and '_' only.
std::string identifier(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "Operation" : out;
}

bool mentions_expiry(const std::optional<std::string>& message) {
  if (!message) return false;
  std::string lower = *message;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("expired") != std::string::npos;
}

bool only_user_variables(const Operation& operation) {
  const auto variables = operation.path_variables();
  return std::all_of(variables.begin(), variables.end(),
                     [](const std::string& name) { return name == "userId"; });
}

bool has_user_variable(const Operation& operation) {
  const auto variables = operation.path_variables();
  return std::find(variables.begin(), variables.end(), "userId") != variables.end();
}

bool is_safe_method(const std::string& method) { return method == "GET" || method == "HEAD"; }

void choose_scenario(ContractCase& contract_case) {
  const Operation& operation = contract_case.operation;
  const DocumentedResponse& response = contract_case.response;
  const auto not_provoked = [&](std::string why) {
    contract_case.scenario = Scenario::kNotProvoked;
    contract_case.not_provoked_because = std::move(why);
  };
  if (!only_user_variables(operation)) {
    return not_provoked(
        "the path has variables other than :userId, and the suite only knows "
        "which users it may act on");
  }
  const int status = response.http_status;
  const std::optional<int> code = response.error_code;
  if (status >= 200 && status <= 299) {
    if (!is_safe_method(operation.method) && !success_is_safe_to_provoke(operation)) {
      return not_provoked("a successful " + operation.signature() +
                          " changes the account in ways the suite does not undo");
    }
    contract_case.scenario = Scenario::kExistingUser;
  } else if (status == 404 && code == 1001 && has_user_variable(operation)) {
    contract_case.scenario = Scenario::kMissingUser;
  } else if (status == 401 && code == 124) {
    contract_case.scenario =
        mentions_expiry(response.message) ? Scenario::kExpiredToken : Scenario::kUnknownToken;
  } else if (status == 400 && code == 4711) {
    contract_case.scenario = Scenario::kTokenWithoutScopes;
  } else {
    not_provoked("no scenario provokes " + response.summary +
                 " (rate limits, account states and "
                 "other conditions are not set up by the suite)");
  }
}

}  // namespace

std::string ContractCase::origin() const {
  return operation.source.string() + " " + response.where + " (" + response.summary + ")";
}

bool success_is_safe_to_provoke(const Operation& operation) {
  return operation.method == "DELETE" &&
         operation.path == std::vector<std::string>{"users", ":userId", "token"};
}

std::vector<ContractCase> generate_cases(const std::vector<Operation>& operations) {
  std::vector<ContractCase> cases;
  std::set<std::string> taken;
  for (const Operation& operation : operations) {
    std::map<int, int> per_status;
    for (const DocumentedResponse& response : operation.responses)
      ++per_status[response.http_status];
    for (const DocumentedResponse& response : operation.responses) {
      std::string name = identifier(operation.name) + "_" + std::to_string(response.http_status);
      if (per_status[response.http_status] > 1 && response.error_code) {
        name += "_" + std::to_string(*response.error_code);
      }
      const std::string base = name;
      for (int suffix = 2; taken.contains(name); ++suffix)
        name = base + "_" + std::to_string(suffix);
      taken.insert(name);

      ContractCase contract_case{name, operation, response, Scenario::kNotProvoked, ""};
      choose_scenario(contract_case);
      cases.push_back(std::move(contract_case));
    }
  }
  return cases;
}

const char* describe(Scenario scenario) {
  switch (scenario) {
    case Scenario::kExistingUser:
      return "existing user";
    case Scenario::kMissingUser:
      return "missing user";
    case Scenario::kUnknownToken:
      return "unknown token";
    case Scenario::kExpiredToken:
      return "expired token";
    case Scenario::kTokenWithoutScopes:
      return "token without the required scopes";
    case Scenario::kNotProvoked:
      return "not provoked";
  }
  return "?";
}

void PrintTo(const ContractCase& contract_case, std::ostream* out) {
  *out << contract_case.name << " [" << describe(contract_case.scenario) << "] from "
       << contract_case.origin();
}

}  // namespace zoom_contract
