#!/bin/sh
# test_bidi.sh - no field can reorder its neighbours (issue 18).  Once, a
# right-to-left override (U+202E) or an isolate (U+2066-U+2069) in a name
# or an organisation was kept and reversed whole rows of the page's lists
# and the printouts.  Now the reader removes them with a warning at their
# line, and every renderer leaves them out (a plan edited by hand too).
#
# Called by ctest: test_bidi.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
keep_going=1
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || { echo "cannot create $s"; exit 1; }

python3 - "$src/data/samples/attendees.csv" "$s/bidi.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
f = lines[1].split(",")
f[1] = "\u202e" + f[1]          # name, line 2
f[4] = f[4] + "\u2066病院\u2069"  # organisation, line 2
lines[1] = ",".join(f)
f = lines[3].split(",")
f[2] = "\u202b" + f[2]          # reading, line 4
lines[3] = ",".join(f)
open(sys.argv[2], "w", encoding="utf-8").writelines(lines)
PY
# has_bidi FILE: true when FILE holds a bidirectional control
has_bidi() {
    python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
sys.exit(0 if any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in t) else 1)' "$1"
}

"$bin" check "$s/bidi.csv" --lang en >"$s/check.out" 2>&1 || { cat "$s/check.out"; fail "check refused the list"; }
[ "$(grep -c "bidi.csv:2: warning: .*text direction controls" "$s/check.out")" -eq 2 ] ||
    { cat "$s/check.out"; fail "check does not warn twice at line 2"; }
grep -q "bidi.csv:4: warning: .*text direction controls" "$s/check.out" || { cat "$s/check.out"; fail "no warning at line 4"; }
"$bin" solve "$s/bidi.csv" -o "$s/plan.json" --html "$s/plan.html" --text "$s/plan.txt" --csv "$s/badges.csv" \
    -t 20 >"$s/solve.out" 2>&1 || { cat "$s/solve.out"; fail "solve"; }
for f in plan.json plan.html plan.txt badges.csv solve.out; do
    ! has_bidi "$s/$f" || fail "$f holds a bidirectional control"
done
# A plan edited by hand to hold one is read without it.
python3 - "$s/plan.json" "$s/hand.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
p["attendees"][5]["name"] = "\u202e" + p["attendees"][5]["name"]
json.dump(p, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$bin" chart "$s/hand.json" --format html -o "$s/hand.html" 2>"$s/hand.err" || { cat "$s/hand.err"; fail "chart of the edited plan"; }
! has_bidi "$s/hand.html" || fail "the chart of an edited plan holds a bidirectional control"
"$bin" chart "$s/hand.json" --format text >"$s/hand.txt" 2>>"$s/hand.err" || fail "text chart of the edited plan"
! has_bidi "$s/hand.txt" || fail "the text chart of an edited plan holds a bidirectional control"

finish "bidi"
