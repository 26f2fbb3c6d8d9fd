#!/usr/bin/env bash
# What `make package` proves on this Debian machine: the .deb installs (dpkg), the installed
# app starts on a project passed on its command line the way the desktop file association
# passes it (screenshot under Xvfb), the installed CLI exports a workbook with charts, and the
# package is removed again. Leaves the screenshot and workbook in OUT (default out/package).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${OUT:-out/package}"
mkdir -p "$out"
deb="$(ls -t target/release/bundle/deb/*.deb | head -n 1)"
echo "package: $deb ($(du -h "$deb" | cut -f1))"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO dpkg -i "$deb"
trap '$SUDO dpkg -r ot-zone-studio >/dev/null 2>&1 || true' EXIT
dpkg -L ot-zone-studio | grep -E 'bin/|\.desktop$|mime|icons/hicolor/128' | sed 's/^/  installed: /'
command -v otzone-studio otzone
# The shipped font's licence goes with it (IPA Font License v1.0, article 3.2(3)).
test -s /usr/share/doc/ot-zone-studio/IPA_Font_License_Agreement_v1.0.txt
echo "  font licence: /usr/share/doc/ot-zone-studio/IPA_Font_License_Agreement_v1.0.txt"
desktop="$(dpkg -L ot-zone-studio | grep '\.desktop$')"
grep -q '^MimeType=application/x-otzone-project' "$desktop"
grep -q 'application/x-otzone-project.*\*\.otz\|\*\.otz' /usr/share/mime/globs2
echo "  file association: *.otz → application/x-otzone-project → $(grep '^Exec=' "$desktop")"
work="$(mktemp -d)"
otzone convert samples/food-plant.json "$work/工場 サンプル.otz" >/dev/null
otzone export "$work/工場 サンプル.otz" -o "$out/installed-export.xlsx" --force
unzip -l "$out/installed-export.xlsx" | grep -c 'xl/media/image' | xargs -I{} echo "  workbook charts: {}"
# The installed app, opened on the project as a file manager passes it (the path, with a
# space and Japanese characters in it), under Xvfb; screenshot after it has drawn.
export XDG_DATA_HOME="$work/data"
# The command line the desktop entry gives: its Exec with %f replaced by the file.
exec_line="$(grep '^Exec=' "$desktop" | cut -d= -f2-)"
program="${exec_line%% *}"
[ "${exec_line#* }" = "%f" ] || { echo "the desktop entry does not pass the file: $exec_line"; exit 1; }
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" "$2" & app=$!
  sleep 20
  import -window root "$3"
  kill $app
' _ "$program" "$work/工場 サンプル.otz" "$out/installed-app.png"
echo "  screenshot: $out/installed-app.png"
# The app opened the file it was given: it is now its most recent file.
grep -q "工場 サンプル.otz" "$XDG_DATA_HOME/jp.otzone.studio/recent.json"
echo "  opened: $(head -c 200 "$XDG_DATA_HOME/jp.otzone.studio/recent.json")"
rm -rf "$work"
