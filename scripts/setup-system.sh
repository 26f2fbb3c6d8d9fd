#!/usr/bin/env bash
# Installs the Debian packages the project needs on a fresh Debian 12 machine.
# Idempotent: skips apt entirely when every package is already installed.
#   scripts/setup-system.sh core   — what the core crate and its tests need (C toolchain)
#   scripts/setup-system.sh app    — plus the desktop app's libraries, Xvfb and WebKitWebDriver (CI)
#   scripts/setup-system.sh full   — plus LibreOffice and poppler for workbook renders
set -euo pipefail
profile="${1:-full}"
core=(build-essential pkg-config fonts-noto-cjk time)
app=(libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
     xvfb xauth xclip imagemagick webkit2gtk-driver)
# Carlito has the metrics of Calibri, the workbook's default font, so LibreOffice lays out and
# prints columns as wide as Excel does (without it, DejaVu Sans makes every column a third wider).
full=(libreoffice-calc poppler-utils fonts-crosextra-carlito)
pkgs=("${core[@]}")
case "$profile" in
  core) ;;
  app) pkgs+=("${app[@]}") ;;
  full) pkgs+=("${app[@]}" "${full[@]}") ;;
  *) echo "setup-system: unknown profile $profile (core|app|full)" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all ${#pkgs[@]} packages present"
  exit 0
fi
echo "setup-system: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: done"
