#!/bin/sh
# test_rounds_golfer.sh - the rounds search (src/model/rounds.c, through
# tsunagu-golfer) solves Kirkman's schoolgirls 5-3-7 and 3-3-4 with zero
# repeats as counted by tools/check_rounds.py, which shares no code with
# it, and seats synthetic events of 100 and 600 people (allowed tables, two
# marks with a minimum per table, colleagues, round 1 fixed) in 3 rounds
# with zero repeats and every rule, as the checker finds; and that checker
# rejects a seating with a golfer twice in a round, one whose repeats
# differ from what it claims, and one that breaks each rule of an event.
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

# synthetic events, bounded by steps (the session code's budget) so that a
# loaded machine gives the same seating
for n in 100 600; do
    "$golfer" --event $n 3 --time-limit 0 --seed 1 >"$s/event$n.json" || fail "tsunagu-golfer --event $n 3 failed"
    got=$(python3 "$check" "$s/event$n.json") || fail "event $n: $got"
    [ "$got" = "ok 0" ] || fail "event $n: expected zero repeats, checker says: $got"
done

# each rule broken once in round 2 of the 100-person event: a person bound
# to their region's tables moved away, a table left without one of a mark,
# round 1 changed, colleagues seated together (repeats then differ)
python3 - "$s/event100.json" "$s" <<'PY' || fail "cannot write the broken events"
import copy, json, sys
r = json.load(open(sys.argv[1]))
out = sys.argv[2]

def swap(x, rnd, p, q):
    tabs = x["rounds"][rnd]
    tp = next(t for t in tabs if p in t)
    tq = next(t for t in tabs if q in t)
    tp[tp.index(p)], tq[tq.index(q)] = q, p

def table_of(x, rnd, p):
    return next(i for i, t in enumerate(x["rounds"][rnd]) if p in t)

x = copy.deepcopy(r)
p = int(next(iter(x["allowed"])))
away = next(i for i in range(len(x["sizes"])) if i not in x["allowed"][str(p)])
swap(x, 1, p, x["rounds"][1][away][0])
json.dump(x, open(out + "/allowed.json", "w"))

x = copy.deepcopy(r)
for t, members in enumerate(x["rounds"][1]):
    marked = [q for q in members if x["marks"][q] & 1]
    if len(marked) == 1:
        other = next(q for u, m in enumerate(x["rounds"][1]) if u != t for q in m if not x["marks"][q] & 1)
        swap(x, 1, marked[0], other)
        break
else:
    sys.exit("no table with a single person of mark 0")
json.dump(x, open(out + "/marks.json", "w"))

x = copy.deepcopy(r)
a = x["rounds"][0][0][0]
b = x["rounds"][0][1][0]
swap(x, 0, a, b)
json.dump(x, open(out + "/first.json", "w"))

x = copy.deepcopy(r)
a, b = x["met"][0]
mate = next(q for q in x["rounds"][1][table_of(x, 1, a)] if q != a)
swap(x, 1, b, mate)
json.dump(x, open(out + "/colleagues.json", "w"))
PY
for broken in allowed marks first colleagues; do
    got=$(python3 "$check" "$s/$broken.json") && fail "an event with $broken broken passed: $got"
    case "$broken:$got" in
    allowed:*"round 2: person "*", allowed only "*) ;;
    marks:*"round 2: table "*" of mark 0, at least 1 wanted"*) ;;
    first:*"round 1: person "*", given at table "*) ;;
    colleagues:*"repeats, the search says 0"*) ;;
    *) fail "$broken: $got" ;;
    esac
done
echo "all rounds golfer checks passed"
