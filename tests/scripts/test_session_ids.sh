#!/bin/sh
# test_session_ids.sh - the shape of the day is data: an event whose
# sessions are "am" and "pm" (not the bundled morning/afternoon) with pins in
# columns pin_am and 固定_pm holds them (independent checker), a re-plan keeps
# them, 午前指定 pins the session that starts before noon, and a column naming
# no session is an error at FILE:LINE, listing the sessions.  No session id
# of the bundled event is written into src/ (a literal "morning" or
# "afternoon" would make other events silently ignore a feature).
#
# Called by ctest: test_session_ids.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || fail "cannot create $s"

if grep -rn --include='*.c' --include='*.h' -e '"morning"' -e '"afternoon"' "$src/src"; then
    fail "a session id of the bundled event is written into src/ (above)"
fi

python3 - "$src" "$s" <<'PY' || fail "cannot write the inputs"
import csv, json, sys, unicodedata
src, s = sys.argv[1], sys.argv[2]
e = json.load(open(f"{src}/data/events/tsunagarou.json"))
e["sessions"][0]["id"], e["sessions"][1]["id"] = "am", "pm"
e["sessions"][2]["presentations"]["of"] = "pm"  # the sharing session names the workgroup it presents
json.dump(e, open(f"{s}/ampm.json", "w"), ensure_ascii=False, indent=1)
rows = list(csv.reader(open(f"{src}/data/samples/attendees.csv", encoding="utf-8-sig")))
head, body = rows[0], rows[1:]
prof = head.index("profession") if "profession" in head else head.index("職種")
# pin_am: the first MSW and the first CSS at table 3; 固定_pm: an MSW in group MSW-B
msw = [i for i, r in enumerate(body) if r[prof] == "MSW"]
css = [i for i, r in enumerate(body) if r[prof] == "CSS"]
am = {msw[0]: "3", css[0]: "3"}
pm = {msw[1]: "MSW-B"}
with open(f"{s}/pins.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head + ["pin_am", "固定_pm"])
    for i, r in enumerate(body):
        # the pm pin as Excel users type it: full-width (ＭＳＷ－Ｂ)
        w.writerow(r + [am.get(i, ""), unicodedata.normalize("NFKC", pm.get(i, "")).translate(
            {c: c + 0xFEE0 for c in range(0x21, 0x7F)})])
with open(f"{s}/half-day.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head + ["午前指定"])
    for i, r in enumerate(body):
        w.writerow(r + [am.get(i, "")])
with open(f"{s}/unknown.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head + ["pin_evening"])
    for i, r in enumerate(body):
        w.writerow(r + [am.get(i, "")])
json.dump({"am": am, "pm": pm, "ids": [r[0] for r in body]}, open(f"{s}/want.json", "w"))
PY

check() { # PLAN LIST: the checker holds every pin; the plan records them by session id
    python3 "$src/tests/checker/check_plan.py" "$1" "$2" >"$s/check.out" 2>&1 ||
        { cat "$s/check.out" >&2; fail "the checker refused $1"; }
    python3 - "$1" "$s/want.json" <<'PY' || fail "$1 does not seat or record the pins"
import json, sys, unicodedata
plan, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
seat = {a["id"]: a["seats"] for a in plan["attendees"]}
pins = {a["id"]: a.get("pins", {}) for a in plan["attendees"]}
for sid in ("am", "pm"):
    for i, table in want[sid].items():
        pid = want["ids"][int(i)]
        assert seat[pid][sid] == table, (pid, sid, seat[pid], table)
        assert unicodedata.normalize("NFKC", pins[pid].get(sid, "")) == table, (pid, pins[pid])
PY
}

"$bin" solve "$s/pins.csv" --event "$s/ampm.json" -o "$s/plan.json" >"$s/out" 2>&1 ||
    { cat "$s/out"; fail "solve with pin_am / 固定_pm failed"; }
check "$s/plan.json" "$s/pins.csv"
"$bin" solve "$s/pins.csv" --event "$s/ampm.json" --previous "$s/plan.json" -o "$s/again.json" >"$s/out" 2>&1 ||
    { cat "$s/out"; fail "re-plan failed"; }
check "$s/again.json" "$s/pins.csv"

# 午前指定: the am session starts at 11:10
"$bin" solve "$s/half-day.csv" --event "$s/ampm.json" -o "$s/half.json" >"$s/out" 2>&1 ||
    { cat "$s/out"; fail "solve with 午前指定 failed"; }
python3 - "$s/half.json" "$s/want.json" <<'PY' || fail "午前指定 did not pin the am session"
import json, sys
plan, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
seat = {a["id"]: a["seats"] for a in plan["attendees"]}
for i, table in want["am"].items():
    assert seat[want["ids"][int(i)]]["am"] == table
PY

# a column naming no session: exit 1, FILE:LINE, the sessions listed, no plan
status=0
"$bin" solve "$s/unknown.csv" --lang en --event "$s/ampm.json" -o "$s/bad.json" >"$s/out" 2>"$s/err" || status=$?
[ "$status" -eq 1 ] || { cat "$s/err"; fail "an unknown pin column exited $status, expected 1"; }
grep -q 'unknown.csv:[0-9]*: column "pin_evening" pins a session "evening", but the event has no session of that id (sessions: am (11:10-12:10), pm (13:00-15:00), sharing (15:20-17:00))' "$s/err" ||
    { cat "$s/err"; fail "unexpected message for an unknown pin column"; }
[ ! -e "$s/bad.json" ] || fail "a plan was written although the list could not be used"
echo "PASS"
