#!/bin/sh
# test_replan_resize.sh - a re-plan after the organiser changed table sizes
# (issue 14).  Once, a re-plan kept the previous plan's tables whatever the
# sizes said, warning that people sat outside them and pointing at a start
# over that reshuffles everyone.  Now a re-plan whose tables no longer fit
# adds or removes tables: every kept table keeps its id and label and
# some of its regions (its number stays right), new tables get ids no table had, the
# people of a removed table move ("their table no longer exists"), and the
# warning says which tables are new and which are gone.
#
# Called by ctest: test_replan_resize.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
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

"$bin" solve "$list" -o "$s/base.json" -t 20 >/dev/null 2>"$s/base.err" || { cat "$s/base.err"; fail "first solve"; }

# event SESSION_KIND MIN MAX OUT: the base plan's event with other sizes
event() {
    python3 - "$s/base.json" "$@" <<'PY'
import json, sys
plan, kind, lo, hi, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ev = json.load(open(plan, encoding="utf-8"))["event"]
for x in ev["sessions"]:
    if x["kind"] == kind:
        x["size"] = {"min": lo, "max": hi}
json.dump(ev, open(out, "w", encoding="utf-8"), ensure_ascii=False)
PY
}

# compare OLD NEW SESSION: kept tables keep label and regions; print new and gone ids
compare() {
    python3 - "$@" <<'PY'
import json, sys
old, new = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
sid = sys.argv[3]
before = {t["id"]: t for t in next(x for x in old["sessions"] if x["id"] == sid)["tables"]}
after = {t["id"]: t for t in next(x for x in new["sessions"] if x["id"] == sid)["tables"]}
for tid, t in after.items():
    if tid in before:
        assert t["label"] == before[tid]["label"], (tid, t["label"], before[tid]["label"])
        # the same regions, or (the layout split a table of several) some of them
        assert t.get("track") or set(t["regions"]) & set(before[tid]["regions"]), (tid, t.get("regions"))
gone = sorted(set(before) - set(after))
moved = {(m["id"], m["from"]): m["why"] for m in new.get("moves", []) if m["session"] == sid}
seats_before = {a["id"]: a["seats"].get(sid) for a in old["attendees"]}
for a in new["attendees"]:
    if seats_before.get(a["id"]) in gone:
        assert (a["id"], seats_before[a["id"]]) in moved, ("no move recorded", a["id"])
print("new", " ".join(sorted(set(after) - set(before))))
print("gone", " ".join(gone))
PY
}

# Smaller morning tables: more of them, as few more as the sizes need
# (100 people at 5-6: 17, where a fresh plan would take 18).
event exchange 5 6 "$s/small.json"
"$bin" solve "$list" --previous "$s/base.json" --event "$s/small.json" -o "$s/small-plan.json" -t 20 --lang en \
    >"$s/small.out" 2>&1 || { cat "$s/small.out"; fail "re-plan with smaller tables"; }
grep -q "need 17 tables, not the previous plan's 13: new table(s): 14, 15, 16, 17; table(s) gone: -" "$s/small.out" ||
    { cat "$s/small.out"; fail "the re-plan does not say it added tables"; }
compare "$s/base.json" "$s/small-plan.json" morning >"$s/small.cmp" || fail "kept tables changed"
grep -qx "new 14 15 16 17" "$s/small.cmp" || { cat "$s/small.cmp"; fail "new table ids"; }
python3 "$checker" "$s/small-plan.json" "$list" >/dev/null || fail "the checker refused the grown plan"

# Larger morning tables: fewer; people of the removed tables move.
event exchange 9 11 "$s/large.json"
"$bin" solve "$list" --previous "$s/base.json" --event "$s/large.json" -o "$s/large-plan.json" -t 20 --lang en \
    >"$s/large.out" 2>&1 || { cat "$s/large.out"; fail "re-plan with larger tables"; }
grep -q "need 11 tables, not the previous plan's 13" "$s/large.out" || { cat "$s/large.out"; fail "no word on fewer tables"; }
compare "$s/base.json" "$s/large-plan.json" morning >"$s/large.cmp" || fail "kept tables changed, or a move unrecorded"
[ "$(grep '^gone' "$s/large.cmp" | wc -w)" -eq 3 ] || { cat "$s/large.cmp"; fail "two tables should be gone"; }
grep -q "their table no longer exists" "$s/large.out" || fail "no move says the table is gone"
python3 "$checker" "$s/large-plan.json" "$list" >/dev/null || fail "the checker refused the shrunk plan"

# Smaller groups in the afternoon: more groups, new letters, the old kept.
event workgroup 4 5 "$s/groups.json"
"$bin" solve "$list" --previous "$s/base.json" --event "$s/groups.json" -o "$s/groups-plan.json" -t 20 --lang en \
    >"$s/groups.out" 2>&1 || { cat "$s/groups.out"; fail "re-plan with smaller groups"; }
grep -q "track MSW: 45 people at 4-5 to a group need 9 groups, not the previous plan's 7" "$s/groups.out" ||
    { cat "$s/groups.out"; fail "no word on more MSW groups"; }
compare "$s/base.json" "$s/groups-plan.json" afternoon >"$s/groups.cmp" || fail "kept groups changed"
grep -qx "new CSS-I CSS-J CSS-K MSW-H MSW-I" "$s/groups.cmp" || { cat "$s/groups.cmp"; fail "new group ids"; }
python3 "$checker" "$s/groups-plan.json" "$list" >/dev/null || fail "the checker refused the plan with more groups"

# The same sizes as before: nothing added, nothing removed.
"$bin" solve "$list" --previous "$s/base.json" -o "$s/same.json" -t 20 --lang en >"$s/same.out" 2>&1 ||
    fail "re-plan with the same sizes"
! grep -q "not the previous plan's" "$s/same.out" || { cat "$s/same.out"; fail "a re-plan with the same sizes resized"; }

finish "replan-resize"
