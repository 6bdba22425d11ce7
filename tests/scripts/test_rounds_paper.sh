#!/bin/sh
# test_rounds_paper.sh TSUNAGU SRCDIR SCRATCH - the paper of a morning of
# three rounds (data/events/tsunagarou-rounds.json: a 席替え every 20
# minutes) for the 100-person sample and a 600-person generated list,
# judged against the plan file by tests/scripts/rounds_paper.py:
#   - a room map per round, headed 「2回目 11:30–11:50」, each round's
#     tables seating the plan's members, everyone once a round;
#   - --roster-per-page: a sheet per table with every round's members and
#     where each goes next (次), each sheet one printed page;
#   - each person's itinerary (10→8→11) on the reception list, the badges,
#     the CSV (テーブル 1回目 .. 3回目; Table round 1 ..) and the text chart;
#   - printed through Chromium: each map one page, every word inside the
#     margins, nothing overflowing its box (tests/scripts/print_check.js),
#     in Japanese and English;
#   - --only-changed after a change in the last round alone: that round's
#     map, the two tables' sheets, the two people's badges, rows and lines;
#     after the desk's walk-in: her itinerary on every paper;
#   - a plan of one round prints no trace of rounds.
# Skipped (exit 77) when chromium, poppler-utils or python3 are missing.
# ctest-labels: chromium
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
keep_going=1

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "SKIPPED: chromium is not installed (Debian: apt install chromium)"; exit 77; }
for tool in pdftotext pdfinfo python3; do
    command -v $tool >/dev/null || { echo "SKIPPED: $tool is not installed"; exit 77; }
done
rm -rf "$s" && mkdir -p "$s" || exit 2
profile=$(mktemp -d) || exit 2
trap 'rm -rf "$profile"' EXIT

