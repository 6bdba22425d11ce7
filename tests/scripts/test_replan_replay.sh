#!/bin/sh
# test_replan_replay.sh - re-planning (issue 5): a seeded replay of late
# signups, cancellations and walk-ins checked after every step
# (tests/solver/replay.py: nobody lost, nobody twice, nobody moved where
# the rules allowed them to stay, every hard rule still holds, `tsunagu
# diff` agrees), and previous plans that must be refused
# (tests/solver/test_replan_refused.py).
#
# Called by ctest: test_replan_replay.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (only when python3 is missing).
# The lists and plans of every step stay in SCRATCH_DIR/replay.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR" >&2
    exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
[ -x "$1" ] || { echo "FAIL: no tsunagu binary at $1" >&2; exit 1; }
rm -rf "$3" && mkdir -p "$3" || { echo "FAIL: cannot create $3" >&2; exit 1; }
TSUNAGU=$1 TSUNAGU_SRC=$2 TMPDIR=$3
export TSUNAGU TSUNAGU_SRC TMPDIR
cd "$2/tests/solver" || exit 1
status=0
python3 replay.py --seed 1 --seed 2 --seed 3 --steps 10 --dir "$3/replay" || status=1
python3 -m unittest -v test_replan_refused || status=1
exit $status
