#!/usr/bin/env bash
# Sets up what is missing, builds, and runs the server in the foreground.
# With no flags: http://127.0.0.1:8080, database ./data/signet.db. Flags: see README.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec build/bin/signet-server "$@"
