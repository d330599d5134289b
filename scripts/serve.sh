#!/usr/bin/env bash
# Sets up, builds and starts the fake on 127.0.0.1:9090 with fixtures/.
# Extra arguments go to zoom-mock-server (e.g. --port 8080, --rate-limit-plan free).
# Also builds build/bin/zoom-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -DZOOM_WERROR=ON >/dev/null
cmake --build build -j "$(nproc)" --target zoom-mock-server zoom-cli >&2
exec ./build/bin/zoom-mock-server --host 127.0.0.1 --port 9090 --fixtures fixtures "$@"
