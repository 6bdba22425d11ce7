#!/bin/sh
# test_region_places.sh - "自地域" means one's own region (issue 15).
# Once, own_region counted a seat at an interest region's table as one's
# own (the console said 自地域のテーブル: 97 / 100 where 69 sat at their own
# region's table), and the model priced both at 0, so a proven-optimal
# plan had swaps that cost nothing and put two people at their own
# region's tables (5 on the bundled sample).  Now the scores say own /
# interest / bordering / elsewhere, and an interest region's table costs
# a tie-break more than one's own: no such swap is left.
#
# Called by ctest: test_region_places.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
keep_going=1
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || { echo "cannot create $s"; exit 1; }

python3 "$src/tools/gen" --count 100 --seed 11 -o "$s/g100.csv" || fail "tools/gen"
for list in "$src/data/samples/attendees.csv" "$s/g100.csv"; do
    name=$(basename "$list" .csv)
    "$bin" solve "$list" -o "$s/$name.json" -t 30 --lang en >"$s/$name.out" 2>"$s/$name.err" ||
        { cat "$s/$name.err"; fail "solve $name"; continue; }
    python3 "$src/tests/scripts/region_swaps.py" "$s/$name.json" >"$s/$name.swaps"
    grep -qx "free improving swaps: 0" "$s/$name.swaps" || { cat "$s/$name.swaps"; fail "$name: free swaps left"; }
    python3 "$src/tests/checker/check_plan.py" "$s/$name.json" "$list" >/dev/null || fail "$name: checker"
    python3 - "$s/$name.json" <<'PY' || fail "$name: the region scores do not add up or count homes wrong"
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
sc = p["scores"]["morning"]
parts = [sc[k]["count"] for k in ("own_region", "interest_region", "neighbour_region", "far_region")]
assert sum(parts) == sc["seated"]["count"], parts
people = {a["id"]: a for a in p["attendees"]}
home = sum(1 for t in p["sessions"][0]["tables"] for m in t["members"] if people[m]["region"] in t["regions"])
assert home == sc["own_region"]["count"], (home, sc["own_region"])
PY
    grep -q "at their own region's table: " "$s/$name.out" && grep -q "at a region they chose: " "$s/$name.out" ||
        { cat "$s/$name.out"; fail "$name: the summary does not tell own and interest regions apart"; }
done

finish "region-places"
