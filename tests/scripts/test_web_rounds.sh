#!/bin/sh
# test_web_rounds.sh - a session with rounds (a 席替え within its slot)
# through `tsunagu serve`'s API (tests/scripts/web_rounds.py): settings that
# keep and change the rounds, the plan's rounds and its rounds line, a move
# in a later round (a swap, or refused naming the rule), walk-ins and
# cancellations in every round, a re-plan, the charts; every plan checked
# by tests/checker/check_plan.py.
#
# Called by ctest: test_web_rounds.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
scratch=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
start_server "$scratch/data" "$scratch"
python3 "$src/tests/scripts/web_rounds.py" "$url" "$src" "$scratch" ||
    { echo "--- server log"; cat "$scratch/serve.err"; fail "see above"; }
echo "PASS"
