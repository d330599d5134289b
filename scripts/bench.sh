#!/usr/bin/env bash
# Measures zoom-mock-server against the physical limit on this machine:
# nginx answering `return 204;` on the same path. Installs wrk and nginx
# (Debian packages), builds build-bench/ (Release), then, one server at a
# time on loopback, runs the same wrk load on each (DELETE with a bearer
# token, keep-alive; 1, 50 and 200 connections) for two rounds and prints
# requests/s, p50 and p99 latency, non-2xx responses and the mock/nginx
# ratios; then start-up time (exec to first 204, median of 10), resident
# memory, a 100,000-user/100,000-token world's load time and latency, and
# the Google Benchmark of one request's decision.
#
# The mock runs with --quiet: its access log (a line on stderr per request)
# would otherwise be measured too. nginx runs from a generated config in a
# scratch directory, in the foreground, on a free loopback port; a system
# nginx the package may have started is neither used nor touched.
#
# Environment: BENCH_DURATION (wrk -d, default 10s), BENCH_ROUNDS (2),
# BENCH_CONNECTIONS ("1 50 200"), BENCH_SCALE (100000 users and tokens),
# BENCH_MODELS=1 (also load the mock with --io-threads 0 and with
# --no-fast-path after the main rounds, once per round, compared with that
# round's nginx, to show what each model buys).
#   BENCH_DURATION=2s ./scripts/bench.sh     # a quick run
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh wrk nginx-light

duration=${BENCH_DURATION:-10s}
rounds=${BENCH_ROUNDS:-2}
read -r -a connections <<<"${BENCH_CONNECTIONS:-1 50 200}"
scale=${BENCH_SCALE:-100000}
build=build-bench
target_path=/v2/users/sso-user-alice/token

echo "bench: building $build (Release)" >&2
mkdir -p "$build"
if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DZOOM_BUILD_TESTS=OFF \
         -DZOOM_BUILD_BENCHMARKS=ON &&
       cmake --build "$build" -j "$(nproc)" --target zoom-mock-server zoom_mock_model_bench \
         zoom-mock-make-world zoom-mock-startup-probe; } >"$build/bench-build.log" 2>&1; then
  tail -n 30 "$build/bench-build.log"
  echo "bench: build failed (log: $build/bench-build.log)" >&2
  exit 1
fi

work=$(mktemp -d)
mock_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$mock_pid" ]] && kill "$mock_pid" 2>/dev/null && wait "$mock_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "bench: $*" >&2
  exit 1
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# --- the two servers -------------------------------------------------------

mock_port=""
start_mock() {  # FIXTURES_DIR [SERVER FLAGS...]
  "$build/bin/zoom-mock-server" --quiet --host 127.0.0.1 --port 0 --fixtures "$@" \
    >"$work/mock.out" 2>"$work/mock.err" &
  mock_pid=$!
  until grep -q "listening on" "$work/mock.out" 2>/dev/null; do
    kill -0 "$mock_pid" 2>/dev/null || fail "zoom-mock-server did not start: $(cat "$work/mock.err")"
    sleep 0.01
  done
  mock_port=$(sed -n 's/.*:\([0-9][0-9]*\)$/\1/p' "$work/mock.out")
  curl -s -o /dev/null -X DELETE -H "Authorization: Bearer mock-admin-token" \
    "http://127.0.0.1:$mock_port$target_path"
}
stop_mock() {
  kill -TERM "$mock_pid"
  local status=0
  wait "$mock_pid" || status=$?
  mock_pid=""
  [[ $status -eq 0 ]] || fail "zoom-mock-server exited $status on SIGTERM"
}

