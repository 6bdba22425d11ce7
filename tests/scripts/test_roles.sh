#!/bin/sh
# test_roles.sh - the afternoon's roles (司会, 書記, 発表者) and the sharing
# session's running order through the command line, every plan checked by
# the independent checker (tests/checker/check_plan.py), which recomputes
# roles and order on its own:
#   - the list's 役割 column and --role name holders, who hold them; people
#     named to one role are seated in different groups;
#   - a re-plan keeps the holders of groups nobody left;
#   - cancelling a facilitator at the desk gives the role to another member
#     of that group only, and says so; a walk-in changes no role;
#   - the text chart marks roles and prints the MC's sheet (進行表), the
#     badge CSV has a role column;
#   - a running order past the session's end is a warning on the console.
#
# Called by ctest: test_roles.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
keep_going=1
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || fail "cannot create $s"
checker="$src/tests/checker/check_plan.py"

# The sample with a 役割 column: A0001 司会, A0013 (a newcomer) Presenter.
python3 - "$src/data/samples/attendees.csv" "$s/list.csv" <<'PY' || fail "cannot write the list"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
rows[0].append("役割")
for r in rows[1:]:
    r.append({"A0001": "司会", "A0013": "Presenter"}.get(r[0], ""))
csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8")).writerows(rows)
PY

# holder PLAN SESSION ATTENDEE: the roles ATTENDEE holds, "-" for none
holder() {
    python3 - "$@" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
s = [x for x in p["sessions"] if x["id"] == sys.argv[2]][0]
held = [r for t in s["tables"] for r, w in (t.get("roles") or {}).items() if w == sys.argv[3]]
print(",".join(held) or "-")
PY
}

"$bin" solve "$s/list.csv" -o "$s/p1.json" --role A0002=recorder --text "$s/p1.txt" --csv "$s/p1.csv" \
    >"$s/out1" 2>&1 || { cat "$s/out1" >&2; fail "solve with roles named"; }
python3 "$checker" "$s/p1.json" "$s/list.csv" || fail "p1: the checker refused the plan"
[ "$(holder "$s/p1.json" afternoon A0001)" = facilitator ] || fail "A0001 is not the facilitator (役割 column)"
[ "$(holder "$s/p1.json" afternoon A0013)" = presenter ] || fail "A0013 is not the presenter (役割 column)"
[ "$(holder "$s/p1.json" afternoon A0002)" = recorder ] || fail "A0002 is not the recorder (--role)"
grep -q "^== 進行表: グループで話し合われた内容の共有 発表・質疑応答  15:20-17:00 ==$" "$s/p1.txt" ||
    fail "no MC's sheet in the text chart"
grep -q "（司会）" "$s/p1.txt" || fail "no role beside a name in the text chart"
head -1 "$s/p1.csv" | grep -q '"グループ","役割"' || fail "no role column in the badge CSV"

# A re-plan of the same list: every group keeps its holders.
"$bin" solve "$s/list.csv" -o "$s/p2.json" --previous "$s/p1.json" >"$s/out2" 2>&1 ||
    { cat "$s/out2" >&2; fail "re-plan"; }
python3 "$checker" "$s/p2.json" "$s/list.csv" || fail "p2: the checker refused the plan"
python3 - "$s/p1.json" "$s/p2.json" <<'PY' || fail "a re-plan changed roles in groups nobody left"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
ra = {t["id"]: t["roles"] for t in a["sessions"][1]["tables"]}
rb = {t["id"]: t["roles"] for t in b["sessions"][1]["tables"]}
sys.exit(0 if ra == rb else 1)
PY

