#!/bin/sh
# test_rounds_golfer.sh - the rounds search (src/model/rounds.c, through
# tsunagu-golfer) solves Kirkman's schoolgirls 5-3-7 and 3-3-4 with zero
# repeats as counted by tools/check_rounds.py, which shares no code with
# it; and that checker rejects a seating with a golfer twice in a round and
# one whose repeats differ from what it claims.
#
# Called by ctest: test_rounds_golfer.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
golfer=$(dirname "$bin")/tsunagu-golfer
[ -x "$golfer" ] || { echo "SKIP: $golfer not built"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || fail "cannot create $s"
check="$src/tools/check_rounds.py"

for inst in "3 3 4" "5 3 7"; do
    # shellcheck disable=SC2086
    "$golfer" $inst --time-limit 10 >"$s/out.json" || fail "tsunagu-golfer $inst failed"
    got=$(python3 "$check" "$s/out.json") || fail "$inst: $got"
    [ "$got" = "ok 0" ] || fail "$inst: expected zero repeats, checker says: $got"
done

python3 - "$s/out.json" "$s/twice.json" "$s/lies.json" <<'PY' || fail "cannot write the broken seatings"
import json, sys
r = json.load(open(sys.argv[1]))
twice = json.loads(json.dumps(r))
twice["rounds"][2][0][0] = twice["rounds"][2][1][0]
json.dump(twice, open(sys.argv[2], "w"))
lies = json.loads(json.dumps(r))
lies["rounds"][3] = lies["rounds"][2]
json.dump(lies, open(sys.argv[3], "w"))
PY
got=$(python3 "$check" "$s/twice.json") && fail "a golfer twice in a round passed: $got"
case "$got" in *"round 3: not every golfer exactly once"*) ;; *) fail "twice: $got" ;; esac
got=$(python3 "$check" "$s/lies.json") && fail "a repeated round passed as zero repeats: $got"
case "$got" in *"counted 15 repeats, the search says 0"*) ;; *) fail "lies: $got" ;; esac
echo "all rounds golfer checks passed"