nginx_port=""
start_nginx() {
  mkdir -p "$work/nginx"
  for _ in $(seq 20); do
    nginx_port=$((20000 + RANDOM % 40000))
    cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  server {
    listen 127.0.0.1:$nginx_port;
    location = $target_path { return 204; }
  }
}
EOF
    /usr/sbin/nginx -p "$work/nginx/" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" \
      -g 'daemon off;' 2>>"$work/nginx/error.log" &
    nginx_pid=$!
    for _ in $(seq 200); do
      if curl -s -o /dev/null -X DELETE "http://127.0.0.1:$nginx_port$target_path"; then
        return 0
      fi
      kill -0 "$nginx_pid" 2>/dev/null || break
      sleep 0.01
    done
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=""
  done
  fail "nginx did not start: $(tail -n 3 "$work/nginx/error.log")"
}
stop_nginx() {
  kill -QUIT "$nginx_pid"
  wait "$nginx_pid" || true
  nginx_pid=""
}
nginx_rss_kib() {  # master and workers
  local total=0 pid
  for pid in "$nginx_pid" $(pgrep -P "$nginx_pid"); do total=$((total + $(rss_kib "$pid"))); done
  echo "$total"
}

# --- wrk ---------------------------------------------------------------------

cat >"$work/revoke.lua" <<'EOF'
wrk.method = "DELETE"
wrk.headers["Authorization"] = "Bearer mock-admin-token"
EOF

# Latency as wrk prints it (850.00us, 1.20ms, 2.00s) in microseconds.
to_us() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000;
    else if (v ~ /m$/) print n * 60000000; else if (v ~ /s$/) print n * 1000000; else print n }'
}

declare -A rps p50 p99 non2xx errors
run_wrk() {  # KEY PORT CONNECTIONS
  local key=$1 port=$2 conns=$3 threads=2 out
  [[ $conns -lt 2 ]] && threads=1
  out=$(wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$work/revoke.lua" \
    "http://127.0.0.1:$port$target_path")
  rps[$key]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50[$key]=$(to_us "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99[$key]=$(to_us "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  non2xx[$key]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  non2xx[$key]=${non2xx[$key]:-0}
  errors[$key]=$(awk -F'[ ,]+' '/Socket errors:/ {print $4 + $6 + $8 + $10}' <<<"$out")
  errors[$key]=${errors[$key]:-0}
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mean() { awk 'BEGIN { s = 0; for (i = 1; i < ARGC; i++) s += ARGV[i]; printf "%.1f", s / (ARGC - 1) }' "$@"; }

# --- the load ----------------------------------------------------------------

echo "bench: wrk -d $duration, connections ${connections[*]}, $rounds rounds" >&2
declare -A rss_idle rss_loaded
for round in $(seq "$rounds"); do
  start_mock fixtures
  rss_idle[mock,$round]=$(rss_kib "$mock_pid")
  for c in "${connections[@]}"; do run_wrk "mock,$c,$round" "$mock_port" "$c"; done
  rss_loaded[mock,$round]=$(rss_kib "$mock_pid")
  stop_mock

  start_nginx
  rss_idle[nginx,$round]=$(nginx_rss_kib)
  for c in "${connections[@]}"; do run_wrk "nginx,$c,$round" "$nginx_port" "$c"; done
  rss_loaded[nginx,$round]=$(nginx_rss_kib)
  stop_nginx
done

model_flags=("--io-threads 0" "--no-fast-path")
if [[ ${BENCH_MODELS:-0} == 1 ]]; then
  for round in $(seq "$rounds"); do
    for m in "${!model_flags[@]}"; do
      read -r -a flags <<<"${model_flags[$m]}"
      start_mock fixtures "${flags[@]}"
      for c in "${connections[@]}"; do run_wrk "model$m,$c,$round" "$mock_port" "$c"; done
      stop_mock
    done
  done
fi

echo
echo "== zoom-mock-server vs nginx (return 204): DELETE $target_path, keep-alive, wrk -d $duration"
printf '%-6s %-5s | %10s %10s %6s | %9s %9s | %9s %9s %6s | %7s %7s\n' \
  conns round "mock r/s" "nginx r/s" ratio "mock p50" "ngx p50" "mock p99" "ngx p99" ratio \
  "mock!2xx" "errors"
for c in "${connections[@]}"; do
  for round in $(seq "$rounds"); do
    m="mock,$c,$round" n="nginx,$c,$round"
    printf '%-6s %-5s | %10.0f %10.0f %6s | %7.0fus %7.0fus | %7.0fus %7.0fus %6s | %7s %7s\n' \
      "$c" "$round" "${rps[$m]}" "${rps[$n]}" "$(ratio "${rps[$m]}" "${rps[$n]}")" \
      "${p50[$m]}" "${p50[$n]}" "${p99[$m]}" "${p99[$n]}" "$(ratio "${p99[$m]}" "${p99[$n]}")" \
      "${non2xx[$m]}" "$((errors[$m] + errors[$n]))"
  done
done

echo
echo "== ratios (mean of $rounds rounds) against the targets"
for c in "${connections[@]}"; do
  mr=() nr=() mp=() np=() bad=0
  for round in $(seq "$rounds"); do
    mr+=("${rps[mock,$c,$round]}") nr+=("${rps[nginx,$c,$round]}")
    mp+=("${p99[mock,$c,$round]}") np+=("${p99[nginx,$c,$round]}")
    bad=$((bad + non2xx[mock,$c,$round]))
  done
  rr=$(ratio "$(mean "${mr[@]}")" "$(mean "${nr[@]}")")
  pr=$(ratio "$(mean "${mp[@]}")" "$(mean "${np[@]}")")
  case $c in
    50) want="req/s >= 0.6x" ;;
    200) want="req/s >= 0.5x" ;;
    *) want="req/s (no target)" ;;
  esac
  printf '%4s connections: req/s %sx nginx (%s), p99 %sx nginx (target <= 2x), mock non-2xx %s (target 0)\n' \
    "$c" "$rr" "$want" "$pr" "$bad"
