#!/bin/sh
# test_serve_parallel.sh - `tsunagu serve` solves two events at once and
# never makes a read wait for a solve.  Two generated lists of 2,000
# attendees are solved side by side (both jobs "running" at the same moment
# when the machine has two processors); meanwhile the event list, a third
# event, its plan and the solving events themselves are read again and
# again: the median read must answer within 50 ms (the worst is printed).
# Changes to a solving event are refused (409), never queued behind it.
#
# Called by ctest: test_serve_parallel.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (python3 missing).
# Labelled "timing": it measures wall time, which valgrind's slowdown voids.
# ctest-labels: timing
set -u
bin=$1
src=$2
scratch=$3
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
for seed in 1 2; do
    python3 "$src/tools/gen" --count 2000 --seed $seed -o "$scratch/big$seed.csv" || fail "tools/gen"
done

start_server "$scratch/data" "$scratch"

python3 - "$url" "$scratch" "$src/data/samples/attendees.csv" <<'PY' || fail "see above"
import json, os, statistics, sys, time, urllib.error, urllib.request

url, scratch, sample = sys.argv[1], sys.argv[2], sys.argv[3]

def call(method, path, body=None):
    req = urllib.request.Request(url + path.lstrip("/"), data=body, method=method,
                                 headers={"X-Tsunagu": "1", "If-Match": "*"})
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            data, status = r.read(), r.status
    except urllib.error.HTTPError as e:
        data, status = e.read(), e.code
    return status, data, time.monotonic() - t0

def new_event(path):
    status, data, _ = call("POST", "api/events?name=" + os.path.basename(path), open(path, "rb").read())
    assert status == 201, (status, data)
    return json.loads(data)["id"]

def job(eid):
    return json.loads(call("GET", f"api/events/{eid}/job")[1])["state"]

small = new_event(sample)
status, _, _ = call("POST", f"api/events/{small}/solve", b"{}")
while job(small) in ("queued", "running"):
    time.sleep(0.05)
assert job(small) == "done"
big = [new_event(os.path.join(scratch, f"big{k}.csv")) for k in (1, 2)]

for eid in big:
    status, data, _ = call("POST", f"api/events/{eid}/solve", b"{}")
    assert status == 202, (status, data)
reads = ["api/events", f"api/events/{small}", f"api/events/{small}/plan.json",
         f"api/events/{big[0]}", f"api/events/{big[1]}/job"]
times, both_running, refused = [], False, None
while True:
    states = [job(e) for e in big]
    both_running |= states == ["running", "running"]
    if not any(s in ("queued", "running") for s in states):
        break
    if refused is None:
        refused = call("POST", f"api/events/{big[0]}/unpin", b'{"attendee": "1"}')[0]
    for path in reads:
        status, _, secs = call("GET", path)
        assert status == 200, (path, status)
        times.append(secs)
assert all(job(e) == "done" for e in big), [job(e) for e in big]
assert refused in (409, None), refused
cpus = os.cpu_count() or 1
if cpus >= 2 and not both_running:
    print(f"FAIL: the two solves never ran at the same time ({cpus} processors)")
    sys.exit(1)
if len(times) < 10:
    print(f"FAIL: only {len(times)} reads during the solves: too short to judge")
    sys.exit(1)
median = statistics.median(times)
print(f"{len(times)} reads during two solves: median {median * 1000:.1f} ms, "
      f"worst {max(times) * 1000:.1f} ms; both running at once: {both_running}; "
      f"a change to a solving event: {refused}")
if median > 0.05:
    print("FAIL: the median read took more than 50 ms")
    sys.exit(1)
PY
echo "PASS"
