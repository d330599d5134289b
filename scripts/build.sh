#!/usr/bin/env bash
# Configures and builds one build directory: scripts/build.sh DIR [cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
shift
cmake -S . -B "$dir" -DZOOM_WERROR=ON "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
