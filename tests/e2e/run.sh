#!/usr/bin/env bash
# Builds the UI and the app with the UI embedded, then runs the end-to-end test under Xvfb
# with tauri-driver (which starts WebKitWebDriver).
#   tests/e2e/run.sh          the end-to-end test (debug build; run by `make test`)
#   tests/e2e/run.sh bench    the 10k-asset benchmark (docs/benchmarks.md)
#   tests/e2e/run.sh edit-bench   the edit loop at 10k assets, release build (docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked
(cd ui && npm run build --silent)
features=otzone-studio/custom-protocol,otzone-studio/e2e-hooks
if [ "${1:-test}" = edit-bench ]; then
  # The edit loop is timed in the release app, as users run it.
  cargo build --release -p otzone-studio -p otzone-cli --features "$features"
else
  cargo build -p otzone-studio -p otzone-cli --features "$features"
fi
if [ "${1:-test}" = bench ]; then
  export E2E_SPEC=tests/e2e/bench.e2e.mjs
elif [ "${1:-test}" = edit-bench ]; then
  export E2E_SPEC=tests/e2e/edit-bench.e2e.mjs
else
  export E2E_SPEC="${E2E_SPEC:-tests/e2e/app.e2e.mjs tests/e2e/scratch.e2e.mjs tests/e2e/agreement.e2e.mjs}"
fi
export E2E_DIR="${E2E_DIR:-$(mktemp -d)}"
export OTZONE_STUDIO_DIALOG_SCRIPT="$E2E_DIR/dialogs.txt"
export XDG_DATA_HOME="$E2E_DIR/data"   # recovery copies and recent files stay in the test's folder
mkdir -p "$E2E_DIR"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  tauri-driver --port 4444 --native-port "${E2E_NATIVE_PORT:-4445}" > "$E2E_DIR/tauri-driver.log" 2>&1 &
  driver=$!
  trap "kill -TERM $driver 2>/dev/null; wait $driver 2>/dev/null || true" EXIT
  for i in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.2; done
  node --test --test-concurrency=1 $E2E_SPEC
'
