#!/bin/sh
# test_hostile_outputs.sh - a failing run never creates or changes an output
# file, and never leaves a temporary one behind; inputs too big to commit
# (a 10 MB line, an event over 1 MiB, more than 100000 attendees) are
# refused with their message.
#
# A good plan (with HTML, text and CSV charts) is written first; then runs
# that must fail - bad attendees, a bad event, hard rules that cannot hold,
# an output path that is a directory, a file size limit standing in for a
# full disk (ulimit -f), a real full disk (a 64 KiB tmpfs, when this user may
# mount one) - write to the same paths, and every byte must stay the same.
#
# Called by ctest: test_hostile_outputs.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR" >&2
    exit 2
fi
bin=$1
src=$2
scratch=$3
inputs="$src/tests/data/hostile/_inputs"
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

rm -rf "$scratch" && mkdir -p "$scratch/out" || { echo "cannot create $scratch" >&2; exit 1; }
cd "$scratch" || exit 1
cp "$inputs/attendees.csv" good.csv

# ---- the good run ------------------------------------------------------------
"$bin" solve --lang en good.csv -o out/plan.json --html out/plan.html --text out/plan.txt \
    --csv out/plan.csv >solve.out 2>solve.err || { cat solve.err >&2; echo "FAIL: the good solve failed" >&2; exit 1; }
"$bin" chart --lang en --format text out/plan.json -o out/chart.txt 2>chart.err ||
    { cat chart.err >&2; echo "FAIL: the good chart failed" >&2; exit 1; }
