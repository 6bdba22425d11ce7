#!/bin/sh
# test_web_changes.sh - changes to an event through `tsunagu serve`'s API as
# two tabs make them (tests/scripts/web_changes.py): a write based on an
# out-of-date revision is refused (409, what changed since) and stores
# nothing; a move across tracks is refused before anything is stored; a move,
# a solve with new settings, a walk-in or a cancellation that cannot hold
# leaves every file of the event byte for byte as it was, and the next plain
# re-plan succeeds.
#
# Called by ctest: test_web_changes.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (python3 missing).
set -u
bin=$1
src=$2
scratch=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
start_server "$scratch/data" "$scratch"
python3 "$src/tests/scripts/web_changes.py" "$url" "$src/data/samples/attendees.csv" "$scratch/data" ||
    { echo "--- server log"; cat "$scratch/serve.err"; fail "see above"; }
# Stopped, it exits 0: under AddressSanitizer or valgrind a leak (once, the
# GLPK environment of each connection's thread that solved: a cancellation's
# re-plan, a group's roles given again) makes that exit status fail.
kill "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || { echo "--- server log"; cat "$scratch/serve.err"; fail "tsunagu serve exited $status when stopped"; }
echo "PASS"
