#!/bin/sh
# test_session_rounds.sh - a morning of three rounds (席替え) through the
# day: data/events/tsunagarou-rounds.json with the sample list is solved
# (nobody meets twice: the rule is hard there), printed, changed at the
# desk (a walk-in, a cancellation) and re-planned; the independent checker
# accepts every plan and recounts the repeated pairs, and the re-plan
# keeps most people's later-round tables.
#
# Called by ctest: test_session_rounds.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Labelled timing: the afternoon's score of 0 needs its solve to finish
# within the time limit, which valgrind's 20-fold slowdown does not allow.
# ctest-labels: timing
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || fail "cannot create $s"
ev="$src/data/events/tsunagarou-rounds.json"
list="$src/data/samples/attendees.csv"
check="$src/tests/checker/check_plan.py"

"$bin" solve "$list" --event "$ev" -o "$s/plan.json" --time-limit 20 >"$s/solve.out" 2>"$s/solve.err" ||
    { cat "$s/solve.err"; fail "the rounds event did not solve"; }
grep -q "3回の席替えで同じ人と二度同席した組: 0（下限 0）" "$s/solve.out" ||
    { cat "$s/solve.out"; fail "the summary does not give the rounds' repeats and bound"; }
python3 "$check" "$s/plan.json" "$list" >"$s/check.out" || { cat "$s/check.out"; fail "checker refused the plan"; }
# the afternoon's new_people knows every morning round: nobody it groups
# shared a morning table in any round (the checker recounts the score)
python3 - "$s/plan.json" <<'PY' || fail "the afternoon regroups people who met in a later morning round"
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
assert p["scores"]["afternoon"]["repeat_pairs"]["count"] == 0, p["scores"]["afternoon"]["repeat_pairs"]
PY

# the text chart lists every round
"$bin" chart "$s/plan.json" --format text -o "$s/chart.txt" 2>"$s/chart.err" ||
    { cat "$s/chart.err"; fail "the text chart failed"; }
grep -q "^-- 3回目 --" "$s/chart.txt" || fail "the text chart does not list round 3"
"$bin" --lang en solve "$list" --event "$ev" -o "$s/plan-en.json" --time-limit 20 >"$s/solve-en.out" 2>&1 ||
    fail "the rounds event did not solve in English"
grep -q "3 rounds, meetings again: 0 (lower bound 0)" "$s/solve-en.out" || fail "no English rounds line"

# the desk: a walk-in sits in every round, a cancellation leaves every round
"$bin" add "$s/plan.json" --name "新人　太郎" --profession MSW --organization "新病院" --region 千葉 \
    -o "$s/walkin.json" >"$s/add.out" 2>&1 || { cat "$s/add.out"; fail "add failed"; }
# the desk tells the walk-in every round's table
grep -q "各地域についての意見交換及び名刺交換会: テーブル[0-9]* → テーブル[0-9]* → テーブル[0-9]*$" "$s/add.out" ||
    { cat "$s/add.out"; fail "add does not tell the walk-in every round's table"; }
"$bin" cancel "$s/walkin.json" A0005 -o "$s/desk.json" >"$s/cancel.out" 2>&1 || { cat "$s/cancel.out"; fail "cancel failed"; }
python3 "$check" "$s/desk.json" "$list" >"$s/check-desk.out" || { cat "$s/check-desk.out"; fail "checker refused the desk's plan"; }
python3 - "$s/desk.json" <<'PY' || fail "the walk-in has no seat in every round, or the cancelled one kept one"
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
route = {a["id"]: (a.get("itinerary") or {}).get("morning") for a in p["attendees"]}
assert route.get("W001") and len(route["W001"]) == 3 and None not in route["W001"], route.get("W001")
assert "A0005" not in route
for rnd in p["sessions"][0]["rounds"]:
    assert not any("A0005" in t["members"] for t in rnd["tables"])
PY

# a re-plan around the desk's plan keeps most later-round tables
"$bin" solve "$list" --event "$ev" --previous "$s/desk.json" -o "$s/replan.json" --time-limit 20 \
    >"$s/replan.out" 2>&1 || { cat "$s/replan.out"; fail "the re-plan failed"; }
python3 "$check" "$s/replan.json" "$list" >"$s/check-replan.out" || { cat "$s/check-replan.out"; fail "checker refused the re-plan"; }
python3 - "$s/desk.json" "$s/replan.json" <<'PY' || fail "the re-plan moved many people in the later rounds"
import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
ra = {x["id"]: (x.get("itinerary") or {}).get("morning") for x in a["attendees"]}
rb = {x["id"]: (x.get("itinerary") or {}).get("morning") for x in b["attendees"]}
both = [k for k in ra if ra[k] and rb.get(k)]
for r in (1, 2):
    same = sum(ra[k][r] == rb[k][r] for k in both)
    assert same >= 0.8 * len(both), (r + 1, same, len(both))
moved = [m for m in b.get("moves") or [] if m["session"].startswith("morning#")]
for m in moved:  # each recorded move is a real change of that round's table
    r = int(m["session"].split("#")[1]) - 1
    assert ra[m["id"]][r] == m["from"] and rb[m["id"]][r] == m["to"], m
PY
# the re-plan reads back (moves of "morning#2" included)
"$bin" diff "$s/replan.json" "$s/replan.json" >/dev/null 2>"$s/diff.err" || { cat "$s/diff.err"; fail "the re-plan does not read back"; }
# diff names every later round's move and reprints a table whose later
# rounds changed (its sheet lists every round)
"$bin" diff "$s/desk.json" "$s/replan.json" >"$s/diff.out" 2>"$s/diff.err" || { cat "$s/diff.err"; fail "diff failed"; }
python3 - "$s/desk.json" "$s/replan.json" "$s/diff.out" <<'PY' || fail "diff does not show the later rounds' moves"
import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
text = open(sys.argv[3], encoding="utf-8").read()
ra = {x["id"]: (x.get("itinerary") or {}).get("morning") for x in a["attendees"]}
label = {t["id"]: t["label"] for t in b["sessions"][0]["tables"]}
lines = [l for l in text.splitlines() if "回目:" in l]
want = set()
for x in b["attendees"]:
    new = (x.get("itinerary") or {}).get("morning")
    old = ra.get(x["id"])
    for r in range(1, 3):
        if new and old and new[r] != old[r]:
            want.add((x["id"], r + 1, label[old[r]], label[new[r]]))
got = set()
for l in lines:
    pid, rest = l.split()[0], l.split("回目:")[1].split()
    got.add((pid, int(l.split("回目:")[0].split()[-1]), rest[0], rest[2]))
assert want and got == want, (sorted(want)[:5], sorted(got)[:5])
changed = {t for t in label.values() if t in text.split("印刷し直すテーブル:")[1].split("\n  13:00")[0]}
for pid, r, f, t in want:
    assert f in changed and t in changed, (pid, r, f, t, changed)
PY
# solve's help and the manual point to where rounds are set
"$bin" help solve >"$s/help.out" 2>&1 || fail "help solve failed"
grep -q '"rounds": 3' "$s/help.out" && grep -q 'docs/event-format.md' "$s/help.out" ||
    { cat "$s/help.out"; fail "help solve does not say where rounds are set"; }
"$bin" --lang en help solve | grep -q 'Rounds (席替え' || fail "help solve (English) does not mention rounds"
grep -q '"rounds"": 3' "$src/man/tsunagu.1" || fail "the manual does not say where rounds are set"
echo "all rounds checks passed"