done

if [[ ${BENCH_MODELS:-0} == 1 ]]; then
  echo
  echo "== connection models: requests/s per round (ratio to nginx in the same round)"
  for c in "${connections[@]}"; do
    for round in $(seq "$rounds"); do
      n="nginx,$c,$round"
      line=$(printf '%-6s %-5s |' "$c" "$round")
      for m in "${!model_flags[@]}"; do
        k="model$m,$c,$round"
        line+=$(printf ' %s: %.0f (%s)%s |' "${model_flags[$m]}" "${rps[$k]}" \
          "$(ratio "${rps[$k]}" "${rps[$n]}")" \
          "$([[ ${non2xx[$k]} == 0 ]] || echo ", ${non2xx[$k]} non-2xx")")
      done
      m="mock,$c,$round"
      line+=$(printf ' default: %.0f (%s)' "${rps[$m]}" "$(ratio "${rps[$m]}" "${rps[$n]}")")
      echo "$line"
    done
  done
fi

echo
echo "== memory (VmRSS)"
for round in $(seq "$rounds"); do
  printf 'round %s: mock idle %s KiB, after the load %s KiB (target idle <= 8192 KiB); nginx idle %s KiB, after %s KiB (master + workers)\n' \
    "$round" "${rss_idle[mock,$round]}" "${rss_loaded[mock,$round]}" \
    "${rss_idle[nginx,$round]}" "${rss_loaded[nginx,$round]}"
done

echo
echo "== start-up: exec to first 204 (target <= 30 ms)"
"$build/bin/zoom-mock-startup-probe" --server "$build/bin/zoom-mock-server" --fixtures fixtures --runs 10

echo
echo "== scale: $scale users and $scale tokens"
"$build/bin/zoom-mock-make-world" --fixtures fixtures --users "$scale" --tokens "$scale" \
  --out "$work/world"
echo "load (exec to first 204, target < 1000 ms):"
"$build/bin/zoom-mock-startup-probe" --server "$build/bin/zoom-mock-server" \
  --fixtures "$work/world" --runs 3
start_mock fixtures
run_wrk "scale,default" "$mock_port" 1
stop_mock
start_mock "$work/world"
run_wrk "scale,large" "$mock_port" 1
echo "RSS with the large world: $(rss_kib "$mock_pid") KiB"
stop_mock
printf 'revoke latency, 1 connection: p50 %.0fus with the default fixtures, %.0fus with %s users: %sx (target <= 1.2x); req/s %.0f vs %.0f\n' \
  "${p50[scale,default]}" "${p50[scale,large]}" "$scale" \
  "$(ratio "${p50[scale,large]}" "${p50[scale,default]}")" \
  "${rps[scale,default]}" "${rps[scale,large]}"

echo
echo "== Google Benchmark: one request's decision below transport (target < 1 us)"
"$build/bin/zoom_mock_model_bench" --benchmark_min_time=0.3 2>/dev/null
