#!/usr/bin/env bash
# Sets up, builds and runs every test through CTest:
#   1. build/       -Werror build; every test (unit, e2e, contract,
#                   concurrency, hostile, soak with 1,000,000 requests), then
#                   the contract suite against zoom-mock-server running as a
#                   separate process
#   2. build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer: every test
#                   (the soak with 100,000 requests), and the out-of-process
#                   contract run
#   3. build-tsan/  ThreadSanitizer: the concurrency tests
#   4. build-fuzz/  the libFuzzer targets, 60 s each (FUZZ_SECONDS)
# ZOOM_TEST_QUICK=1 runs step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc)
step() { printf '\n==> %s\n' "$*"; }

step "build (warnings as errors)"
./scripts/build.sh build
step "tests"
ctest --test-dir build --output-on-failure -j "$jobs" --output-junit reports/ctest.xml
step "contract suite against zoom-mock-server as a separate process"
./scripts/contract-test.sh --mock-server --no-build
./scripts/contract-test.sh --mock-server --oauth --no-build \
  --report build/reports/contract-external-oauth.xml

if [[ "${ZOOM_TEST_QUICK:-0}" == 1 ]]; then
  exit 0
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
step "build with AddressSanitizer and UndefinedBehaviorSanitizer"
./scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DZOOM_SANITIZE=address,undefined
step "tests under ASan+UBSan"
ZOOM_SOAK_REQUESTS=${ZOOM_SOAK_REQUESTS_SANITIZED:-100000} \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
step "contract suite against zoom-mock-server under ASan+UBSan"
./scripts/contract-test.sh --mock-server --no-build --build-dir build-asan
unset ASAN_OPTIONS UBSAN_OPTIONS

step "build with ThreadSanitizer (the concurrency tests' binaries)"
cmake -S . -B build-tsan -DZOOM_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DZOOM_SANITIZE=thread >/dev/null
cmake --build build-tsan -j "$jobs" --target zoom_mock_concurrency_tests \
  zoom_client_concurrency_tests zoom_mock_slow_client_tests zoom_mock_connection_tests \
  zoom_mock_fast_path_tests
step "concurrency tests under TSan"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build-tsan --output-on-failure -j "$jobs" -L concurrency

step "fuzzing"
FUZZ_SECONDS=${FUZZ_SECONDS:-60} ./scripts/fuzz.sh

step "all tests once more, for the closing summary"
ctest --test-dir build -j "$jobs" -LE soak
