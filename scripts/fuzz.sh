#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined) and fuzzes each
# for SECONDS (default 60), growing the seed corpora in tests/fuzz/corpus/. Prints the
# executions each target ran. With --replay, runs every seed file once instead (CI).
# Seeds (tests/fuzz/corpus/, committed, small) stay as they are; what fuzzing learns
# accumulates in build/fuzz/corpus_TARGET. A crash input worth keeping as a regression
# test is copied into the seeds by hand, with a name that says what it is.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=fuzz
SECONDS_EACH=60
for arg in "$@"; do
  case "$arg" in
    --replay) MODE=replay ;;
    *) SECONDS_EACH=$arg ;;
  esac
done
OUT=build/fuzz
mkdir -p "$OUT"
TARGETS=(json_mapping csv renderer mail_insertion)
FLAGS=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Ishared)
# shared/ is compiled once (as a fuzzer-instrumented library) and linked into each target.
mkdir -p "$OUT/obj"
for src in shared/signet/*.cpp shared/signet/phrases/*.cpp; do
  rel="${src#shared/signet/}"
  obj="$OUT/obj/${rel//\//_}"   # phrases/mail.cpp -> phrases_mail.cpp
  obj="${obj%.cpp}.o"
  if [ ! -f "$obj" ] || [ -n "$(find shared/signet -newer "$obj" -name '*.[ch]*' | head -1)" ]; then
    clang++ "${FLAGS[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
  fi
done
for t in "${TARGETS[@]}"; do
  bin="$OUT/fuzz_$t"
  if [ ! -x "$bin" ] || [ -n "$(find "$OUT/obj" tests/fuzz/fuzz_$t.cpp server/mailflow -newer "$bin" | head -1)" ]; then
    echo "fuzz: building $t"
    extra=()
    # The mail flow's insertion is server code on GMime (libgmime-3.0-dev).
    if [ "$t" = mail_insertion ]; then
      read -ra gmime <<<"$(pkg-config --cflags --libs gmime-3.0)"
      extra=(-Iserver server/mailflow/signature_insertion.cpp "${gmime[@]}")
    fi
    clang++ "${FLAGS[@]}" "tests/fuzz/fuzz_$t.cpp" "$OUT"/obj/*.o "${extra[@]}" -o "$bin"
  fi
done
status=0
for t in "${TARGETS[@]}"; do
  corpus="tests/fuzz/corpus/$t"
  if [ "$MODE" = replay ]; then
    echo "fuzz: replaying $(ls "$corpus" | wc -l) inputs of $t"
    "$OUT/fuzz_$t" -runs=0 "$corpus"/* 2>&1 | tail -2 || status=1
  else
    log="$OUT/$t.log"
    mkdir -p "$OUT/corpus_$t"
    "$OUT/fuzz_$t" -max_total_time="$SECONDS_EACH" -print_final_stats=1 -artifact_prefix="$OUT/$t-" \
      "$OUT/corpus_$t" "$corpus" >"$log" 2>&1 || status=1
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    echo "fuzz: $t ran $runs executions in ${SECONDS_EACH}s: $([ $status = 0 ] && echo clean || echo 'FAILED, see '$log)"
  fi
done
exit $status
