#!/bin/sh
# test_stdout_errors.sh - a command whose standard output cannot be written
# has failed: exit 3 and one line saying so, for every command that prints
# (check, solve -o -, chart, diff, add, help, --version), whether the
# output goes to a full device (/dev/full) or to a closed descriptor.
#
# Called by ctest: test_stdout_errors.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (no /dev/full).
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR" >&2
    exit 2
fi
bin=$1
src=$2
scratch=$3
[ -c /dev/full ] || { echo "skipped: no /dev/full"; exit 77; }

keep_going=1
. "$src/tests/scripts/lib.sh"

rm -rf "$scratch" && mkdir -p "$scratch" || { echo "cannot create $scratch" >&2; exit 1; }
cd "$scratch" || exit 1
cp "$src/tests/data/hostile/_inputs/attendees.csv" in.csv
"$bin" solve --lang en in.csv -o plan.json >/dev/null 2>solve.err ||
    { cat solve.err >&2; echo "FAIL: the good solve failed" >&2; exit 1; }

# full "EXPECTED STDERR" WHAT -- COMMAND...: with stdout on /dev/full the
# command exits 3 with exactly that line on stderr.
full() {
    line=$1 what=$2
    shift 3
    "$@" >/dev/full 2>run.err
    got=$?
    [ "$got" = 3 ] || fail "$what: exit $got, expected 3"
    printf '%s\n' "$line" | cmp -s - run.err ||
        { fail "$what: stderr differs"; echo "  expected: $line" >&2; sed 's/^/  actual:   /' run.err >&2; }
}

nospace="tsunagu: cannot write to standard output: No space left on device"
full "$nospace" "check" -- "$bin" check --lang en in.csv
full "tsunagu: 標準出力に書き込めません: No space left on device" "check (Japanese)" -- "$bin" check in.csv
full "$nospace" "diff" -- "$bin" diff --lang en plan.json plan.json
full "$nospace" "help" -- "$bin" --lang en help solve
full "$nospace" "--version" -- "$bin" --lang en --version
# Output written through fileio's own stdout path (-o -) says which stream
# failed, from where it failed.
full "<stdout>: cannot write: No space left on device" "chart" -- \
    "$bin" chart --lang en --format text plan.json
full "<stdout>: cannot write: No space left on device" "solve -o -" -- \
    "$bin" solve --lang en in.csv -o -
# add writes its plan, then cannot print the seat: the plan stays written.
cp plan.json walkin.json
full "$nospace" "add" -- "$bin" add --lang en walkin.json --name 山田 --profession MSW \
    --organization 病院 --region 千葉
grep -q "山田" walkin.json || fail "add: the plan was not written before the seat was printed"

# A closed standard output is no place to write either.
"$bin" check --lang en in.csv >&- 2>run.err
got=$?
[ "$got" = 3 ] || fail "check with stdout closed: exit $got, expected 3"
grep -q -F "tsunagu: cannot write to standard output" run.err ||
    { fail "check with stdout closed: no message"; cat run.err >&2; }
# ... but a command that prints nothing does not fail for it.
"$bin" chart --lang en plan.json -o chart.html >&- 2>run.err ||
    { fail "chart -o FILE with stdout closed: exit $?"; cat run.err >&2; }

# A failure keeps its own status and message: no second line about stdout.
"$bin" check --lang en nosuch.csv >/dev/full 2>run.err
got=$?
[ "$got" = 1 ] || fail "check of a missing file to /dev/full: exit $got, expected 1"
grep -q "standard output" run.err && fail "check of a missing file: a line about stdout was added"

finish "stdout error"
