#!/bin/sh
# test_operations.sh - random day-of operations against the command line
# (tests/operations/ops_cli.py): walk-ins, cancellations, restorations,
# re-plans with edited lists, pins; after every step the plan holds exactly
# the day's people and the independent checker accepts it.
# TSUNAGU_OPS_SEQUENCES sets how many sequences of 20 steps (default 20 here;
# .ci/run runs 1,000).
# ctest-labels: operations
#
# Called by ctest: test_operations.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
exec python3 "$2/tests/operations/ops_cli.py" "$1" "$2" "$3" \
    --sequences "${TSUNAGU_OPS_SEQUENCES:-20}" --seed "${TSUNAGU_OPS_SEED:-1}"
