#!/bin/sh
# test_solve_charts.sh - the charts written at solve time are the charts
# `tsunagu chart` makes from the written plan, byte for byte, options
# included (--csv with --encoding cp932, --html with --directory).
#
# Called by ctest: test_solve_charts.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
scratch=$3

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
cd "$scratch" || fail "cannot enter $scratch"
list="$src/data/samples/attendees.csv"

"$bin" solve "$list" -o plan.json --csv badges.csv --encoding cp932 --text rosters.txt \
    --html plan.html --directory >solve.out 2>solve.err ||
    { cat solve.err >&2; fail "solve with --encoding cp932 exited with $?"; }
"$bin" chart plan.json --format csv --encoding cp932 -o chart.csv || fail "chart --format csv"
cmp badges.csv chart.csv || fail "solve --csv --encoding cp932 differs from chart --encoding cp932"
"$bin" chart plan.json --format text -o chart.txt || fail "chart --format text"
cmp rosters.txt chart.txt || fail "solve --text differs from chart --format text"
"$bin" chart plan.json --format html --directory -o chart.html || fail "chart --format html"
cmp plan.html chart.html || fail "solve --html --directory differs from chart --directory"
# CP932 has no byte order mark; UTF-8 output starts with one.
[ "$(head -c 3 badges.csv | od -An -tx1 | tr -d ' ')" != efbbbf ] ||
    fail "the cp932 badge list starts with a UTF-8 byte order mark"

# --encoding without --csv, or an unknown encoding, is a usage error (2).
"$bin" solve "$list" -o plan2.json --encoding cp932 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--encoding without --csv: expected status 2"
"$bin" solve "$list" -o plan2.json --csv b.csv --encoding latin1 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--encoding latin1: expected status 2"
[ ! -e plan2.json ] || fail "a usage error wrote a plan"
echo "solve-time charts match tsunagu chart"
