#!/bin/sh
# test_checker_tools.sh - the Python tools' own unit tests: the independent
# plan checker (tests/checker/test_check_plan.py) and the attendee list
# generator (tests/checker/test_gen.py).
#
# Called by ctest: test_checker_tools.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# (the binary is not used).  Exit 77 = skipped when python3 is missing.
set -u
src=$2
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
cd "$src/tests/checker" || exit 1
exec python3 -m unittest -v test_check_plan test_gen
