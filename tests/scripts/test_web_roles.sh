#!/bin/sh
# test_web_roles.sh - roles and the running order through `tsunagu serve`'s
# API (tests/scripts/web_roles.py): the plan's roles and order, a role
# given by hand (If-Match, a hard rule refused, history), a cancelled
# facilitator replaced with a note, the sharing session's settings.
#
# Called by ctest: test_web_roles.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
scratch=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
start_server "$scratch/data" "$scratch"
python3 "$src/tests/scripts/web_roles.py" "$url" "$src/data/samples/attendees.csv" "$scratch/data" ||
    { echo "--- server log"; cat "$scratch/serve.err"; fail "see above"; }
echo "PASS"
