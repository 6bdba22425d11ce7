#!/bin/sh
# test_words.sh - the words on paper and at the desk (issue 15, defect 5):
#   - a table's sign is a テーブル札; 席札 (a name place card) is written
#     nowhere: not in src/, the docs, the man page or the commands' help;
#   - a group has one name on paper, its label (相談支援専門員・センター
#     グループD): the sample's chart prints no group id (CSS-D) outside the
#     tags, the badge CSV and the reception list name groups by their labels,
#     and `tsunagu pin` takes a group's label as the signs print it;
#   - the day's date as the announcement writes it: 平成26年10月31日（金）;
#   - `add` with an unknown region lists the regions as `check` does, with no
#     stray space (the old 「千葉県 の地域」);
#   - `chart --only-changed OLD` lists who is gone since OLD (a cancellation)
#     with the seats they had, in HTML and text.
#
# Called by ctest: test_words.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
keep_going=1
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || { echo "cannot create $s"; exit 1; }

# 席札 nowhere; テーブル札 where the help speaks of signs.
if grep -rn "席札" "$src/src" "$src/docs" "$src/man" "$src/README.md"; then
    fail "席札 (a name place card) is written above: a table's sign is a テーブル札"
fi
for c in chart diff pin; do
    "$bin" help "$c" >"$s/help-$c.txt" 2>&1
done
grep -q "テーブル札" "$s/help-chart.txt" || fail "tsunagu help chart does not name the signs テーブル札"
grep -q "テーブル札" "$s/help-diff.txt" || fail "tsunagu help diff does not name the signs テーブル札"

# The sample, solved: its chart and badge CSV.
"$bin" solve "$src/data/samples/attendees.csv" -o "$s/plan.json" --html "$s/plan.html" \
    --csv "$s/badges.csv" >"$s/solve.out" 2>&1 || { cat "$s/solve.out"; fail "solve failed"; finish words; }
python3 - "$s" <<'PY' || fail "groups are not named by their labels on paper"
import csv, json, re, sys
s = sys.argv[1]
plan = json.load(open(f"{s}/plan.json", encoding="utf-8"))
html = open(f"{s}/plan.html", encoding="utf-8").read()
groups = {t["id"]: t["label"] for sess in plan["sessions"] for t in sess["tables"] if t.get("track")}
assert groups, "the sample has no groups"
printed = re.sub(r"<[^>]*>", " ", html)  # data-table="CSS-D" is for the web page
ids = sorted(g for g in groups if re.search(r"(?<![\w-])" + re.escape(g) + r"(?![\w-])", printed))
assert not ids, f"group ids printed on paper: {ids}"
# the reception list: each group's own name, its track's part above it
reception = html[html.index('<section class="reception'):]
for g, label in groups.items():
    assert label.split()[-1] in reception, f"the reception list lacks {label}"
# the badge CSV: the group column holds labels
rows = list(csv.reader(open(f"{s}/badges.csv", encoding="utf-8-sig")))
col = rows[0].index("グループ")
seat = {a["id"]: a["seats"].get("afternoon") for a in plan["attendees"]}
for r in rows[1:]:
    want = groups.get(seat[r[0]], "") if seat[r[0]] else ""
    assert r[col] == want, f"badge CSV: {r[0]} in group {r[col]!r}, expected {want!r}"
# the date as the announcement writes it, not the event file's 2014-10-31
assert "平成26年10月31日（金）" in html and "2014-10-31" not in printed, "the date is not 平成26年10月31日（金）"
print(f"{len(groups)} groups named by their labels on paper and in the CSV")
PY

# pin takes a group's label as the signs print it, full-width or without the space
python3 - "$s" >"$s/pin.txt" <<'PY'
import json, sys
plan = json.load(open(f"{sys.argv[1]}/plan.json", encoding="utf-8"))
a = next(a for a in plan["attendees"] if a["profession"] == "MSW")
g = next(t for t in plan["sessions"][1]["tables"] if t.get("track") == "MSW" and t["id"] != a["seats"]["afternoon"])
wide = g["label"].replace(" ", "").translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
print(a["id"], g["id"], wide)
PY
read -r who group label <"$s/pin.txt"
"$bin" pin "$s/plan.json" "$who" "$label" -o "$s/pinned.json" >"$s/pin.out" 2>&1 ||
    { cat "$s/pin.out"; fail "pin to the group's label $label failed"; }
[ -s "$s/pinned.json" ] && python3 - "$s/pinned.json" "$who" "$group" <<'PY' || fail "pin by label did not seat $who in $group"
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
a = next(a for a in plan["attendees"] if a["id"] == sys.argv[2])
assert a["seats"]["afternoon"] == sys.argv[3], a["seats"]
PY

# add with an unknown region: the regions listed as check lists them
status=0
"$bin" add "$s/plan.json" --name "佐藤 三郎" --profession MSW --organization "那覇病院" \
    --region 那覇 -o "$s/added.json" >"$s/add.out" 2>"$s/add.err" || status=$?
[ "$status" -eq 1 ] || fail "add with an unknown region exited $status, expected 1"
grep -qF "不明な地域「那覇」（千葉, 東葛南部, 東葛北部, 印旛, 香取海匝, 山武長生夷隅, 安房, 君津, 市原 のいずれか）" "$s/add.err" ||
    { cat "$s/add.err"; fail "add's unknown region does not list the regions as check does"; }
! grep -q " の地域" "$s/add.err" || fail "a stray space before の地域: $(cat "$s/add.err")"

# The changed-only reprint after a cancellation: who is gone, and where they sat.
python3 - "$s/plan.json" >"$s/gone.txt" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
a = next(a for a in plan["attendees"] if a["seats"].get("afternoon"))
label = {t["id"]: t["label"] for sess in plan["sessions"] for t in sess["tables"]}
print(a["id"], a["name"].replace("\u3000", " "), a["seats"]["morning"], label[a["seats"]["afternoon"]])
PY
read -r gone family given table group <"$s/gone.txt"
cp "$s/plan.json" "$s/cancelled.json"
"$bin" cancel "$s/cancelled.json" "$gone" >"$s/cancel.out" 2>&1 || { cat "$s/cancel.out"; fail "cancel $gone failed"; }
"$bin" chart "$s/cancelled.json" --only-changed "$s/plan.json" -o "$s/reprint.html" 2>"$s/reprint.err" ||
    fail "chart --only-changed: $(cat "$s/reprint.err")"
"$bin" chart "$s/cancelled.json" --only-changed "$s/plan.json" --format text -o "$s/reprint.txt" ||
    fail "chart --only-changed --format text failed"
grep -qF "<td><s>$family　$given</s></td>" "$s/reprint.html" && grep -qF "<s>$table</s>" "$s/reprint.html" &&
    grep -qF "<s>$group</s></td><td>当日欠席</td>" "$s/reprint.html" ||
    fail "the reprint does not list $gone ($family $given, $table, $group) as gone"
grep -qF "$family　$given  テーブル $table／グループ $group  (当日欠席)" "$s/reprint.txt" ||
    { cat "$s/reprint.txt"; fail "the text reprint does not list $gone as gone"; }

finish words
