#!/bin/sh
# test_web_e2e.sh - `tsunagu serve` end to end: the page driven in headless
# Chromium (playwright-core, tests/e2e/web.mjs) uploads a list, solves, drags
# one person, seats a walk-in, removes a cancellation, gives a role by click
# and downloads each plan,
# which the independent checker (tests/checker/check_plan.py) checks.  Then
# the server is stopped (it must exit cleanly) and started again on the same
# data folder: the last plan must reopen unchanged.  Then two tabs on one
# event: an out-of-date tab's changes are refused with what changed and store
# nothing; a drag across tracks offers no target; a move that cannot hold
# changes nothing.  Then the page's own items: 最初から作り直す only with a
# plan, rule checkboxes in one order, the day's name, date and venue edited
# on the page heading the printouts, the print view's print button, the
# same colours on screen and paper, groups by their labels, a refused
# replacement list without the green "usable" line.  Then a day with a
# 3-round morning: rounds in the settings, a tab per round, the desk's
# search with itineraries, swaps in later rounds, the desk in every round.
# Then the events list
# (with solves running and waiting: listed, marked), an event renamed and
# deleted through the page's dialogs (refused while its solve waits; then
# its folder gone, nothing left beside it).  Screenshots (the room map: web-room-map.png; the
# conflict: web-conflict.png) are kept in the scratch folder.
#
# Called by ctest: test_web_e2e.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (chromium, node, python3 or
# tests/e2e/node_modules missing: run `npm ci` in tests/e2e, as tools/setup.sh does).
# ctest-labels: chromium
set -u
bin=$1
src=$2
scratch=$3

chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "SKIPPED: no chromium at $chromium (Debian: apt install chromium)"; exit 77; }
command -v node >/dev/null 2>&1 || { echo "SKIPPED: node is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIPPED: python3 is not installed"; exit 77; }
[ -d "$src/tests/e2e/node_modules/playwright-core" ] ||
  { echo "SKIPPED: run 'npm ci' in $src/tests/e2e (tools/setup.sh does)"; exit 77; }

fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch" || exit 2
scratch=$(cd "$scratch" && pwd)
data="$scratch/data"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT

# start_server: any free port; the first line it prints is its address.
start_server() {
  # The background job truncates serve.out only once it runs: remove the
  # last server's address first, or a busy machine reads the old port.
  rm -f "$scratch/serve.out"
  "$bin" serve --port 0 --data-dir "$data" "$@" >"$scratch/serve.out" 2>>"$scratch/serve.err" &
  pid=$!
  i=0
  url=""
  while [ $i -lt 100 ]; do
    url=$(head -n 1 "$scratch/serve.out" 2>/dev/null)
    case "$url" in http://*/) break ;; esac
    kill -0 "$pid" 2>/dev/null || { cat "$scratch/serve.err"; fail "tsunagu serve exited"; }
    sleep 0.1
    i=$((i + 1))
  done
  case "$url" in http://127.0.0.1:*/) ;; *) fail "tsunagu serve printed no loopback address: '$url'" ;; esac
}

# stop_server: SIGTERM, then it must exit 0 within the solve time limit.
stop_server() {
  kill -TERM "$pid"
  wait "$pid"
  rc=$?
  pid=""
  [ $rc -eq 0 ] || { cat "$scratch/serve.err"; fail "tsunagu serve exited $rc on SIGTERM"; }
}

run_phase() {
  (cd "$src/tests/e2e" && CHROMIUM=$chromium timeout 600 node web.mjs "$1" "$url" "$bin" "$src" "$scratch") ||
    { echo "--- server log"; cat "$scratch/serve.err"; fail "phase $1"; }
}

start_server
echo "server: $url"
# The server refuses other Host names (DNS rebinding) and cross-site changes.
if command -v curl >/dev/null 2>&1; then
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example:80' "$url")
  [ "$code" = 421 ] || fail "a foreign Host header got $code, expected 421"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$src/data/samples/attendees.csv" "${url}api/events")
  [ "$code" = 403 ] || fail "a POST without the page's header got $code, expected 403"
  code=$(curl -s -o /dev/null -w '%{http_code}' "${url}api/events/..%2F..%2Fetc/plan.json")
  [ "$code" = 404 ] || fail "a made-up event path got $code, expected 404"
  head -c 17000000 /dev/zero >"$scratch/big.bin"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Tsunagu: 1' -X POST --data-binary @"$scratch/big.bin" "${url}api/events")
  [ "$code" = 413 ] || fail "a 17 MB upload got $code, expected 413"
  rm -f "$scratch/big.bin"
  echo "server refuses foreign hosts (421), cross-site changes (403), bad ids (404), big uploads (413)"
fi
run_phase main
stop_server
start_server
run_phase reopen
# Two tabs on one event (the reopened list above is left as it was).
run_phase tabs
# The page's own items (issue 15) on an event of their own.
run_phase page
# A session with rounds (issue 16) on an event of its own.
run_phase rounds
stop_server
# The events list, renaming and deleting (issue 18): one solver, so that
# solves wait their turn.
start_server --solvers 1
run_phase events
stop_server
ls "$data"/events/*/plan-0004.json >/dev/null 2>&1 || fail "no plan-0004.json kept in the data folder"
echo "PASS"
