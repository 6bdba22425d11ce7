#!/bin/sh
# test_tashokushu.sh - another day described by its event file alone:
# data/events/tashokushu.json names its own professions (MSW, 訪問看護師,
# 相談支援専門員, 保健師, and 事務局 not seated), the three sides of the mix rule (hospital, home nursing, welfare and health)
# and two tracks.  Its sample list (Japanese headers) is checked, solved,
# printed in every format and re-planned; every plan passes the independent
# checker, and the charts name the day's professions.
#
# Called by ctest: test_tashokushu.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || fail "cannot create $s"
ev="$src/data/events/tashokushu.json"
list="$src/data/samples/tashokushu.csv"

"$bin" check "$list" --event "$ev" >"$s/check.out" 2>"$s/check.err" ||
    { cat "$s/check.err"; fail "check with the event's professions failed"; }
grep -q "NURSE   訪問看護師" "$s/check.out" || fail "check does not count the event's professions"
# the bundled day does not know 訪問看護師
status=0
"$bin" check "$list" --lang en >/dev/null 2>"$s/bundled.err" || status=$?
[ "$status" -eq 1 ] || fail "the list passed check against the bundled professions"
grep -q 'unknown profession "訪問看護師" (expected MSW, CSS, CENTER, OTHER)' "$s/bundled.err" ||
    { cat "$s/bundled.err"; fail "no clear message for a profession of another day"; }
grep -q "warning: if this list is for another kind of day, read it with that day's event file" "$s/bundled.err" ||
    { cat "$s/bundled.err"; fail "no hint that the list is another day's"; }

# a broken event file: its own error alone, not the list read against the
# bundled day's professions (31 "unknown profession" lines once buried it)
python3 - "$ev" "$s/broken.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1], encoding="utf-8"))
e["sessions"][1]["tracks"][0]["professions"] = ["MSV", "NURSE"]
json.dump(e, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
status=0
"$bin" solve "$list" --lang en --event "$s/broken.json" -o "$s/broken-plan.json" >/dev/null 2>"$s/broken.err" || status=$?
[ "$status" -eq 1 ] || fail "a broken event file exited $status"
grep -q 'unknown profession "MSV" in track "MED"' "$s/broken.err" || { cat "$s/broken.err"; fail "no message for the event's typo"; }
! grep -q "tashokushu.csv" "$s/broken.err" || { cat "$s/broken.err"; fail "the list was read against another day's professions"; }

"$bin" solve "$list" --event "$ev" -o "$s/plan.json" --html "$s/plan.html" --csv "$s/badges.csv" \
    --text "$s/plan.txt" >"$s/solve.out" 2>&1 || { cat "$s/solve.out"; fail "solve failed"; }
python3 "$src/tests/checker/check_plan.py" "$s/plan.json" "$list" || fail "the checker refused the plan"
grep -q "全職種グループがそろうテーブル: 13 / 13" "$s/solve.out" || { cat "$s/solve.out"; fail "tables not mixed"; }
grep -q "訪問看護師" "$s/plan.txt" || fail "the text rosters do not name 訪問看護師"
grep -q '<span class="m p1">N</span>訪問看護師' "$s/plan.html" || fail "the map legend does not show 訪問看護師"
grep -q '.p1{fill:#8e44ad' "$s/plan.html" || fail "the HTML does not use the event's colours"
grep -q "保健師" "$s/badges.csv" || fail "the badge list does not name 保健師"

# a re-plan after one cancellation keeps everyone else where they were
python3 - "$list" "$s/v2.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
open(sys.argv[2], "w", encoding="utf-8").writelines(lines[:5] + lines[6:])
PY
"$bin" solve "$s/v2.csv" --event "$ev" --previous "$s/plan.json" -o "$s/v2.json" >"$s/v2.out" 2>&1 ||
    { cat "$s/v2.out"; fail "re-plan failed"; }
python3 "$src/tests/checker/check_plan.py" "$s/v2.json" "$s/v2.csv" || fail "the checker refused the re-plan"

# the web page: a new event of this kind (?template=tashokushu) takes the list,
# solves it and serves a plan the checker accepts and a print view naming 保健師
start_server "$s/data" "$s"
python3 - "$url" "$list" "$s" <<'PY' || fail "the web page could not seat the day"
import json, sys, time, urllib.error, urllib.request
url, path, s = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, p, body=None):
    req = urllib.request.Request(url + p, data=body, method=method, headers={"X-Tsunagu": "1", "If-Match": "*"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
templates = json.loads(call("GET", "api/events")[1])["templates"]
assert [t["id"] for t in templates][:1] == ["tsunagarou"], templates
assert "tashokushu" in [t["id"] for t in templates], templates
data = open(path, "rb").read()
status, body = call("POST", "api/events?name=tashokushu.csv", data)
assert status == 422, "the bundled day accepted 訪問看護師"
status, body = call("POST", "api/events?name=tashokushu.csv&template=tashokushu", data)
assert status == 201, body
eid = json.loads(body)["id"]
assert call("POST", f"api/events/{eid}/solve", b"{}")[0] == 202
while json.loads(call("GET", f"api/events/{eid}/job")[1])["state"] in ("queued", "running"):
    time.sleep(0.1)
status, plan = call("GET", f"api/events/{eid}/plan.json")
assert status == 200, plan
open(f"{s}/web.json", "wb").write(plan)
status, html = call("GET", f"api/events/{eid}/print.html")
assert status == 200 and "保健師".encode() in html
PY
python3 "$src/tests/checker/check_plan.py" "$s/web.json" "$list" || fail "the checker refused the web page's plan"

# an organiser's own event file, offered by `serve --event FILE` as a kind of day
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
sed 's/"title": "[^"]*"/"title": "わたしの会"/' "$ev" >"$s/MyDay.json"
start_server "$s/data-own" "$s" --event "$s/MyDay.json"
python3 - "$url" "$list" <<'PY' || fail "the page did not offer the organiser's own event file"
import json, sys, urllib.request
url, path = sys.argv[1], sys.argv[2]
def call(method, p, body=None):
    req = urllib.request.Request(url + p, data=body, method=method, headers={"X-Tsunagu": "1", "If-Match": "*"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, json.loads(r.read())
status, doc = call("GET", "api/events")
assert doc["templates"][0] == {"id": "myday", "title": "わたしの会"}, doc["templates"]
status, doc = call("POST", "api/events?name=list.csv&template=myday", open(path, "rb").read())
assert status == 201, doc
status, ev = call("GET", f"api/events/{doc['id']}")
assert ev["settings"]["title"] == "わたしの会", ev["settings"]["title"]
PY
echo "PASS"
