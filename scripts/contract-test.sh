#!/usr/bin/env bash
# Runs the contract tests (build/bin/zoom-contract-tests) and writes their
# JUnit XML report.
#
#   scripts/contract-test.sh [--base-url URL]      the server at URL (or $ZOOM_BASE_URL),
#                                                  with the ZOOM_* variables of the README;
#                                                  with neither, the fake in-process
#   scripts/contract-test.sh --mock-server [--oauth]
#                                                  starts build/bin/zoom-mock-server on a
#                                                  free port and tests it as a user would
#                                                  test the live API (what CI runs)
# Options:
#   --build-dir DIR   the CMake build directory (default: build)
#   --no-build        do not install packages or build first
#   --report FILE     the JUnit XML report (default: DIR/reports/contract-external.xml,
#                     or DIR/reports/contract-inprocess.xml for the in-process fake)
#   --oauth           with --mock-server: Server-to-Server OAuth against the fake's
#                     /oauth/token instead of a fixed access token
#   -- ARGS           passed to zoom-contract-tests (e.g. --gtest_filter=AuthContract.*)
#
# Against the live API the cases that revoke log ZOOM_TEST_USER_ID (and
# ZOOM_TEST_USER2_ID) out of Zoom. Exit status: the suite's (0 passed,
# 1 a case failed, 2 bad settings or contract), or 1 when the mock server
# cannot start or exits uncleanly.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."
repo=$PWD

build_dir=build
build=1
report=
mock_server=0
oauth=0
base_url=${ZOOM_BASE_URL:-}
base_url_given=0
suite_args=()

usage() { sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$self"; }
die() { echo "contract-test: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --base-url)
      [[ $# -ge 2 ]] || die "--base-url needs a URL"
      base_url=$2; base_url_given=1; shift 2 ;;
    --base-url=*) base_url=${1#*=}; base_url_given=1; shift ;;
    --mock-server) mock_server=1; shift ;;
    --oauth) oauth=1; shift ;;
    --build-dir) [[ $# -ge 2 ]] || die "--build-dir needs a directory"; build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --no-build) build=0; shift ;;
    --report) [[ $# -ge 2 ]] || die "--report needs a file"; report=$2; shift 2 ;;
    --report=*) report=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; suite_args=("$@"); break ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
if [[ $mock_server == 1 && $base_url_given == 1 ]]; then
  die "--mock-server and --base-url exclude each other"
fi
[[ $oauth == 0 || $mock_server == 1 ]] || die "--oauth goes with --mock-server"

targets=(zoom-contract-tests)
[[ $mock_server == 1 ]] && targets+=(zoom-mock-server)
if [[ $build == 1 ]]; then
  ./scripts/setup.sh
  cmake -S . -B "$build_dir" -DZOOM_WERROR=ON >/dev/null
  cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"
fi
suite=$build_dir/bin/zoom-contract-tests
[[ -x $suite ]] || die "$suite is not built (drop --no-build)"

if [[ -z $report ]]; then
  if [[ $mock_server == 1 || -n $base_url ]]; then
    report=$build_dir/reports/contract-external.xml
  else
    report=$build_dir/reports/contract-inprocess.xml
  fi
fi
mkdir -p "$(dirname "$report")"
rm -f "$report"

if [[ $mock_server == 0 ]]; then
  if [[ -n $base_url ]]; then
    export ZOOM_BASE_URL=$base_url
  else
    unset ZOOM_BASE_URL
  fi
  status=0
  "$suite" --gtest_output="xml:$report" "${suite_args[@]}" || status=$?
  echo "contract-test: JUnit report in $report" >&2
  exit "$status"
fi

# --mock-server: the fake in a process of its own, on a free port.
server=$build_dir/bin/zoom-mock-server
scratch=$(mktemp -d)
server_pid=
server_status=0
# Stops the server and sets server_status to its exit status.
stop_server() {
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" || server_status=$?
    server_pid=
  fi
  exec 3<&-
  if [[ $server_status != 0 ]]; then
    echo "contract-test: zoom-mock-server exited with status $server_status:" >&2
    cat "$scratch/stderr" >&2
  fi
  rm -rf "$scratch"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkfifo "$scratch/stdout"
"$server" --port 0 --quiet --fixtures "$repo/fixtures" >"$scratch/stdout" 2>"$scratch/stderr" &
server_pid=$!
exec 3<"$scratch/stdout"
line=
listening='^zoom-mock-server listening on http://127\.0\.0\.1:([0-9]+)$'
if ! IFS= read -r -t 30 line <&3 || [[ ! $line =~ $listening ]]; then
  echo "contract-test: zoom-mock-server did not start (first line: \"$line\")" >&2
  exit 1
fi
port=${BASH_REMATCH[1]}
origin=http://127.0.0.1:$port
echo "contract-test: zoom-mock-server (pid $server_pid) listening on $origin" >&2

# Exactly the variables a user sets for the live API, with the default
# fixtures' tokens and users; any other ZOOM_* of the caller's shell is
# dropped so that it cannot change what CI tests.
environment=(
  ZOOM_BASE_URL="$origin/v2"
  ZOOM_TARGET_IS_FAKE=1
  ZOOM_TEST_USER_ID=sso-user-alice
  ZOOM_TEST_USER_EMAIL=alice@example.com
  ZOOM_TEST_USER2_ID=sso-user-bob-plus
  ZOOM_TEST_USER2_EMAIL=bob+sso@example.com
  ZOOM_USER_TOKEN=mock-user-token-alice
  ZOOM_EXPIRED_TOKEN=mock-expired-token
  ZOOM_NO_SCOPE_TOKEN=mock-no-scope-token
)
if [[ $oauth == 1 ]]; then
  environment+=(
    ZOOM_ACCOUNT_ID=mock-account
    ZOOM_CLIENT_ID=mock-client-id
    ZOOM_CLIENT_SECRET=mock-client-secret
    ZOOM_TOKEN_URL="$origin/oauth/token"
  )
else
  environment+=(ZOOM_ACCESS_TOKEN=mock-admin-token)
fi
unset_zoom=()
while IFS= read -r name; do
  [[ $name == ZOOM_* ]] && unset_zoom+=(-u "$name")
done < <(compgen -e)

status=0
env "${unset_zoom[@]}" "${environment[@]}" \
  "$suite" --gtest_output="xml:$report" "${suite_args[@]}" || status=$?
echo "contract-test: JUnit report in $report" >&2

# Every input is given here, so a case skipped for want of one means the
# wiring above is broken.
if [[ $status == 0 && -f $report ]] && grep -q "to run this case" "$report"; then
  echo "contract-test: cases were skipped for want of an input (see $report)" >&2
  status=1
fi

trap - EXIT
stop_server
if [[ $status == 0 && $server_status != 0 ]]; then
  status=1
fi
exit "$status"
