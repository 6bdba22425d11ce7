#!/bin/sh
# test_rounds_desk.sh - the desk on a morning of three rounds (席替え),
# data/events/tsunagarou-rounds.json with the sample list (no_pair_twice
# hard there):
#   - walk-ins: each one's whole route is the best of all routes, counted
#     here by trying every one (the fewest meetings again, then the fewest
#     people above a table's size), and nobody meets anyone twice;
#   - a cancellation that breaks a hard rule in a later round (a round-2
#     table left below its size, or without one side of the mix) re-plans
#     at once and says who moved in which round as diff does (session name,
#     2回目, table labels, a reason), never "nobody else moved";
#   - diff gives a new person's route through the rounds.
# The independent checker accepts every plan.
#
# Called by ctest: test_rounds_desk.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
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

# ---- walk-ins: the best route of all, every time
cp "$s/plan.json" "$s/desk.json"
regions="千葉 市原 東葛北部 東葛南部 印旛 香取海匝 山武長生夷隅 安房 君津"
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
    region=$(echo $regions | cut -d' ' -f$(( (k - 1) % 9 + 1 )))
    prof=MSW
    [ $((k % 3)) -eq 0 ] && prof=CSS
    cp "$s/desk.json" "$s/before.json"
    "$bin" add "$s/desk.json" --name "来場　${k}郎" --profession $prof --organization "飛込病院$k" \
        --region "$region" >"$s/add.out" 2>"$s/add.err" || { cat "$s/add.err"; fail "walk-in $k was refused"; }
    python3 - "$s/before.json" "$s/desk.json" <<'PY' || fail "walk-in $k did not get the best route"
import itertools, json, sys
before, after = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
old = {a["id"] for a in before["attendees"]}
new = [a for a in after["attendees"] if a["id"] not in old]
assert len(new) == 1, new
w = new[0]["id"]
route = new[0]["itinerary"]["morning"]
sb = before["sessions"][0]
ev = next(x for x in after["event"]["sessions"] if x["id"] == "morning")
hi = ev["size"]["max"]
rounds = [sb["tables"]] + [r["tables"] for r in sb["rounds"]]
ids = [t["id"] for t in rounds[0]]
members = [{t["id"]: t["members"] for t in rd} for rd in rounds]
def judge(path):  # meetings again, people above the size, over the later rounds
    met = {m: 1 for m in members[0][route[0]]}
    again = over = 0
    for r, t in enumerate(path, 1):
        again += sum(1 for m in members[r][t] if met.get(m))
        for m in members[r][t]:
            met[m] = met.get(m, 0) + 1
        over += max(0, len(members[r][t]) + 1 - hi)
    return (again, over)  # no_pair_twice is hard: meetings again first
best = min(judge(p) for p in itertools.product(ids, repeat=len(rounds) - 1))
got = judge(route[1:])
assert got == best, (w, route, got, best)
assert got[0] == 0, (w, "meets someone again", got)
PY
    python3 "$check" "$s/desk.json" "$list" >"$s/check.out" || { cat "$s/check.out"; fail "checker refused the plan after walk-in $k"; }
done
python3 - "$s/desk.json" <<'PY' || fail "the walk-ins left meetings again"
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
assert p["sessions"][0]["repeats"] == 0, p["sessions"][0]["repeats"]
PY

# ---- diff: a new person's route, not round 1's table alone
"$bin" diff "$s/plan.json" "$s/desk.json" >"$s/diff.out" 2>"$s/diff.err" || { cat "$s/diff.err"; fail "diff failed"; }
python3 - "$s/desk.json" "$s/diff.out" <<'PY' || { cat "$s/diff.out"; fail "diff does not give a new person's route"; }
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
label = {t["id"]: t["label"] for t in p["sessions"][0]["tables"]}
a = next(x for x in p["attendees"] if x["id"] == "W001")
route = " -> ".join(label[t] for t in a["itinerary"]["morning"])
line = next(l for l in text.splitlines() if "+ W001 " in l)
assert route in line, (route, line)
PY

# ---- a cancellation that empties a round-2 table's welfare side
python3 - "$s/plan.json" >"$s/victims" <<'PY' || fail "no round-2 table to empty"
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
prof = {a["id"]: a["profession"] for a in p["attendees"]}
tables = p["sessions"][0]["rounds"][0]["tables"]
t = min(tables, key=lambda t: sum(prof[m] != "MSW" for m in t["members"]))
print(" ".join(m for m in t["members"] if prof[m] != "MSW"))
PY
cp "$s/plan.json" "$s/cancel.json"
: >"$s/cancel.out"
for who in $(cat "$s/victims"); do
    "$bin" cancel "$s/cancel.json" "$who" >>"$s/cancel.out" 2>"$s/cancel.err" ||
        { cat "$s/cancel.err"; fail "cancel $who failed"; }
    python3 "$check" "$s/cancel.json" "$list" >"$s/check.out" ||
        { cat "$s/cancel.out" "$s/check.out"; fail "the checker refused the plan after cancelling $who"; }
done
grep -q "この人が抜けると セッション morning 2回目: " "$s/cancel.out" ||
    { cat "$s/cancel.out"; fail "the cancellation did not say which later round broke"; }
# who moved, as diff prints it: the session's name, the round, the labels
grep -q "各地域についての意見交換及び名刺交換会 [23]回目: テーブル[0-9]* -> テーブル[0-9]*  1回目に合わせて席替え後の席を決め直したため" "$s/cancel.out" ||
    { cat "$s/cancel.out"; fail "the re-plan's moves are not printed as diff does"; }
if grep -q "morning#" "$s/cancel.out"; then
    cat "$s/cancel.out"
    fail "the re-plan's moves print internal round ids"
fi
echo "all rounds desk checks passed"
