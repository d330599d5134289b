// What the contract cases of one run of zoom-contract-tests share: the
// documented contract, the target and the lines to it. main() fills it
// before RUN_ALL_TESTS; the cases only read it, one after another.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api_session.h"
#include "contract_cases.h"
#include "fake_admin.h"
#include "postman_contract.h"
#include "target.h"

namespace zoom_contract {

struct Suite {
  std::filesystem::path postman_dir;
  std::vector<Operation> operations;
  std::vector<ContractCase> cases;  // generated from `operations`

  TargetSettings settings;
  std::string api_url;
  // Whether state is checked through /__admin, and why (in-process, probe,
  // ZOOM_TARGET_IS_FAKE).
  bool is_fake = false;
  std::string fake_because;
  std::unique_ptr<ApiSession> api;
  std::unique_ptr<FakeAdmin> admin;  // set when is_fake
};

Suite& suite();

}  // namespace zoom_contract