# The desk cancels a facilitator: another member of that group chairs,
# the other groups keep theirs; the console says who.
fac=$(python3 -c "
import json; p = json.load(open('$s/p2.json'))
t = [t for t in p['sessions'][1]['tables'] if t['id'] == 'MSW-B'][0]
print(t['roles']['facilitator'])")
cp "$s/p2.json" "$s/p3.json"
"$bin" cancel "$s/p3.json" "$fac" >"$s/out3" 2>&1 || { cat "$s/out3" >&2; fail "cancel $fac"; }
grep -q "MSW グループB: 司会 は .* さんになりました" "$s/out3" || { cat "$s/out3" >&2; fail "the new facilitator is not said"; }
grep -q "さんは MSW グループB の 司会 でした" "$s/out3" || { cat "$s/out3" >&2; fail "whose role it was is not said"; }
python3 "$checker" "$s/p3.json" "$s/list.csv" || fail "p3: the checker refused the plan"
python3 - "$s/p2.json" "$s/p3.json" "$fac" <<'PY' || fail "the cancellation changed roles elsewhere"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
ra = {t["id"]: t["roles"] for t in a["sessions"][1]["tables"]}
rb = {t["id"]: t["roles"] for t in b["sessions"][1]["tables"]}
changed = [g for g in ra if ra[g] != rb[g]]
ok = changed == ["MSW-B"] and rb["MSW-B"]["facilitator"] not in (None, sys.argv[3])
ok = ok and all(rb["MSW-B"][r] == ra["MSW-B"][r] for r in ra["MSW-B"] if ra["MSW-B"][r] != sys.argv[3])
sys.exit(0 if ok else 1)
PY

# A walk-in joins a group of seven: nobody's role changes.
cp "$s/p3.json" "$s/p4.json"
"$bin" add "$s/p4.json" --name "飛込 花子" --profession MSW --organization "当日病院" --region 千葉 \
    >"$s/out4" 2>&1 || { cat "$s/out4" >&2; fail "add a walk-in"; }
python3 "$checker" "$s/p4.json" "$s/list.csv" || fail "p4: the checker refused the plan"
python3 - "$s/p3.json" "$s/p4.json" <<'PY' || fail "a walk-in changed roles"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if [t["roles"] for t in a["sessions"][1]["tables"]] == [t["roles"] for t in b["sessions"][1]["tables"]] else 1)
PY

# Seven experienced MSWs named 司会 for the seven MSW groups: the seating
# puts them in different groups (a group has one facilitator), and each
# chairs.
python3 - "$src/data/samples/attendees.csv" "$s/chairs.csv" <<'PY' || fail "cannot write the list"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
rows[0].append("役割")
named = 0
for r in rows[1:]:
    r.append("司会" if r[3] == "MSW" and r[7] == "experienced" and named < 7 else "")
    named += r[-1] == "司会"
csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8")).writerows(rows)
PY
"$bin" solve "$s/chairs.csv" -o "$s/p6.json" >"$s/out6" 2>&1 || { cat "$s/out6" >&2; fail "seven facilitators named"; }
python3 "$checker" "$s/p6.json" "$s/chairs.csv" || fail "p6: the checker refused the plan"
python3 - "$s/p6.json" <<'PY' || fail "a named facilitator does not chair"
import json, sys
p = json.load(open(sys.argv[1]))
chairs = sorted(t["roles"]["facilitator"] for t in p["sessions"][1]["tables"] if t["track"] == "MSW")
sys.exit(0 if len(set(chairs)) == 7 else 1)
PY

# Fifteen groups of 5 + 3 minutes from 15:20 end at 17:20, after 17:00.
python3 - "$src/data/events/tsunagarou.json" "$s/long.json" <<'PY' || fail "cannot write the event"
import json, sys
e = json.load(open(sys.argv[1], encoding="utf-8"))
e["sessions"][2]["presentations"].update(minutes=5, qa_minutes=3, order="alternate")
json.dump(e, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$bin" solve "$s/list.csv" -e "$s/long.json" -o "$s/p5.json" >"$s/out5" 2>&1 ||
    { cat "$s/out5" >&2; fail "solve with a long running order"; }
grep -q "15 グループが発表 5 分＋質疑 3 分ずつで 17:20 に終わり、終了時刻 17:00 を過ぎます" "$s/out5" ||
    { cat "$s/out5" >&2; fail "no warning that the presentations run past 17:00"; }
python3 "$checker" "$s/p5.json" "$s/list.csv" || fail "p5: the checker refused the plan"
# ... and on the MC's own sheet (once only the console and the report said so)
"$bin" chart "$s/p5.json" --format html -o "$s/p5.html" 2>/dev/null || fail "chart p5"
python3 - "$s/p5.html" <<'PY' || fail "the MC's sheet does not say the running order is 20 minutes too long"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
sheet = html[html.index('class="programme'):]
sheet = sheet[:sheet.index("</section>")]
assert "終了時刻 17:00 を 20 分過ぎます" in sheet, sheet[:600]
PY
finish "roles"
