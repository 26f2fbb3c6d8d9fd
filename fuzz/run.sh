#!/usr/bin/env bash
# Fuzz one target for a while on the stable toolchain, from seeds made from the samples.
#   fuzz/run.sh TARGET SECONDS     TARGET: project_json | project_file | ledger | responses
# Findings (crash-*, timeout-*, oom-*) land in fuzz/artifacts/TARGET; copy each into
# fuzz/regressions/TARGET (CI replays them) after fixing what it shows. docs/reliability.md
# records the runs.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?target}"
seconds="${2:-1800}"
# libFuzzer's instrumentation through stable -C flags (what cargo-fuzz passes, without the
# nightly-only sanitizer); debug assertions and overflow checks on.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# An explicit target keeps the flags off build scripts and proc macros (as cargo-fuzz does).
host="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --release --target "$host" --bin "$target"
corpus="corpus/$target"
mkdir -p "$corpus" "artifacts/$target"
if [ -z "$(ls -A "$corpus")" ]; then
  samples="$(cd .. && pwd)/samples"
  case "$target" in
    project_json) cp "$samples"/*.json "$corpus"/ ;;
    project_file)
      for s in "$samples"/*.json; do (cd .. && env -u RUSTFLAGS -u CARGO_TARGET_DIR cargo run -q -p otzone-models --bin otzone -- convert "$s" "fuzz/$corpus/$(basename "$s" .json).otz"); done ;;
    ledger)
      # The first byte picks the extension: 0 xlsx, 1 xls, 2 ods, 3 csv.
      for pair in 0:xlsx 1:xls 2:ods; do
        { printf "\\x${pair%%:*}"; cat "$samples/ledgers/chiba-ledger.${pair##*:}"; } > "$corpus/chiba-${pair##*:}"
      done
      printf '\x03設備名称,種別,IPアドレス,型式\nPLC-1,PLC,192.168.0.1,Q03\n"HMI, 2",HMI,,令和5年4月1日\n' > "$corpus/ledger.csv" ;;
    responses)
      (cd .. && env -u RUSTFLAGS -u CARGO_TARGET_DIR cargo run -q -p otzone-models --bin otzone -- export samples/food-plant.json -o "fuzz/$corpus/food-plant.xlsx" >/dev/null) ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
fi
"$CARGO_TARGET_DIR/$host/release/$target" "$corpus" -artifact_prefix="artifacts/$target/" \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=4000000 -print_final_stats=1
