#!/bin/sh
# test_stdout_outputs.sh - an output named "-" is standard output and holds
# that output alone: `solve -o -`, `--csv -`, `--html -` and `add -o -`
# write the solve's account to standard error, so that `> plan.json` gives
# a plan that reads back (the summary once followed the JSON).
#
# Called by ctest: test_stdout_outputs.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || fail "cannot create $s"
list="$src/data/samples/attendees.csv"

"$bin" solve "$list" -o - >"$s/plan.json" 2>"$s/err" || fail "solve -o - failed"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$s/plan.json" || fail "solve -o - is not pure JSON"
grep -q "着席: 100 / 100" "$s/err" || fail "the account did not go to standard error"
"$bin" chart "$s/plan.json" --format text >/dev/null || fail "the plan from -o - does not read back"

"$bin" solve "$list" -o "$s/p.json" --csv - >"$s/badges.csv" 2>/dev/null || fail "solve --csv - failed"
! grep -q "着席" "$s/badges.csv" || fail "the account is in the badge CSV"
"$bin" solve "$list" -o "$s/p2.json" --html - >"$s/plan.html" 2>/dev/null || fail "solve --html - failed"
tail -c 20 "$s/plan.html" | grep -q "</html>" || fail "the HTML on stdout does not end with </html>"

"$bin" add "$s/p.json" -o - --name "新井 一郎" --profession MSW --organization 新病院 --region 千葉 \
    >"$s/added.json" 2>"$s/add.err" || { cat "$s/add.err"; fail "add -o - failed"; }
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$s/added.json" || fail "add -o - is not pure JSON"
grep -q "新井 一郎" "$s/add.err" || fail "add's account did not go to standard error"
echo "PASS"
