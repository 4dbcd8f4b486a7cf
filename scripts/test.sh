#!/usr/bin/env bash
# Sets up, builds and runs every test suite: shared/ natively and as WASM under Node, the
# server (services on real SQLite files and on a throw-away PostgreSQL cluster, HTTP against
# the real signet-server), and the
# browser tests (Playwright driving Debian's Chromium). Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
bash scripts/build.sh || exit 1

passed=0
failed=0
failed_suites=()
# Runs one suite, echoing its output, and adds its test-case counts to the totals.
run_suite() {
  local name=$1; shift
  echo "=== $name"
  local log
  log=$(mktemp)
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  # doctest: "test cases: 31 | 31 passed | 0 failed"; node --test: "# pass 7" / "# fail 0"
  p=$(grep -oE '^\[doctest\] test cases: *[0-9]+ \| *[0-9]+ passed' "$log" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' | tail -1)
  f=$(grep -oE '\| *[0-9]+ failed' "$log" | head -1 | grep -oE '[0-9]+')
  if [ -z "$p" ]; then
    p=$(grep -oE '^# pass [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
    f=$(grep -oE '^# fail [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
  fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" != 0 ]; then
    failed_suites+=("$name")
    [ "${f:-0}" = 0 ] && failed=$((failed + 1))  # a crash counts as a failure
  fi
  rm -f "$log"
}

export NODE_PATH=/usr/share/nodejs
run_suite "shared (native)" build/native/tests/test_shared --no-colors
run_suite "shared (WASM under Node)" node --no-experimental-fetch build/wasm/tests/test_shared.js --no-colors
# SQLite here; PostgreSQL below, in the sanitizer run (the "sqlite" and "postgres" test suites
# hold what only one engine has: SQLite's files and settings, two servers on one database).
run_suite "server (services and HTTP)" build/native/tests/test_server --no-colors -tse=postgres
run_suite "browser (Playwright + Chromium)" bash tests/e2e/run.sh

# The native suites once more under AddressSanitizer and UBSan, in their own build tree
# (with their own server binary), and the fuzz seeds replayed through the fuzz targets.
echo "=== building with AddressSanitizer + UBSan"
# -O1 -g1: sanitizers want frame pointers and line numbers, not full optimisation; this keeps
# the extra build to a few minutes on two cores.
cmake -S . -B build/asan -DSIGNET_SANITIZE=ON -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
  -DSIGNET_OUT_DIR="$PWD/build/asan-out" >/dev/null &&
  cmake --build build/asan -j"${JOBS:-2}" --target test_shared test_server signet-server >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
run_suite "shared (ASan+UBSan)" build/asan/tests/test_shared --no-colors
# The server suite on PostgreSQL: a throw-away cluster of its own on a free loopback port,
# started and stopped here (tests/support/postgres_instance.sh).
pg_dir=$(mktemp -d /tmp/signet-pg.XXXXXX)
chmod 755 "$pg_dir"  # the postgres user runs the cluster when this runs as root
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'bash tests/support/postgres_instance.sh stop "$pg_dir"; rm -rf "$pg_dir"' EXIT
if bash tests/support/postgres_instance.sh start "$pg_dir" "$pg_port"; then
  run_suite "server on PostgreSQL (ASan+UBSan)" env SIGNET_TEST_POSTGRES="postgresql://signet@127.0.0.1:$pg_port" \
    build/asan/tests/test_server --no-colors -tse=sqlite
else
  failed_suites+=("server on PostgreSQL (the cluster did not start)")
  failed=$((failed + 1))
fi
unset ASAN_OPTIONS UBSAN_OPTIONS
run_suite "fuzz seed replay" bash scripts/fuzz.sh --replay

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed_suites[*]}"
fi
echo "tests: $passed passed, $failed failed"
[ ${#failed_suites[@]} -eq 0 ]
