#!/bin/sh
# test_operations_web.sh - random day-of operations against `tsunagu serve`
# (tests/operations/ops_web.py): one server, a fresh event per sequence, two
# interleaved clients with their own revisions (stale writes refused with
# 409, nothing stored), walk-ins, cancellations, restorations, moves,
# unpins, replaced lists, settings, re-plans and going back; after every
# step the stored files are the test's model and the independent checker
# accepts the plan.
# TSUNAGU_OPS_WEB_SEQUENCES sets how many sequences of 20 steps (default 20
# here; .ci/run runs 1,000), TSUNAGU_OPS_SEED the seed.
# ctest-labels: operations
#
# Called by ctest: test_operations_web.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
exec python3 "$2/tests/operations/ops_web.py" "$1" "$2" "$3" \
    --sequences "${TSUNAGU_OPS_WEB_SEQUENCES:-20}" --seed "${TSUNAGU_OPS_SEED:-1}"
