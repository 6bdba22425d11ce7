#!/bin/sh
# test_solver_known.sh - small instances whose best answer is known by hand,
# one per rule, plus the organiser's requests (tests/solver/test_known.py).
# Every plan is also run through the independent checker.
#
# Called by ctest: test_solver_known.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
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
run_solver_unittest test_known
