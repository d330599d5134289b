#!/usr/bin/env bash
# Builds the libFuzzer targets with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer (build-fuzz/) and runs each one for
# FUZZ_SECONDS (default 60) on a scratch copy of its seed corpus in
# mock_server/fuzz/corpus/ (the repository's corpus is never written).
# Fails on any crash, leak, timeout or sanitizer report; the input that
# caused it is kept in build-fuzz/artifacts/.
#
#   ./scripts/fuzz.sh                 # every target, 60 s each
#   FUZZ_SECONDS=10 ./scripts/fuzz.sh api_request
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

seconds=${FUZZ_SECONDS:-60}
build=build-fuzz
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(fixture_loader api_request)
fi

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DZOOM_WERROR=ON -DZOOM_BUILD_TESTS=OFF -DZOOM_BUILD_FUZZERS=ON \
  -DZOOM_SANITIZE=address,undefined >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/zoom_fuzz_}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$build/artifacts"
failed=()
for target in "${targets[@]}"; do
  cp -r "mock_server/fuzz/corpus/$target" "$scratch/$target"
  printf '\n==> fuzzing %s for %ss\n' "$target" "$seconds"
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$build/bin/zoom_fuzz_$target" "$scratch/$target" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
       -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
       >"$scratch/$target.log" 2>&1; then
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' \
      "$scratch/$target.log" || true
    echo "corpus: $(ls "mock_server/fuzz/corpus/$target" | wc -l) seeds -> $(ls "$scratch/$target" | wc -l) inputs"
  else
    tail -n 60 "$scratch/$target.log"
    failed+=("$target")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
echo "fuzz: ${targets[*]}: no crash, leak or sanitizer report in ${seconds}s each"
