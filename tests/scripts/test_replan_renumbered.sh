#!/bin/sh
# test_replan_renumbered.sh - a late list re-sorted and numbered again in
# Excel, or without an id column, reseats nobody (issue 14, cold test).
# Once, a re-plan compared people by id only: 82 of 94 people got new seats,
# a VIP's pin was dropped as "not on the list", and a walk-in found on the
# list under a list id was moved.  Now the previous plan's people are
# matched to the list's (the same id naming the same person, else the same
# person under another id), and walk-in numbers are never given twice.
#
# Called by ctest: test_replan_renumbered.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
keep_going=1
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || { echo "cannot create $s"; exit 1; }
list="$src/data/samples/attendees.csv"
checker="$src/tests/checker/check_plan.py"

# seat_of PLAN NAME SESSION: the table of the person of that name
seat_of() {
    python3 -c '
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
print(next(a["seats"].get(sys.argv[3]) for a in p["attendees"] if a["name"] == sys.argv[2]))' "$@"
}
# reseated OLD NEW: how many people (by name and organisation) sit elsewhere
reseated() {
    python3 -c '
import json, sys, unicodedata
def seats(f):
    p = json.load(open(f, encoding="utf-8"))
    key = lambda a: "".join(unicodedata.normalize("NFKC", a["name"] + a["organization"]).split())
    return {key(a): a["seats"] for a in p["attendees"]}
a, b = seats(sys.argv[1]), seats(sys.argv[2])
print(sum(1 for k in a if k in b and a[k] != b[k]))' "$@"
}

"$bin" solve "$list" -o "$s/p.json" -t 20 >/dev/null 2>&1 || fail "first solve"
"$bin" pin "$s/p.json" A0040 5 >/dev/null 2>&1 || fail "pin A0040"
vip=$(python3 -c 'import json,sys; print(next(a["name"] for a in json.load(open(sys.argv[1]))["attendees"] if a["id"] == "A0040"))' "$s/p.json")
"$bin" add "$s/p.json" --name "飛込 花子" --kana "トビコミ ハナコ" --profession CSS --organization 市原相談室 \
    --region 市原 >/dev/null 2>&1 || fail "add W001"
walkin_seat=$(seat_of "$s/p.json" "飛込 花子" morning)

# The same people, re-sorted and numbered 1..N, with the walk-in as 108.
python3 - "$list" "$s/renum.csv" "$s/noid.csv" <<'PY'
import csv, random, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head, body = rows[0], rows[1:]
body.append(["X", "飛込　花子", "トビコミ　ハナコ", "CSS", "市原相談室", "市原", "", "experienced"])
random.Random(3).shuffle(body)
for k, r in enumerate(body):
    r[0] = str(k + 1)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([head] + body)
with open(sys.argv[3], "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([r[1:] for r in [head] + body])
PY
for v in renum noid; do
    "$bin" solve "$s/$v.csv" --previous "$s/p.json" -o "$s/$v.json" -t 20 --lang en >"$s/$v.out" 2>&1 ||
        { cat "$s/$v.out"; fail "re-plan with the $v list"; continue; }
    n=$(reseated "$s/p.json" "$s/$v.json")
    [ "$n" -eq 0 ] || { cat "$s/$v.out"; fail "$v: $n people were reseated"; }
    [ "$(seat_of "$s/$v.json" "$vip" morning)" = 5 ] || fail "$v: the VIP's pin did not follow them"
    grep -q "pin is dropped" "$s/$v.out" && fail "$v: a pin was dropped"
    [ "$(seat_of "$s/$v.json" "飛込　花子" morning)" = "$walkin_seat" ] || fail "$v: the walk-in found on the list moved"
    grep -q "No changes" "$s/$v.out" || { cat "$s/$v.out"; fail "$v: the summary does not say nothing changed"; }
    python3 "$checker" "$s/$v.json" "$s/$v.csv" >/dev/null || fail "$v: the checker refused the re-plan"
done
"$bin" diff "$s/p.json" "$s/renum.json" --lang en >"$s/diff.out" || fail "diff"
! grep -q "^Left\|^New" "$s/diff.out" || { cat "$s/diff.out"; fail "diff takes renumbered people for new ones"; }

# W001 now has the list's id: the next walk-in is W002, never W001 again.
"$bin" add "$s/renum.json" --name "遅刻 三郎" --profession MSW --organization A病院 --region 千葉 \
    >"$s/add2.out" 2>&1 || fail "add after the re-plan"
grep -q "^W002 " "$s/add2.out" || { cat "$s/add2.out"; fail "a walk-in number was given twice"; }

finish "replan-renumbered"
