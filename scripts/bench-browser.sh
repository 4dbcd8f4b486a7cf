#!/usr/bin/env bash
# Browser benchmark of the reseller portal: first-load bytes (raw and as sent with brotli), time
# to the first interactive frame (median of 10 cold loads), ImGui frame build time with 10,000
# rows in the subscriptions table, and frames per second while idle; each figure printed with its
# target. Starts its own signet-server (free port, temporary database) and Chromium, and removes
# both when done. Builds first when the build is missing. Figures only: it never fails on a target.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x build/bin/signet-server ] || [ ! -f build/web/index.html ]; then
  bash scripts/build.sh
fi
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  bash scripts/setup.sh
fi
# The temporary database goes to tmpfs: what is measured is the browser, and 10,000 creates
# with synchronous=FULL fsyncs take minutes on this machine's disk.
if [ -z "${TMPDIR:-}" ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
exec node tests/e2e/bench.js "$@"
