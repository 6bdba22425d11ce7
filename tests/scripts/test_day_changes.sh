#!/bin/sh
# test_day_changes.sh - what the desk does is never lost by a re-plan
# (issue 14).  Once, `tsunagu add` seated walk-ins in the plan only: the
# next `solve --previous` with the attendee list listed them under
# 取り消した人 and exited 0, and a cancellation was undone by any list that
# still named the person.  Now the plan records walk-ins ("walkin": true) and
# cancellations ("cancelled"), and every re-plan carries them over:
#   - a walk-in the new list lacks is kept, and seated;
#   - a walk-in the new list has (same id, or same name + organisation) is
#     matched, not seated twice;
#   - someone cancelled stays out though the list names them, until
#     --restore (or `tsunagu restore`) seats them again;
#   - the re-plan says what it did with each, and the checker accepts every
#     plan (everyone in list + walk-ins - cancellations seated once).
#
# Called by ctest: test_day_changes.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
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

# ids of the seated people of a plan, one per line, sorted
seated() {
    python3 -c '
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
for a in p["attendees"]:
    if a["seats"]:
        print(a["id"])' "$1" | sort
}

"$bin" solve "$list" -o "$s/p1.json" -t 20 >/dev/null 2>"$s/p1.err" || { cat "$s/p1.err"; fail "first solve"; }

# the desk: two walk-ins, one cancellation
"$bin" add "$s/p1.json" --lang en --name "飛込　一郎" --kana "トビコミ　イチロウ" --profession MSW \
    --organization 千葉みなと病院 --region 千葉 >"$s/add1.out" 2>&1 || { cat "$s/add1.out"; fail "add W001"; }
"$bin" add "$s/p1.json" --lang en --name "飛込　花子" --profession CSS \
    --organization 市原相談室 --region 市原 >"$s/add2.out" 2>&1 || { cat "$s/add2.out"; fail "add W002"; }
"$bin" cancel "$s/p1.json" A0003 --lang en >"$s/cancel.out" 2>&1 || { cat "$s/cancel.out"; fail "cancel A0003"; }
grep -q "A0003 .* is cancelled" "$s/cancel.out" || { cat "$s/cancel.out"; fail "cancel does not say what it did"; }
python3 - "$s/p1.json" <<'PY' || fail "the plan does not record the desk's changes"
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
walkins = [a["id"] for a in p["attendees"] if a.get("walkin")]
assert walkins == ["W001", "W002"], walkins
assert [c["id"] for c in p.get("cancelled", [])] == ["A0003"], p.get("cancelled")
assert "seats" not in p["cancelled"][0]
PY

# A0003, cancelled, comes after all and is typed in as a walk-in: refused,
# pointing at restore (a walk-in of them was once unseated by the next
# re-plan as "A0003, stays cancelled").
status=0
"$bin" add "$s/p1.json" --lang en --name "伊藤　悠" --kana "イトウ　ハルカ" --profession MSW \
    --organization 美浜総合病院 --region 千葉 -o "$s/back.json" >"$s/back.out" 2>&1 || status=$?
[ "$status" -eq 1 ] || { cat "$s/back.out"; fail "a walk-in of A0003, cancelled, was seated (exit $status)"; }
grep -q "was cancelled at the desk as A0003: to seat them, restore them" "$s/back.out" ||
    { cat "$s/back.out"; fail "no pointer to restore"; }
[ ! -e "$s/back.json" ] || fail "a refused walk-in wrote a plan"

# Someone already in the plan, written with other characters but the same
# reading at the same office, is refused at the desk unless --force.
status=0
"$bin" add "$s/p1.json" --lang en --name "中邑 千尋" --kana "なかむら ちひろ" --profession CSS \
    --organization 我孫子相談支援センターC --region 東葛北部 -o "$s/dup.json" >"$s/dup.out" 2>&1 || status=$?
[ "$status" -eq 1 ] || { cat "$s/dup.out"; fail "a walk-in with A0001's reading and office was seated (exit $status)"; }
grep -q "registered twice" "$s/dup.out" || { cat "$s/dup.out"; fail "no word on a double registration"; }
[ ! -e "$s/dup.json" ] || fail "a refused walk-in wrote a plan"

# Re-plan with the same list: the walk-ins stay, A0003 stays out.
"$bin" solve "$list" --previous "$s/p1.json" -o "$s/p2.json" -t 20 --lang en >"$s/p2.out" 2>"$s/p2.err" ||
    { cat "$s/p2.err"; fail "re-plan with the same list"; }
seated "$s/p2.json" >"$s/p2.ids"
grep -qx W001 "$s/p2.ids" && grep -qx W002 "$s/p2.ids" || fail "a re-plan dropped the walk-ins"
! grep -qx A0003 "$s/p2.ids" || fail "a re-plan seated A0003, cancelled at the desk"
grep -q "W001 飛込　一郎 (walk-in) is not in attendees.csv: kept" "$s/p2.out" ||
    { cat "$s/p2.out"; fail "the re-plan does not say it kept W001"; }
grep -q "A0003 .* was cancelled at the desk and is in attendees.csv again: stays cancelled (to seat them: restore A0003)" "$s/p2.out" ||
    { cat "$s/p2.out"; fail "the re-plan does not say A0003 stays cancelled"; }
