#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, then configures, builds and
# runs the consumer project against the installed zoom_mock package.
# usage: run_consumer_test.sh BUILD_DIR CONSUMER_SOURCE_DIR SCRATCH_DIR
set -euo pipefail
build_dir=$1
consumer_dir=$2
scratch=$3
rm -rf "$scratch"
cmake --install "$build_dir" --prefix "$scratch/prefix" >/dev/null
cmake -S "$consumer_dir" -B "$scratch/build" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/build" >/dev/null
"$scratch/build/consumer"
