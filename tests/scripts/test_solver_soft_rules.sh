#!/bin/sh
# test_solver_soft_rules.sh - every soft rule bites: a small hand-solved
# instance per soft rule whose best seating changes when the rule's model
# rows are gone (tests/solver/test_soft_rules.py), with the counting and the
# naive model.  Every plan is also run through the independent checker.
#
# Called by ctest: test_solver_soft_rules.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (only when python3 is missing).
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR" >&2
    exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
[ -x "$1" ] || { echo "FAIL: no tsunagu binary at $1" >&2; exit 1; }
rm -rf "$3" && mkdir -p "$3" || { echo "FAIL: cannot create $3" >&2; exit 1; }
# Temporary folders of the tests go under the scratch folder.
TSUNAGU=$1 TSUNAGU_SRC=$2 TMPDIR=$3
export TSUNAGU TSUNAGU_SRC TMPDIR
cd "$2/tests/solver" || exit 1
exec python3 -m unittest -v test_soft_rules
