#!/usr/bin/env bash
# Renders a workbook the way a customer prints it: LibreOffice → PDF (each sheet on the paper it
# declares) → one PNG per page, named after the sheet it shows.
#   scripts/render-workbook.sh WORKBOOK.xlsx OUT_DIR [DPI]
# Needs the "full" system packages (scripts/setup-system.sh full): LibreOffice, poppler and
# Carlito (Calibri's metrics, so that columns print as wide as in Excel).
set -euo pipefail
book="$1"; out="$2"; dpi="${3:-60}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$book" "$tmp/book.xlsx"
(cd "$tmp" && timeout 600 soffice --headless --convert-to pdf book.xlsx >/dev/null 2>&1)
pages="$(pdfinfo "$tmp/book.pdf" | awk '/^Pages:/ {print $2}')"
: > "$out/pages.txt"
for i in $(seq 1 "$pages"); do
  # The sheet's name is at the right of the page header (the first text line).
  pdftotext -f "$i" -l "$i" -layout "$tmp/book.pdf" "$tmp/page.txt"
  sheet="$(awk 'NR == 1 {print $NF}' "$tmp/page.txt")"
  size="$(pdfinfo -f "$i" -l "$i" "$tmp/book.pdf" | awk '/^Page +[0-9]+ size:/ {print $4"x"$6}')"
  printf '%03d %s %s\n' "$i" "$size" "$sheet" >> "$out/pages.txt"
  pdftoppm -f "$i" -l "$i" -r "$dpi" -png -singlefile "$tmp/book.pdf" "$out/page-$(printf %03d "$i")"
done
cp "$tmp/book.pdf" "$out/book.pdf"
echo "$pages pages in $out (list: $out/pages.txt)"
