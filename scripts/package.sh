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
cargo build --release -p otzone-cli --bin otzone --locked
# Secrets a CI passes empty when they are not set must be absent, not empty: Tauri starts
# signing on macOS as soon as APPLE_CERTIFICATE exists.
for v in APPLE_CERTIFICATE APPLE_CERTIFICATE_PASSWORD APPLE_SIGNING_IDENTITY APPLE_ID \
         APPLE_PASSWORD APPLE_TEAM_ID WINDOWS_CERTIFICATE_THUMBPRINT; do
  if [ -z "${!v:-}" ]; then unset "$v"; fi
done
extra=()
if [ -n "${WINDOWS_CERTIFICATE_THUMBPRINT:-}" ]; then
  extra+=(--config "{\"bundle\":{\"windows\":{\"certificateThumbprint\":\"$WINDOWS_CERTIFICATE_THUMBPRINT\",\"digestAlgorithm\":\"sha256\",\"timestampUrl\":\"http://timestamp.digicert.com\"}}}")
fi
# "${extra[@]+...}": an empty array under `set -u` in macOS's bash 3.2.
ui/node_modules/.bin/tauri build --bundles "$bundles" --features custom-protocol ${extra[@]+"${extra[@]}"}