grep -A3 "^Left" "$s/p2.out" | grep -q W001 && fail "W001 listed as left"
# the checker's truth: the list, plus the plan's walk-ins, less its cancellations
python3 "$checker" "$s/p2.json" "$list" || fail "the checker refused the re-plan"
python3 - "$s/p2.json" "$s/p2-bad.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
gone = p["cancelled"].pop()          # A0003 seated again, the plan still "cancelling" another
p["cancelled"].append(dict(gone, id="A0004", name="鈴木　健", organization="八幡地域相談支援室"))
json.dump(p, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
python3 "$checker" "$s/p2-bad.json" "$list" >"$s/check-bad.out" 2>&1 &&
    fail "the checker accepted a plan seating someone it records as cancelled"
grep -q "A0004 is both in the plan and cancelled" "$s/check-bad.out" || { cat "$s/check-bad.out"; fail "the checker does not say who"; }
grep -q "A0003.*missing from the plan" "$s/check-bad.out" || { cat "$s/check-bad.out"; fail "the checker does not miss A0003"; }

# A namesake of A0001 at the same office (--force: another person) stays
# through a re-plan: never taken for the listed A0001.
"$bin" add "$s/p2.json" --lang en --name "中村　千尋" --kana "ナカムラ　チヒロ" --profession CSS \
    --organization 我孫子相談支援センターC --region 東葛北部 --force -o "$s/p2n.json" >"$s/ns.out" 2>&1 ||
    { cat "$s/ns.out"; fail "add --force of a namesake"; }
ns=$(cut -d' ' -f1 "$s/ns.out" | head -n 1)
"$bin" solve "$list" --previous "$s/p2n.json" -o "$s/p2r.json" -t 20 >/dev/null 2>"$s/p2r.err" ||
    { cat "$s/p2r.err"; fail "re-plan with a namesake"; }
seated "$s/p2r.json" | grep -qx "$ns" || fail "the namesake $ns was dropped by a re-plan"
seated "$s/p2r.json" | grep -qx A0001 || fail "A0001 was dropped for the namesake"
python3 "$checker" "$s/p2r.json" "$list" >/dev/null || fail "the checker refused the plan with a namesake"

# A later list names W001 (as a new id) and W002 (same id): matched, not twice.
python3 - "$list" "$s/v3.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
lines.append("L0900,飛込　一郎,トビコミ　イチロウ,MSW,千葉みなと病院,千葉,,experienced\n")
lines.append("W002,飛込　花子,,CSS,市原相談室,市原,,experienced\n")
open(sys.argv[2], "w", encoding="utf-8").writelines(lines)
PY
"$bin" solve "$s/v3.csv" --previous "$s/p2.json" -o "$s/p3.json" -t 20 --lang en >"$s/p3.out" 2>"$s/p3.err" ||
    { cat "$s/p3.err"; fail "re-plan with the list that names the walk-ins"; }
seated "$s/p3.json" >"$s/p3.ids"
! grep -qx W001 "$s/p3.ids" || fail "W001 seated twice (also as L0900)"
grep -qx L0900 "$s/p3.ids" && grep -qx W002 "$s/p3.ids" || fail "the listed walk-ins are not seated"
[ "$(grep -c . "$s/p3.ids")" -eq "$(sort -u "$s/p3.ids" | grep -c .)" ] || fail "someone seated twice"
grep -q "W001 飛込　一郎 (walk-in) is in v3.csv as L0900: not seated twice" "$s/p3.out" ||
    { cat "$s/p3.out"; fail "no word on matching W001"; }
grep -q "W002 飛込　花子 (walk-in) is in v3.csv now: seated as listed" "$s/p3.out" ||
    { cat "$s/p3.out"; fail "no word on matching W002"; }

# --restore seats A0003 again; a restore of someone never cancelled is an error.
"$bin" solve "$s/v3.csv" --previous "$s/p3.json" --restore A0003 -o "$s/p4.json" -t 20 --lang en \
    >"$s/p4.out" 2>"$s/p4.err" || { cat "$s/p4.err"; fail "--restore"; }
seated "$s/p4.json" | grep -qx A0003 || fail "--restore A0003 did not seat A0003"
python3 "$checker" "$s/p4.json" "$s/v3.csv" || fail "the checker refused the restored plan"
status=0
"$bin" solve "$s/v3.csv" --previous "$s/p4.json" --restore A0004 -o "$s/p5.json" --lang en \
    >/dev/null 2>"$s/p5.err" || status=$?
[ "$status" -eq 1 ] || fail "--restore of someone not cancelled exited $status"
grep -q "restore A0004: nobody with that id was cancelled" "$s/p5.err" || { cat "$s/p5.err"; fail "no message for a bad --restore"; }
[ ! -e "$s/p5.json" ] || fail "a refused re-plan wrote a plan"

# tsunagu restore at the desk, nobody else moving
"$bin" cancel "$s/p4.json" A0004 -o "$s/p6.json" >/dev/null 2>&1 || fail "cancel A0004"
"$bin" restore "$s/p6.json" A0004 -o "$s/p7.json" --lang en >"$s/restore.out" 2>&1 ||
    { cat "$s/restore.out"; fail "tsunagu restore"; }
grep -q "A0004 .* is seated:" "$s/restore.out" || { cat "$s/restore.out"; fail "restore does not say where"; }
python3 - "$s/p6.json" "$s/p7.json" <<'PY' || fail "restore moved someone"
import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
seats = {x["id"]: x["seats"] for x in b["attendees"]}
moved = [x["id"] for x in a["attendees"] if seats.get(x["id"]) != x["seats"]]
assert not moved, moved
assert not b.get("cancelled"), b.get("cancelled")
PY
python3 "$checker" "$s/p7.json" "$s/v3.csv" || fail "the checker refused the plan after restore"

finish "day-changes"
