#!/usr/bin/env bash
# Draws the app icon (a shield holding three zones joined by a conduit) at 1024 px with
# ImageMagick, then every size and format the installers need with the Tauri CLI:
# src-tauri/icons/{32x32,128x128,128x128@2x,icon}.png, icon.ico (Windows), icon.icns (macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
src=src-tauri/icons/source/icon-1024.png
shield="$(python3 - <<'PY'
def cubic(p0, p1, p2, p3, n=24):
    pts = []
    for i in range(1, n + 1):
        t = i / n
        pts.append(tuple(round((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c + t ** 3 * d)
                         for a, b, c, d in zip(p0, p1, p2, p3)))
    return pts
pts = [(512, 132), (812, 232), (812, 520)]
pts += cubic((812, 520), (812, 700), (680, 820), (512, 892))
pts += cubic((512, 892), (344, 820), (212, 700), (212, 520))
pts += [(212, 232)]
print(" ".join(f"{x},{y}" for x, y in pts))
PY
)"
mkdir -p "$(dirname "$src")"
convert -size 1024x1024 xc:none \
  -fill '#12233f' -draw 'roundrectangle 32,32 992,992 200,200' \
  -fill '#2a6fb0' -draw "polygon $shield" \
  -fill '#dbe9f7' -draw 'roundrectangle 312,300 712,410 24,24' -draw 'roundrectangle 312,460 712,570 24,24' \
  -fill '#f3c88b' -draw 'roundrectangle 382,620 642,730 24,24' \
  -stroke '#c0392b' -strokewidth 26 -draw 'line 512,410 512,460' -draw 'line 512,570 512,620' \
  -depth 8 "$src"
ui/node_modules/.bin/tauri icon "$src" --output src-tauri/icons
# Only the desktop formats are kept (no mobile or Windows Store tiles).
rm -rf src-tauri/icons/android src-tauri/icons/ios src-tauri/icons/Square*Logo.png src-tauri/icons/StoreLogo.png
