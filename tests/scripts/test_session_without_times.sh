#!/bin/sh
# test_session_without_times.sh - an event's sessions may leave out "start"
# and "end" (docs/event-format.md).  The solve summary and the text chart
# then print no times, and never "(null)": a NULL string once went to
# printf's %s, which is undefined behaviour ("(null)-(null)" with glibc).
#
# Called by ctest: test_session_without_times.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (only when python3 is missing).
set -u
bin=$1
src=$2
scratch=$3
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
# The bundled event with no times in the morning, only a start in the
# afternoon and in the sharing session (which needs its start: the running
# order counts from it; without an end nothing can overrun).
python3 - "$src/data/events/tsunagarou.json" "$scratch/event.json" <<'PY' || fail "cannot write the event"
import json, sys
e = json.load(open(sys.argv[1], encoding="utf-8"))
for s in e["sessions"]:
    s.pop("start", None)
    s.pop("end", None)
e["sessions"][1]["start"] = "13:00"
e["sessions"][2]["start"] = "15:20"
json.dump(e, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
"$bin" solve --lang en "$src/data/samples/attendees.csv" -e "$scratch/event.json" \
    -o "$scratch/plan.json" --text "$scratch/plan.txt" >"$scratch/out" 2>"$scratch/err" ||
    { cat "$scratch/err" >&2; fail "solve exited with status $?"; }
if grep -n "null" "$scratch/out" "$scratch/plan.txt" >&2; then fail "(null) printed"; fi
grep -q "^各地域についての意見交換及び名刺交換会 (exchange, morning): " "$scratch/out" ||
    { cat "$scratch/out" >&2; fail "morning: expected the title alone first"; }
grep -q "^13:00- グループワーク" "$scratch/out" ||
    { cat "$scratch/out" >&2; fail "afternoon: expected its start alone, 13:00-"; }
grep -q "^sharing 15:20- グループで話し合われた内容の共有" "$scratch/out" ||
    { cat "$scratch/out" >&2; fail "sharing: expected its start alone, 15:20-"; }
grep -q "^== 各地域についての意見交換及び名刺交換会 ==$" "$scratch/plan.txt" ||
    { grep "^==" "$scratch/plan.txt" >&2; fail "text chart: expected the title alone"; }
"$bin" solve --lang ja "$src/data/samples/attendees.csv" -e "$scratch/event.json" \
    -o "$scratch/plan.json" >"$scratch/out-ja" 2>"$scratch/err" ||
    { cat "$scratch/err" >&2; fail "solve --lang ja exited with status $?"; }
grep -q "^13:00〜 グループワーク" "$scratch/out-ja" ||
    { cat "$scratch/out-ja" >&2; fail "afternoon (ja): expected 13:00〜"; }
echo "PASS"