mkdir -p before && cp -p out/* before/
outputs="plan.json plan.html plan.txt plan.csv chart.txt"

# unchanged WHAT: every output has its bytes from the good run, and no
# temporary file is left in out/.
unchanged() {
    for f in $outputs; do
        if [ -d "before/$f" ] || [ ! -e "before/$f" ]; then
            [ -d "out/$f" ] || fail "$1: out/$f is no longer a directory"
        else
            cmp -s "before/$f" "out/$f" || fail "$1: out/$f was changed"
        fi
    done
    extra=$(ls -A out | grep -v -x -F "$(printf '%s\n' $outputs)")
    [ -z "$extra" ] || fail "$1: left behind in out/: $extra"
    # start the next case from the good files whatever happened here
    for f in $outputs; do [ -f "before/$f" ] && cp -p "before/$f" "out/$f"; done
}

# expect STATUS MESSAGE WHAT -- COMMAND...: run, check status and that stderr
# holds MESSAGE, then that nothing changed.
expect() {
    want=$1 msg=$2 what=$3
    shift 4
    "$@" >run.out 2>run.err
    got=$?
    [ "$got" = "$want" ] || { fail "$what: exit $got, expected $want"; cat run.err >&2; }
    grep -q -F -- "$msg" run.err || { fail "$what: stderr lacks \"$msg\""; cat run.err >&2; }
    unchanged "$what"
}

solve_all() {
    "$bin" solve --lang en "$@" -o out/plan.json --html out/plan.html --text out/plan.txt \
        --csv out/plan.csv
}

# ---- failing runs over the good outputs --------------------------------------
printf 'id,name,profession,organization,region\nA1,佐藤,MWS,病院,千葉\n' >bad.csv
expect 1 'bad.csv:2: unknown profession "MWS"' "bad attendee list" -- solve_all bad.csv

head -c 900 "$inputs/event.json" >cut.event.json
expect 1 "cut.event.json:" "event cut short" -- solve_all good.csv --event cut.event.json

cp "$src/tests/data/hostile/event-too-few-seats/event.json" seats.event.json
expect 1 "24 people to seat but only 12 seats" "more attendees than seats" -- \
    solve_all good.csv --event seats.event.json

# The hard rules cannot hold: every table must have an experienced member,
# but only 2 of the 24 are experienced in a room of 3 tables or more.
tr -d '\r' <good.csv | sed 's/,experienced$/,planning/' | awk 'NR <= 3 { sub(/,planning$/, ",experienced") } 1' >fresh.csv
expect 1 "experienced" "hard rules that cannot hold" -- solve_all fresh.csv

mkdir -p out/adir
outputs_saved=$outputs
outputs="$outputs adir"
# A directory in the way is refused before solving (test_output_paths.sh
# has the other kinds of file).
expect 2 "out/adir: -o names a directory, not a regular file" "plan path is a directory" -- \
    "$bin" solve --lang en good.csv -o out/adir
expect 2 "out/adir: --html names a directory, not a regular file" "chart path is a directory" -- \
    "$bin" solve --lang en good.csv -o out/plan.json --html out/adir
outputs=$outputs_saved
rmdir out/adir

expect 3 "cannot write" "directory that does not exist" -- \
    "$bin" solve --lang en good.csv -o out/nosuch/plan.json
[ -e out/nosuch ] && fail "out/nosuch was created"

# A full disk, portably: writes beyond the file size limit fail with EFBIG
# (SIGXFSZ ignored, as an editor or a shell on a full disk would see it).
( trap '' XFSZ; ulimit -f 4; solve_all good.csv ) >run.out 2>run.err
got=$?
[ "$got" = 3 ] || { fail "file size limit: exit $got, expected 3"; cat run.err >&2; }
grep -q "cannot write: the file size limit (ulimit -f) is reached" run.err ||
    fail "file size limit: no 'cannot write' message naming the limit"
unchanged "file size limit"
( trap '' XFSZ; ulimit -f 4; "$bin" chart --lang en --format text out/plan.json -o out/chart.txt ) \
    >run.out 2>run.err
[ $? = 3 ] || fail "chart under a file size limit should exit 3"
unchanged "chart under a file size limit"

expect 1 "plan.json" "chart of a broken plan" -- \
    "$bin" chart --lang en --format text "$src/tests/data/hostile/plan-truncated/plan.json" -o out/chart.txt
# (the message of this case is pinned in tests/data/charts; here only the file matters)
"$bin" chart --lang en --format csv --encoding cp932 "$src/tests/data/charts/cp932-unencodable/plan.json" \
    -o out/plan.csv >run.out 2>run.err
[ $? = 1 ] || fail "unencodable CP932 chart should exit 1"
unchanged "chart in CP932 of a name it cannot hold"

# A real full disk when this user may mount a tiny tmpfs (root in CI).
mkdir -p full
if mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
    cp before/plan.json full/plan.json
    head -c 40000 /dev/zero >full/filler 2>/dev/null
    "$bin" solve --lang en good.csv -o full/plan.json --html full/plan.html >run.out 2>run.err
    got=$?
    [ "$got" = 3 ] || { fail "full disk: exit $got, expected 3"; cat run.err >&2; }
    grep -q "No space left on device" run.err || fail "full disk: no ENOSPC message"
    cmp -s before/plan.json full/plan.json || fail "full disk: the previous plan was changed"
    [ -z "$(ls -A full | grep -v -x -e plan.json -e filler)" ] || fail "full disk: left behind: $(ls full)"
    umount full
else
    echo "note: cannot mount a tmpfs here; the full-disk case ran with ulimit -f only"
fi

# ---- inputs too big to commit ------------------------------------------------
head -n 1 good.csv >long.csv
{ printf 'A9,'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf ',カナ,MSW,病院,千葉,,experienced\n'; } >>long.csv
expect 1 "long.csv:2: line is longer than 65536 bytes" "CSV with a 10 MB line" -- \
    "$bin" check --lang en long.csv

{ printf '[{"id": "A1", "name": "'; head -c 10485760 /dev/zero | tr '\0' 'x';
  printf '", "profession": "MSW", "organization": "o", "region": "千葉"}]\n'; } >long.json
expect 1 'long.json:1: "name" is longer than 4096 bytes' "JSON attendee with a 10 MB name" -- \
    "$bin" check --lang en long.json

{ head -c 1100000 /dev/zero | tr '\0' ' '; cat "$inputs/event.json"; } >big.event.json
expect 1 "big.event.json: file is larger than 1048576 bytes" "event over 1 MiB" -- \
    solve_all good.csv --event big.event.json

# A plan may hold a 10 MB line of white space: still the same plan.
{ head -c 10485760 /dev/zero | tr '\0' ' '; cat before/plan.json; } >spaced.plan.json
"$bin" chart --lang en --format text spaced.plan.json -o spaced.txt 2>run.err ||
    { fail "a plan after a 10 MB line of spaces was refused"; cat run.err >&2; }
cmp -s spaced.txt before/chart.txt || fail "the spaced plan printed differently"

rest=$(sed -n 2p good.csv | cut -d, -f2-)
{ head -n 1 good.csv; awk -v rest="$rest" 'BEGIN { for (i = 1; i <= 100001; i++) print "X" i "," rest }'; } >many.csv
expect 1 "more than 100000 attendees" "more than 100000 attendees" -- "$bin" check --lang en many.csv

# ---- the nasty but valid list: seated, and escaped in every chart ------------
"$bin" solve --lang en "$inputs/nasty.csv" -o nasty.json --html nasty.html --csv nasty.csv.out \
    >run.out 2>run.err || { fail "the nasty list did not solve"; cat run.err >&2; }
if [ -f nasty.html ]; then
    grep -q "<script>alert" nasty.html && fail "HTML chart holds a raw <script> from a name"
    grep -q "&lt;script&gt;alert" nasty.html || fail "HTML chart lacks the escaped name"
    grep -q "</td><b>" nasty.html && fail "HTML chart holds raw markup from a name"
    grep -q "😀" nasty.html || fail "HTML chart lost the emoji"
fi
grep -q "\"'=HYPERLINK" nasty.csv.out || fail "CSV chart does not guard a formula"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "all hostile output checks passed"
