#!/usr/bin/env bash
# Sets up, builds and runs every test through CTest:
#   1. build/        -Werror build; every test (unit, e2e, contract)
#   2. build-asan/   AddressSanitizer + UndefinedBehaviorSanitizer; every test
#   3. build-tsan/   ThreadSanitizer; the concurrency tests
# ZOOM_TEST_QUICK=1 runs step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc)
step() { printf '\n==> %s\n' "$*"; }

step "build (warnings as errors)"
./scripts/build.sh build
step "tests"
ctest --test-dir build --output-on-failure -j "$jobs"

if [[ "${ZOOM_TEST_QUICK:-0}" == 1 ]]; then
  exit 0
fi

step "build with AddressSanitizer and UndefinedBehaviorSanitizer"
./scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DZOOM_SANITIZE=address,undefined
step "tests under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

step "build with ThreadSanitizer"
./scripts/build.sh build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZOOM_SANITIZE=thread
step "concurrency tests under TSan"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build-tsan --output-on-failure -j "$jobs" -L concurrency
