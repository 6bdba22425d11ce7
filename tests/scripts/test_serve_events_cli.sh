#!/bin/sh
# test_serve_events_cli.sh - the data folder for its administrator, without a
# server (issue 18): `tsunagu serve --list-events` prints every event kept,
# tab-separated under a fixed header (id, name, date, attendees, updated,
# bytes), the last changed first, in any language; `--delete-event ID`
# deletes one for good (its whole folder, nothing left beside it, what an
# earlier deletion left swept too), says so, and refuses (status 1, nothing
# deleted) an id that is no event, a path, and any deletion while a server
# uses the folder.  Both sweep what a server killed during an upload left
# (no event: personal data) when no server uses the folder; a link planted
# in place of an event's folder is listed as no event and deleted itself,
# never followed; names print on one line; options come in any order, and
# the server's own (--port ...) are refused (status 2).
#
# Called by ctest: test_serve_events_cli.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (python3 missing).
set -u
bin=$1
src=$2
scratch=$3
keep_going=1
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || { echo "cannot create $scratch"; exit 1; }
data="$scratch/data"
header=$(printf 'id\tname\tdate\tattendees\tupdated\tbytes')

# No data folder yet: the header alone, and no folder made.
out=$("$bin" serve --list-events --data-dir "$data") || fail "--list-events on no folder exited $?"
[ "$out" = "$header" ] || fail "--list-events on no folder printed: $out"
[ ! -e "$data" ] || fail "--list-events made the data folder"
"$bin" serve --delete-event 20250314-101530-7f3a --data-dir "$data" 2>"$scratch/err"
[ $? -eq 1 ] || fail "--delete-event on no folder did not exit 1"
[ ! -e "$data" ] || fail "--delete-event made the data folder"

