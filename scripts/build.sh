#!/usr/bin/env bash
# Builds the native server and tests (build/native) and the WASM apps and tests (build/wasm).
# Outputs: build/bin/signet-server and build/web/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emcc 3.1.6 needs acorn from Debian's node modules
JOBS=${JOBS:-2}
TYPE=${BUILD_TYPE:-Release}

cmake -S . -B build/native -DCMAKE_BUILD_TYPE="$TYPE" >/dev/null
cmake --build build/native -j"$JOBS"

if [ "${SIGNET_SKIP_WASM:-0}" != 1 ]; then
  if [ ! -f build/wasm/CMakeCache.txt ]; then
    emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE="$TYPE" >/dev/null
  fi
  cmake --build build/wasm -j"$JOBS"
fi
