#!/usr/bin/env bash
# Where a signed-in list and search request spend the server's CPU (docs/performance.md).
# Runs signet-server on the bench database (build/bench/demo.db, seeded by scripts/bench.sh) and,
# while wrk keeps 64 connections busy, records 4 s of the server with perf (DWARF call graphs):
#   list    GET the list's first page (50 of 10,000, by next_payment_date), read anew
#   search  the bench's 12 search-as-you-type values, mixed
# For each it writes to OUT_DIR (default build/bench/profile):
#   NAME.top.txt   the 25 hottest functions by their own samples (perf report --no-children)
#   NAME.calls.txt signet's functions and SQLite's step with all they call (inclusive shares)
#   NAME.png       a flame graph (speedscope's merged "left heavy" view, tests/e2e/flamegraph.js)
#   NAME.run.txt   wrk's figures for the run (profiling slows the server a little)
# Usage: scripts/profile.sh [OUT_DIR]
#   SIGNET_SERVER=path   profile another build (e.g. an older commit's, for a before/after)
#   PROFILE_DB=path      another demo database (an older build refuses a newer schema)
#   PROFILE_SERVER_FLAGS="..."  instead of --list-cache-mib 0 (a build from before that flag: "")
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-$ROOT/build/bench/profile}
SERVER_BIN=${SIGNET_SERVER:-$ROOT/build/bin/signet-server}
DB=${PROFILE_DB:-$ROOT/build/bench/demo.db}
SEED_TXT=$(dirname "$DB")/seed.txt
for tool in perf wrk curl node; do
  command -v "$tool" >/dev/null || { echo "profile: $tool is missing (scripts/setup.sh and scripts/bench.sh install it)" >&2; exit 2; }
done
[ -f "$DB" ] && [ -f "$SEED_TXT" ] || { echo "profile: no demo database at $DB; run scripts/bench.sh first" >&2; exit 2; }
PASSWORD=$(sed -n 's/^Password of every demo reseller: //p' "$SEED_TXT")
mkdir -p "$OUT"

TMP=$(mktemp -d)
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$TMP/web"
# Every list and search is read anew: wrk repeats a few URLs, which kept replies would answer.
read -r -a FLAGS <<<"${PROFILE_SERVER_FLAGS---list-cache-mib 0}"
"$SERVER_BIN" --db "$DB" --port "$PORT" --web-dir "$TMP/web" --outbox-dir "$TMP/outbox" "${FLAGS[@]}" \
  >"$TMP/server.log" 2>&1 &
SERVER=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1200); do
  curl -s -o /dev/null "$BASE/api/session" && break
  kill -0 "$SERVER" 2>/dev/null || { echo "profile: the server stopped:" >&2; cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done
curl -s -D "$TMP/h" -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"big@demo.signet.test\",\"password\":\"$PASSWORD\"}" "$BASE/api/session" || true
COOKIE=$(sed -n 's/^Set-Cookie: \([^;]*\).*/\1/ip' "$TMP/h" | head -1)
[ -n "$COOKIE" ] || { echo "profile: could not sign in as big@demo.signet.test" >&2; cat "$TMP/server.log" >&2; exit 1; }

cat >"$TMP/typing.lua" <<'LUA'
local qs = {"caf", "cafe", "m%C3%BCl", "m%C3%BCll", "m%C3%BCller", "muller", "lodz",
            "%C5%82%C3%B3d%C5%BA", "ster", "ouw", "erij", "sen%20b"}
local i = 0
request = function()
  i = i % #qs + 1
  return wrk.format("GET", "/api/subscriptions?sort=next_payment_date&q=" .. qs[i])
end
LUA

# profile NAME URL [wrk args]: 2 s of warm-up (first searches read the names), then 8 s of load
# with perf attached for 4 s in the middle.
profile() {
  local name=$1 url=$2; shift 2
  wrk -t2 -c64 -d2s -H "Cookie: $COOKIE" "$@" "$url" >/dev/null 2>&1 || true
  wrk -t2 -c64 -d8s --latency -H "Cookie: $COOKIE" "$@" "$url" >"$TMP/$name.wrk" 2>&1 &
  local load=$!
  sleep 2
  perf record -q -F 499 --call-graph dwarf,16384 -p "$SERVER" -o "$TMP/$name.data" -- sleep 4 >/dev/null 2>&1
  wait "$load" || true
  grep -E "Requests/sec| 50%| 99%" "$TMP/$name.wrk" | sed 's/^ *//' >"$OUT/$name.run.txt"
  perf report -i "$TMP/$name.data" --no-children --sort symbol --stdio -g none --percent-limit 0.7 2>/dev/null |
    awk '/^ +[0-9.]+%/ { pct = $1; $1 = ""; $2 = ""; sub(/^ +/, ""); sub(/ +- +- *$/, "");
                         if (length($0) > 90) $0 = substr($0, 1, 87) "...";
                         printf "%7s  %s\n", pct, $0 }' | head -25 >"$OUT/$name.top.txt"
  # speedscope shows one thread at a time; every sample is put in one thread so the graph is
  # the whole server's (each connection has its own thread in cpp-httplib).
  perf report -i "$TMP/$name.data" --children --sort symbol --stdio -g none --percent-limit 1 2>/dev/null |
    awk '/^ +[0-9.]+%/ && /signet::|sqlite3_step|finish_task_switch|process_request/ {
           total = $1; $1 = ""; $2 = ""; $3 = ""; sub(/^ +/, ""); sub(/ +- +- *$/, "");
           if (length($0) > 90) $0 = substr($0, 1, 87) "...";
           printf "%7s  %s\n", total, $0 }' | head -30 >"$OUT/$name.calls.txt"
  perf script -i "$TMP/$name.data" 2>/dev/null |
    sed -E '/^[^[:space:]]/ s/^.*[[:space:]][0-9]+(\/[0-9]+)?[[:space:]]+([0-9]+\.[0-9]+:)/signet-server 1 \2/' >"$TMP/$name.perf"
  node tests/e2e/flamegraph.js "$TMP/$name.perf" "$OUT/$name.png" "signet-server: $name ($(date -u +%F))"
  echo "profile: $name -> $OUT/$name.{top.txt,calls.txt,png,run.txt}"
}
profile list "$BASE/api/subscriptions?sort=next_payment_date&page=1&per_page=50"
profile search "$BASE/" -s "$TMP/typing.lua"
