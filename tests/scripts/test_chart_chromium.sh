#!/bin/sh
# test_chart_chromium.sh TSUNAGU SRCDIR SCRATCH - print the HTML chart of a
# plan with headless Chromium and read the PDF back:
#   - every attendee's name is on the pages (the <script> name as text),
#   - each table's sign is a page of its own, in landscape,
#   - no page is blank (nothing spilled over onto an extra page).
# Skipped (exit 77) when chromium or poppler-utils are missing.
# ctest-labels: chromium
set -u
bin=$1
src=$2
out=$3
plan=$src/tests/data/charts/plan.json

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIPPED: chromium is not installed (Debian: apt install chromium)"
  exit 77
fi
for tool in pdftotext pdftoppm pdfinfo; do
  if ! command -v $tool >/dev/null; then
    echo "SKIPPED: $tool is not installed (Debian: apt install poppler-utils)"
    exit 77
  fi
done

rm -rf "$out" && mkdir -p "$out" || exit 2
fail() { echo "FAIL: $*"; exit 1; }

"$bin" chart "$plan" --format html --directory -o "$out/plan.html" || fail "tsunagu chart exited $?"

profile=$(mktemp -d) || exit 2
trap 'rm -rf "$profile"' EXIT
timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$out/plan.pdf" \
  "file://$out/plan.html" >"$out/chromium.log" 2>&1
[ -s "$out/plan.pdf" ] || { cat "$out/chromium.log"; fail "chromium wrote no PDF"; }

pages=$(pdfinfo "$out/plan.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -gt 0 ] || fail "PDF has no pages"

# Text of each page, white space removed (pdftotext may render the
# ideographic space between family and given name as an ASCII one).
squash() { tr -d ' \n\t\f' | sed 's/　//g'; }
i=1
while [ $i -le "$pages" ]; do
  pdftotext -f $i -l $i "$out/plan.pdf" - | squash >"$out/page-$i.txt"
  [ -s "$out/page-$i.txt" ] || fail "page $i is blank"
  i=$((i + 1))
done
cat "$out"/page-*.txt >"$out/all.txt"

# Attendee names from the plan (one per line, six spaces in: the attendee
# objects; the regions' names sit deeper).
sed -n 's/^      "name": "\(.*\)",$/\1/p' "$plan" | sed 's/\\"/"/g' >"$out/names.txt"
n=$(wc -l <"$out/names.txt")
[ "$n" -ge 20 ] || fail "expected at least 20 names in $plan, found $n"
missing=0
while IFS= read -r name; do
  key=$(printf '%s' "$name" | squash)
  if ! grep -qF -- "$key" "$out/all.txt"; then
    echo "missing from the PDF: $name"
    missing=$((missing + 1))
  fi
done <"$out/names.txt"
[ $missing -eq 0 ] || fail "$missing of $n names are not in the PDF"
grep -qF '<script>alert(1)</script>' "$out/all.txt" || fail "the <script> name is not shown as text"

# Signs: the tables of every session (ten spaces in: table objects), each
# as its sign names it: a table by its id (its number), a group by its label
# (MSW グループA: the track's part, then the group's own name; never its id).
# (The PDF's text may hold the two lines of a group's sign in either order.)
sed -n -e '/^          "id": "[^"]*",$/{N;s/^          "id": "\([^"]*\)",\n          "label": "\([^"]*\)",$/\1 \2/p;}' "$plan" >"$out/tables.txt"
t=$(wc -l <"$out/tables.txt")
[ "$t" -ge 2 ] || fail "expected tables in $plan, found $t"
k=0
while read -r id label; do
  k=$((k + 1))
  # The sign's footer reads テーブル札 k/t; exactly one page has it.
  hits=$(grep -lF -- "テーブル札$k/$t" "$out"/page-*.txt | wc -l)
  [ "$hits" -eq 1 ] || fail "sign $k/$t (table $id) is on $hits pages, expected 1"
  page=$(grep -lF -- "テーブル札$k/$t" "$out"/page-*.txt)
  signs=$(grep -o "テーブル札" "$page" | wc -l)
  [ "$signs" -eq 1 ] || fail "the page of sign $k/$t holds $signs signs"
  case "$id" in
  *-*) # a group: the track's part and the group's own name, not the id
    grep -qF -- "${label% *}" "$page" && grep -qF -- "${label##* }" "$page" ||
      fail "sign $k/$t does not show group $label"
    ! grep -qF -- "$id" "$page" || fail "sign $k/$t names group $label by its id $id" ;;
  *) grep -qF -- "$id" "$page" || fail "sign $k/$t does not show table $id" ;;
  esac
  num=$(basename "$page" .txt | sed 's/page-//')
  size=$(pdfinfo -f "$num" -l "$num" "$out/plan.pdf" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p')
  echo "$size" | awk '{ exit !($1 > $2) }' || fail "sign $k/$t is not landscape ($size)"
done <"$out/tables.txt"

# PNG pages (what a person looks at): one per PDF page, none blank.
pdftoppm -png -r 50 "$out/plan.pdf" "$out/page" || fail "pdftoppm failed"
png=$(ls "$out"/page-*.png | wc -l)
[ "$png" -eq "$pages" ] || fail "$png PNG pages for $pages PDF pages"
for f in "$out"/page-*.png; do
  [ "$(wc -c <"$f")" -gt 2000 ] || fail "$(basename "$f") looks blank"
done

echo "ok: $pages pages, $n names, $t signs on pages of their own ($out)"
exit 0