# Three events made through the page's API, one renamed; the server stopped.
start_server "$data" "$scratch"
python3 - "$url" "$src/data/samples/attendees.csv" "$src/data/samples/tashokushu.csv" >"$scratch/ids" <<'PY' || fail "making the events"
import json, sys, time, urllib.request
url, sample, other = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, path, body):
    req = urllib.request.Request(url + path, data=body, method=method,
                                 headers={"X-Tsunagu": "1", "If-Match": "*"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())
ids = []
for path, template in [(sample, ""), (other, "tashokushu"), (sample, "")]:
    ids.append(call("POST", f"api/events?name=list.csv&template={template}", open(path, "rb").read())["id"])
    time.sleep(1.1)  # distinct "updated" seconds: the order is by last change
call("PUT", f"api/events/{ids[0]}/name", '{"name": "秋の\\t交流会"}'.encode())  # a tab becomes a space
print(" ".join(ids))
PY
kill "$pid"; wait "$pid"; pid=""
read -r first second third <"$scratch/ids"
# A name stored with line and paragraph separators (by an older server):
# printed with spaces, one line per event for any reader.
python3 - "$data/events/$third/meta.json" <<'PY' || fail "editing a meta.json"
import json, sys
meta = json.load(open(sys.argv[1], encoding="utf-8"))
meta["name"] = "夏の\u2028交流会\u2029千葉"
json.dump(meta, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
# An event whose meta.json cannot be read: listed last, "-" for its name and
# last change, since it may hold a list.
half=20250314-101530-7f3a
mkdir "$data/events/$half" && printf 'name\n山田\n' >"$data/events/$half/upload-0001.dat" &&
    printf '{"name": ' >"$data/events/$half/meta.json"
# What a server killed during an upload left (no meta.json: never an event;
# a staged file beside an event's files): gone at the next --list-events,
# as at a server's start, since no server uses the folder.
cut=20250314-101530-0bad
mkdir "$data/events/$cut" "$data/events/.creating-0a1b2c3d" &&
    cp "$src/data/samples/attendees.csv" "$data/events/$cut/upload-0001.dat.tmp.4242.1" &&
    cp "$src/data/samples/attendees.csv" "$data/events/.creating-0a1b2c3d/upload-0001.dat" &&
    cp "$src/data/samples/attendees.csv" "$data/events/$first/upload-0002.dat.tmp.4242.2" || fail "planting"
# A link planted in place of an event's folder: listed as no event ("-",
# 0 bytes), never followed.
mkdir "$scratch/outside" && echo '{"name": "planted"}' >"$scratch/outside/meta.json" &&
    ln -s "$scratch/outside" "$data/events/20250314-101530-ab12" || fail "planting a link"

# The list: the last changed first (the renamed one), the values of each
# folder, the same in English.
"$bin" serve --list-events --data "$data" >"$scratch/list" || fail "--list-events exited $?"
"$bin" serve --lang en --list-events --data-dir "$data" >"$scratch/list.en" || fail "--list-events --lang en exited $?"
cmp -s "$scratch/list" "$scratch/list.en" || fail "the list differs in English"
[ ! -e "$data/events/$cut" ] || fail "--list-events left a folder without meta.json (an upload cut short)"
[ ! -e "$data/events/.creating-0a1b2c3d" ] || fail "--list-events left an event being made (an upload cut short)"
[ ! -e "$data/events/$first/upload-0002.dat.tmp.4242.2" ] || fail "--list-events left a staged file"
[ -f "$scratch/outside/meta.json" ] || fail "--list-events removed what a planted link names"
python3 - "$scratch/list" "$data/events" "$first" "$third" "$second" 20250314-101530-ab12 "$half" <<'PY' || fail "the list (above)"
import json, os, sys
listing, events, *order = sys.argv[1:]
lines = open(listing, encoding="utf-8").read().splitlines()  # any line break a reader knows
bad = []
if lines[0] != "id\tname\tdate\tattendees\tupdated\tbytes":
    bad.append(f"header {lines[0]!r}")
rows = [l.split("\t") for l in lines[1:] if l]
if [r[0] for r in rows] != order:
    bad.append(f"order {[r[0] for r in rows]}, expected {order}")
for r in rows:
    folder = os.path.join(events, r[0])
    if os.path.islink(folder):
        want = [r[0], "-", "-", "0", "-", "0"]
    elif r[0] == order[-1]:  # no readable meta.json
        size = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
        want = [r[0], "-", "-", "0", "-", str(size)]
    else:
        size = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
        meta = json.load(open(os.path.join(folder, "meta.json"), encoding="utf-8"))
        date = json.load(open(os.path.join(folder, "event.json"), encoding="utf-8")).get("date") or "-"
        name = meta["name"].replace("\u2028", " ").replace("\u2029", " ")
        want = [r[0], name, date, str(meta["attendees"]), meta["updated"], str(size)]
    if r != want:
        bad.append(f"row {r}, expected {want}")
if rows and rows[0][1] != "秋の 交流会":
    bad.append(f"renamed event listed as {rows[0][1]!r}")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# While a server uses the folder: refused, nothing deleted.
start_server "$data" "$scratch"
ls -R "$data/events" >"$scratch/tree.before"
"$bin" serve --lang en --delete-event "$second" --data-dir "$data" >"$scratch/out" 2>"$scratch/err"
rc=$?
[ $rc -eq 1 ] || fail "--delete-event while serving exited $rc, expected 1"
grep -q "a tsunagu serve is using this data folder" "$scratch/err" || fail "while serving it said: $(cat "$scratch/err")"
ls -R "$data/events" | cmp -s - "$scratch/tree.before" || fail "--delete-event while serving changed the events"
kill "$pid"; wait "$pid"; pid=""

# Deleted: the whole folder, with what an earlier deletion left.
mkdir -p "$data/events/.deleting-$third-0a1b2c3d/x" && echo x >"$data/events/.deleting-$third-0a1b2c3d/x/y"
"$bin" serve --delete-event "$second" --data-dir "$data" >"$scratch/out" 2>"$scratch/err"
rc=$?
[ $rc -eq 0 ] || fail "--delete-event exited $rc: $(cat "$scratch/err")"
grep -q "イベント $second を削除しました" "$scratch/out" || fail "--delete-event said: $(cat "$scratch/out")"
[ ! -s "$scratch/err" ] || fail "--delete-event wrote to stderr: $(cat "$scratch/err")"
left=$(ls -A "$data/events" | sort | tr '\n' ' ')
want=$(printf '%s\n%s\n%s\n%s\n' "$first" "$third" "$half" 20250314-101530-ab12 | sort | tr '\n' ' ')
[ "$left" = "$want" ] || fail "after the deletion the events folder holds: $left (expected $want)"
[ "$(ls -A "$data" | tr '\n' ' ')" = "events serve.lock " ] || fail "the data folder holds: $(ls -A "$data")"
"$bin" serve --list-events --data-dir "$data" | grep -q "$second" && fail "the deleted event is still listed"

# What is no event: status 1, nothing deleted.
for id in "$second" "../events" "$first/.." "20250314-101530-7F3A" ""; do
    "$bin" serve --lang en --delete-event "$id" --data-dir "$data" >/dev/null 2>"$scratch/err"
    rc=$?
    [ $rc -eq 1 ] || fail "--delete-event '$id' exited $rc, expected 1"
    grep -q "no event .* here (tsunagu serve --list-events lists them)" "$scratch/err" ||
        fail "--delete-event '$id' said: $(cat "$scratch/err")"
done
[ "$(ls -A "$data/events" | sort | tr '\n' ' ')" = "$want" ] || fail "a refused deletion removed something"
# The event without a readable meta.json is deleted like any other, the
# options in any order.
"$bin" serve --delete-event --data-dir "$data" "$half" >/dev/null || fail "--delete-event --data-dir DIR ID exited $?"
[ ! -e "$data/events/$half" ] || fail "the half-made event is still there"
# The planted link: removed itself, what it names kept.
"$bin" serve --delete-event=20250314-101530-ab12 --data-dir "$data" >/dev/null || fail "--delete-event of a link exited $?"
[ ! -e "$data/events/20250314-101530-ab12" ] || fail "the planted link is still there"
[ -f "$scratch/outside/meta.json" ] || fail "--delete-event of a link removed what it names"

# The command line.
"$bin" serve --list-events --delete-event "$first" --data-dir "$data" 2>/dev/null
[ $? -eq 2 ] || fail "--list-events with --delete-event is not a usage error"
for opts in "--port 8081" "--listen 127.0.0.1" "--solvers 2" "--time-limit 5" "--event x.json"; do
    # shellcheck disable=SC2086
    "$bin" serve --lang en --delete-event "$first" $opts --data-dir "$data" >/dev/null 2>"$scratch/err"
    rc=$?
    [ $rc -eq 2 ] || fail "--delete-event with $opts exited $rc, expected 2"
    grep -q -- "${opts%% *} is for the server: --list-events and --delete-event take only --data-dir and --lang" "$scratch/err" ||
        fail "--delete-event with $opts said: $(cat "$scratch/err")"
    # shellcheck disable=SC2086
    "$bin" serve --list-events $opts --data-dir "$data" >/dev/null 2>&1
    [ $? -eq 2 ] || fail "--list-events with $opts is not a usage error"
done
[ -d "$data/events/$first" ] || fail "a refused command line deleted the event"
"$bin" serve --lang en --delete-event --data-dir "$data" 2>"$scratch/err"
[ $? -eq 2 ] && grep -q "delete-event needs the event's id" "$scratch/err" ||
    fail "--delete-event without an id said: $(cat "$scratch/err")"
"$bin" serve --delete-event "$first" extra --data-dir "$data" 2>/dev/null
[ $? -eq 2 ] || fail "--delete-event with two ids is not a usage error"
"$bin" serve --delete-event "$first" --data-dir "$data" >/dev/null || fail "--delete-event ID --data-dir DIR exited $?"
[ ! -e "$data/events/$first" ] || fail "--delete-event ID --data-dir DIR did not delete"
"$bin" serve --help | grep -q -- "--delete-event 番号" || fail "--help does not mention --delete-event"
"$bin" serve --lang en --help | grep -q -- "--list-events" || fail "--help does not mention --list-events"
grep -q 'delete\\-event' "$src/man/tsunagu.1" || fail "man/tsunagu.1 does not mention --delete-event"
finish "serve --list-events / --delete-event"
