#!/usr/bin/env bash
# Builds the release app and its installers with the Tauri CLI the UI's package pins
# (ui/node_modules/.bin/tauri, @tauri-apps/cli 2.x), the same on this machine (make package)
# and in the hosted CI (.github/workflows/build.yml).
#   scripts/package.sh [--bundles deb,appimage]     (default: deb)
# The command-line tool `otzone` is built first: the Linux .deb installs it as /usr/bin/otzone.
# Signing is optional and comes from the environment only: Windows by certificate thumbprint
# (WINDOWS_CERTIFICATE_THUMBPRINT), macOS by the APPLE_* variables Tauri reads.
set -euo pipefail
cd "$(dirname "$0")/.."
bundles=deb
if [ "${1:-}" = "--bundles" ]; then bundles="$2"; fi
(cd ui && npm run build --silent)
cargo build --release -p otzone-models --bin otzone --locked
extra=()
if [ -n "${WINDOWS_CERTIFICATE_THUMBPRINT:-}" ]; then
  extra+=(--config "{\"bundle\":{\"windows\":{\"certificateThumbprint\":\"$WINDOWS_CERTIFICATE_THUMBPRINT\"}}}")
fi
ui/node_modules/.bin/tauri build --bundles "$bundles" --features custom-protocol "${extra[@]}"
