#!/usr/bin/env bash
# Load test on loopback: starts signet-server on a temporary database, creates a reseller,
# runs signet-loadgen (100 clients by default, mixed list/create/patch/sign-in) for a
# bounded time and prints throughput, p50/p99 and errors. Usage: loadtest.sh [SECONDS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-10}
CLIENTS=${2:-100}
[ -x build/bin/signet-server ] && [ -x build/native/tests/signet-loadgen ] || SIGNET_SKIP_WASM=1 bash scripts/build.sh
DIR=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "load test password 2026" > "$DIR/password"
build/bin/signet-server admin create-reseller --db "$DIR/load.db" --company "Load B.V." --name Load \
  --email load@example.nl < "$DIR/password" >/dev/null
build/bin/signet-server --db "$DIR/load.db" --port "$PORT" --outbox-dir "$DIR/outbox" >"$DIR/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -s "http://127.0.0.1:$PORT/api/session" >/dev/null && break; sleep 0.1; done
echo "signet load test: $CLIENTS clients, ${SECONDS_RUN}s, loopback port $PORT"
build/native/tests/signet-loadgen --port "$PORT" --clients "$CLIENTS" --seconds "$SECONDS_RUN" \
  --email load@example.nl --password-file "$DIR/password"
echo "server RSS after the run: $(ps -o rss= -p $SERVER | awk '{printf "%.1f MiB", $1/1024}')"
