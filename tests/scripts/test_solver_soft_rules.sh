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
bin=$1
src=$2
scratch=$3
. "$src/tests/scripts/lib.sh"
run_solver_unittest test_soft_rules
