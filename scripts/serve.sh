#!/usr/bin/env bash
# Sets up, builds and starts the fake on 127.0.0.1:9090 with fixtures/.
# Extra arguments go to zoom-mock-server (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh build -DZOOM_BUILD_TESTS=OFF >&2
exec ./build/bin/zoom-mock-server --host 127.0.0.1 --port 9090 --fixtures fixtures "$@"
