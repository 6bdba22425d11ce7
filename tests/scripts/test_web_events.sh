#!/bin/sh
# test_web_events.sh - the events of `tsunagu serve`'s data folder through its
# API (tests/scripts/web_events.py, issue 18): listed with name, date, size
# and their pending solves, even while solves wait their turn; renamed (one
# line, no text direction controls, at most 200 characters, If-Match);
# deleted for good, the whole folder and nothing left beside it, refused
# while a solve of the event runs or waits (every file kept), never brought
# back by a solve; an event folder appears whole (never without its
# meta.json); a link planted in place of an event's folder is no event and
# nothing is written through it.  Then what a deletion or an upload cut
# short by a crash leaves (.deleting-*, .creating-*, a folder without
# meta.json, staged *.tmp.* files) is removed when the server starts again,
# the other events kept byte for byte; and kill -9 during uploads leaves, after
# the next start, whole events only.
#
# Called by ctest: test_web_events.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (python3 missing).
set -u
bin=$1
src=$2
scratch=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
# Three lists of 3000: with one solver the last waits for two solves of
# seconds each, long enough to be refused while waiting.
for seed in 1 2 3; do
    python3 "$src/tools/gen" --count 3000 --seed $seed -o "$scratch/big$seed.csv" || fail "tools/gen"
done
data="$scratch/data"
start_server "$data" "$scratch" --solvers 1
python3 "$src/tests/scripts/web_events.py" "$url" "$src/data/samples/attendees.csv" "$data" \
    "$scratch/big1.csv" "$scratch/big2.csv" "$scratch/big3.csv" ||
    { echo "--- server log"; cat "$scratch/serve.err"; fail "see above"; }

stop() {
    kill "$pid"
    status=0
    wait "$pid" || status=$?
    pid=""
    [ "$status" -eq 0 ] || { cat "$scratch/serve.err"; fail "tsunagu serve exited $status when stopped"; }
}
stop

# A deletion cut short: the folder hidden, some files still in it.
left="$data/events/.deleting-20250314-101530-7f3a-0a1b2c3d"
mkdir -p "$left/nested" || fail "mkdir"
echo "名前,職種" >"$left/upload-0001.dat"
echo "{}" >"$left/nested/plan-0001.json"
ls "$data/events" | grep -v '^\.' >"$scratch/kept.before"
(cd "$data/events" && find . -path './.deleting-*' -prune -o -type f -print | sort | xargs cat) >"$scratch/bytes.before"
# Uploads cut short by kill -9 (the attendee list on its way in): an event
# being made, a folder of an older server that never got its meta.json,
# a replacement list staged in an event.  No event, personal data: gone at
# the next start.
making="$data/events/.creating-0a1b2c3d"
half="$data/events/20250314-101530-0bad"
kept=$(head -n 1 "$scratch/kept.before")
mkdir -p "$making" "$half" || fail "mkdir"
cp "$src/data/samples/attendees.csv" "$making/upload-0001.dat.tmp.4242.1"
cp "$src/data/samples/attendees.csv" "$half/upload-0001.dat"
cp "$src/data/samples/attendees.csv" "$half/check.json.tmp.4242.2"
cp "$src/data/samples/attendees.csv" "$data/events/$kept/upload-0009.dat.tmp.4242.3"
start_server "$data" "$scratch"
[ ! -e "$left" ] || fail "the hidden folder of a deletion cut short is still there after a start"
[ ! -e "$making" ] || fail "an event being made when the server was killed is still there after a start"
[ ! -e "$half" ] || fail "a folder without meta.json (never an event) is still there after a start"
[ ! -e "$data/events/$kept/upload-0009.dat.tmp.4242.3" ] || fail "a staged file is still there after a start"
ls -A "$data/events" >"$scratch/kept.after"
cmp -s "$scratch/kept.before" "$scratch/kept.after" ||
    { diff "$scratch/kept.before" "$scratch/kept.after"; fail "the start changed the events kept"; }
(cd "$data/events" && find . -type f -print | sort | xargs cat) >"$scratch/bytes.after"
cmp -s "$scratch/bytes.before" "$scratch/bytes.after" || fail "the start changed a file of the events kept"
stop

# kill -9 while lists come in (new events and a replacement list), at
# moments spread over the upload: after the next start every folder named
# by an id is a whole event, and nothing else of a list is left.
if command -v curl >/dev/null 2>&1; then
    some=$(head -n 1 "$scratch/kept.before")
    for delay in 0.02 0.05 0.08 0.11 0.14 0.17 0.2 0.25; do
        start_server "$data" "$scratch"
        curl -s -o /dev/null -H 'X-Tsunagu: 1' --data-binary @"$scratch/big1.csv" "${url}api/events?name=big.csv" &
        up1=$!
        curl -s -o /dev/null -H 'X-Tsunagu: 1' -H 'If-Match: *' --data-binary @"$scratch/big2.csv" \
            "${url}api/events/$some/attendees?name=big.csv" &
        up2=$!
        sleep "$delay"
        kill -9 "$pid"
        wait "$pid" 2>/dev/null
        wait "$up1" "$up2" 2>/dev/null
        pid=""
        start_server "$data" "$scratch"
        stop
        for folder in "$data"/events/* "$data"/events/.[!.]*; do
            [ -e "$folder" ] || continue
            case "${folder##*/}" in
            [0-9]*) [ -f "$folder/meta.json" ] || fail "after kill -9 at $delay s: ${folder##*/} has no meta.json" ;;
            *) fail "after kill -9 at $delay s and a start: ${folder##*/} is left" ;;
            esac
        done
        left=$(find "$data/events" -name '*.tmp.*' | head -n 1)
        [ -z "$left" ] || fail "after kill -9 at $delay s and a start: $left is left"
    done
fi
echo "PASS"
