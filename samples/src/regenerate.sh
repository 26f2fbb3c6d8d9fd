#!/usr/bin/env bash
# Rebuild both samples. Each is first written as the customer agreed it in version 1.0,
# normalised and recorded as version 1.0 (with its copy of the model); then the current model
# is written and given that recorded version, so that its workbook's 変更点 lists what changed
# since 1.0. Run from anywhere: samples/src/regenerate.sh (builds otzone if needed).
set -euo pipefail
cd "$(dirname "$0")"
otzone="${OTZONE:-../../target/debug/otzone}"
[ -x "$otzone" ] || cargo build -q -p otzone-models --bin otzone
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
make_sample() {  # script, sample file, date of 1.0, summary of 1.0
  local script="$1" out="../$2.json" date="$3" summary="$4"
  python3 "$script" 1.0 "$tmp/first.json"
  "$otzone" convert "$tmp/first.json" "$tmp/first.json" >/dev/null
  "$otzone" revise "$tmp/first.json" --version 1.0 --date "$date" --summary "$summary" >/dev/null
  python3 "$script"
  python3 - "$tmp/first.json" "$out" <<'PY'
import json, sys
first, out = sys.argv[1], sys.argv[2]
revisions = json.load(open(first, encoding="utf-8"))["revisions"]
p = json.load(open(out, encoding="utf-8"))
p["revisions"] = revisions
with open(out, "w", encoding="utf-8") as f:
    json.dump(p, f, ensure_ascii=False, indent=2)
    f.write("\n")
PY
  "$otzone" convert "$out" "$out" >/dev/null
}
make_sample food_plant.py food-plant 2026-10-15 "初版: 顧客レビュー後の合意版"
make_sample electronics_line.py electronics-line 2026-10-02 "初版: 顧客レビュー後の合意版"
echo "samples regenerated"