browser() {
    timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2>>"$s/chromium.log"
}
# pdf NAME: NAME.html printed to NAME.pdf, read back as NAME.txt and NAME.bbox.html
pdf() {
    browser --no-pdf-header-footer --print-to-pdf="$s/$1.pdf" "file://$s/$1.html" >/dev/null
    [ -s "$s/$1.pdf" ] || { cat "$s/chromium.log"; fail "chromium wrote no $1.pdf"; return; }
    pdftotext -layout "$s/$1.pdf" "$s/$1.txt"
    pdftotext -bbox "$s/$1.pdf" "$s/$1.bbox.html"
}
# overflow NAME WIDTH: what print_check.js finds in a copy of NAME.html
overflow() {
    copy=$s/$1.check.html
    sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' -e 's|</body>||' -e 's|</html>||' \
        "$s/$1.html" >"$copy"
    { echo '<script>'; cat "$src/tests/scripts/print_check.js"; echo '</script></body></html>'; } >>"$copy"
    report=$(browser --window-size="$2",1200 --virtual-time-budget=20000 --dump-dom "file://$copy" |
        python3 -c 'import html, re, sys
m = re.findall(r"<pre id=\"overflow\">(.*?)</pre>", sys.stdin.read(), re.S)
print(html.unescape(m[-1]) if m else "the check did not run")')
    [ "$report" = ok ] || fail "$1.html overflows:
$(echo "$report" | head -10)"
}
check() { python3 "$src/tests/scripts/rounds_paper.py" "$@" || fail "rounds_paper.py $*"; }

ev=$src/data/events/tsunagarou-rounds.json
python3 "$src/tools/gen" --count 600 --seed 3 -o "$s/g600.csv" || fail "tools/gen"
for list in sample g600; do
    in=$s/$list.csv
    [ $list = sample ] && in=$src/data/samples/attendees.csv
    "$bin" solve "$in" --event "$ev" -o "$s/$list.json" --html "$s/$list.html" -t 60 >"$s/$list.out" 2>&1 ||
        { cat "$s/$list.out"; fail "solve $list failed"; continue; }
    "$bin" chart "$s/$list.json" --roster-per-page -o "$s/$list-sheets.html" || fail "chart --roster-per-page"
    "$bin" chart "$s/$list.json" --format badges -o "$s/$list-badges.html" || fail "chart --format badges"
    "$bin" chart "$s/$list.json" --format csv -o "$s/$list-list.csv" || fail "chart --format csv"
    "$bin" chart "$s/$list.json" --format text -o "$s/$list-text.txt" || fail "chart --format text"
done
"$bin" --lang en chart "$s/sample.json" --roster-per-page -o "$s/en.html" || fail "--lang en"
"$bin" --lang en chart "$s/sample.json" --format badges -o "$s/en-badges.html" || fail "--lang en badges"
"$bin" --lang en chart "$s/sample.json" --format csv -o "$s/en.csv" || fail "--lang en csv"

# What the files say, against the plans.
for list in sample g600; do
    check maps "$s" "$list" "$list"
    check reception "$s" "$list" "$list"
    check sheets "$s" "$list-sheets" "$list"
    check badges "$s" "$list-badges" "$list"
    check csv "$s" "$list-list" "$list" ja
    check text "$s" "$list-text" "$list"
done
check csv "$s" en sample en

# Printed: maps and sheets one page each, every word inside the margins,
# nothing overflowing its box.
for f in sample sample-sheets g600-sheets en; do
    pdf "$f"
    check pdf "$s" "$f" "$([ "$f" = en ] && echo sample || echo "${f%-sheets}")"
done
for f in sample sample-sheets en g600-sheets; do overflow "$f" 763; done
for f in sample-badges en-badges g600-badges; do overflow "$f" 900; done

# Only a later round changed: two people of round 3 swap tables.
who=$(python3 "$src/tests/scripts/rounds_paper.py" swap "$s" sample swapped) || fail "cannot swap"
"$bin" chart "$s/swapped.json" --only-changed "$s/sample.json" -o "$s/changed.html" || fail "--only-changed"
"$bin" chart "$s/swapped.json" --only-changed "$s/sample.json" --format text -o "$s/changed.txt" ||
    fail "--only-changed text"
"$bin" chart "$s/swapped.json" --only-changed "$s/sample.json" --format csv -o "$s/changed.csv" ||
    fail "--only-changed csv"
"$bin" chart "$s/swapped.json" --only-changed "$s/sample.json" --format badges -o "$s/changed-badges.html" ||
    fail "--only-changed badges"
check changed "$s" changed swapped "$who"
overflow changed 763

# The desk: a walk-in sits in every round; her itinerary is on every paper.
"$bin" add "$s/sample.json" --name "飛込　花子" --kana "とびこみ　はなこ" --profession MSW \
    --organization 船橋中央病院 --region 千葉 -o "$s/desk.json" >"$s/add.out" 2>&1 || fail "add: $(cat "$s/add.out")"
"$bin" chart "$s/desk.json" -o "$s/desk.html" || fail "chart of the desk's plan"
"$bin" chart "$s/desk.json" --format badges --only-changed "$s/sample.json" -o "$s/desk-badges.html" ||
    fail "badges of the walk-in"
check maps "$s" desk desk
check reception "$s" desk desk
python3 - "$s" <<'PY' || fail "the walk-in's badge"
import json, re, sys
s = sys.argv[1]
plan = json.load(open(f"{s}/desk.json", encoding="utf-8"))
route = next(a["itinerary"]["morning"] for a in plan["attendees"] if a["id"] == "W001")
doc = open(f"{s}/desk-badges.html", encoding="utf-8").read()
num = re.sub(r"<[^>]*>", "", re.search(r'<div class="num"[^>]*>(.*?)</div>', doc).group(1))
assert doc.count('<div class="badge') == 1 and num == "→".join(route), (num, route)
PY

# A plan of one round: no trace of rounds on its paper.
"$bin" solve "$src/data/samples/attendees.csv" -o "$s/one.json" --html "$s/one.html" --text "$s/one.txt" \
    --csv "$s/one.csv" --badges "$s/one-badges.html" -t 60 >"$s/one.out" 2>&1 || fail "solve of one round"
for f in one.html one.txt one.csv one-badges.html; do
    if grep -q -e '回目' -e 'span.to' -e 'class="round' -e 'route' "$s/$f"; then
        fail "$f of a plan of one round speaks of rounds"
    fi
done

finish "rounds paper"
