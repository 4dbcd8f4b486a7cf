#!/usr/bin/env bash
# Browser (E2E) tests of the Signet web apps. Needs build/bin/signet-server and build/web/
# (scripts/build.sh). Screenshots land in build/e2e/. Exit code: non-zero on any failure.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# Static files carry content hashes in their names (portal.3f2a9c1e.wasm); the shells do not.
for f in "$ROOT/build/bin/signet-server" "$ROOT/build/web/index.html" "$ROOT/build/web/"portal.*.wasm; do
  if [ ! -e "$f" ]; then echo "e2e: missing $f (run scripts/build.sh first)" >&2; exit 1; fi
done
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
  echo "e2e: installing playwright-core (npm ci)"; (cd "$HERE" && npm ci --no-audit --no-fund)
fi
rm -rf "$ROOT/build/e2e" && mkdir -p "$ROOT/build/e2e"
cd "$HERE"
exec node --test --test-concurrency=1 "$@" portal.test.js billing.test.js customer.test.js \
  portal_i18n.test.js portal_accounts.test.js customer_accounts.test.js text_input.test.js mobile.test.js layout.test.js \
  list_cache.test.js deploy.test.js mailflow.test.js
