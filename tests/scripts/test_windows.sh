#!/bin/sh
# test_windows.sh - the Windows build (tools/windows/build.sh) under Wine:
# the portable zip unpacks to tsunagu.exe, data/, the launcher and 使い方.txt;
# `check` and `solve` on the bundled sample and on a CP932 copy of it with a
# Japanese file name in a Japanese folder give the Linux build's plan byte
# for byte but the solver's timing (`seconds`), the same badge CSV and
# report; `chart` redraws from the Windows plan; `serve` answers on
# loopback with the page, takes the list and seats it through the API.
#
# Skipped (77) without the zip (build it with tools/windows/build.sh;
# TSUNAGU_WINDOWS_DIR names its folder, default SOURCE_ROOT/build-windows),
# without Wine, or when Wine cannot start a program here at all.
#
# Called by ctest: test_windows.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# ctest-labels: windows
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
keep_going=1

dir=${TSUNAGU_WINDOWS_DIR:-$src/build-windows}
zip=$(ls "$dir"/tsunagu-*-windows-x64.zip 2>/dev/null | head -n 1)
[ -n "$zip" ] || { echo "SKIP: no $dir/tsunagu-*-windows-x64.zip (tools/windows/build.sh)"; exit 77; }
command -v wine >/dev/null 2>&1 || { echo "SKIP: no wine (apt-get install wine)"; exit 77; }
command -v unzip >/dev/null 2>&1 || { echo "SKIP: no unzip"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || exit 2

export WINEPREFIX="$s/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8
unzip -q "$zip" -d "$s" || fail "cannot unzip $zip"
top="$s/$(basename "$zip" .zip)"
for f in tsunagu.exe つなぐを開く.bat 使い方.txt LICENSE.txt data/samples/attendees.csv \
         data/events/tsunagarou.json data/regions/chiba.json; do
    [ -f "$top/$f" ] || fail "the zip lacks $f"
done
exe="$top/tsunagu.exe"

# Wine itself: its first start makes the prefix (slow); a Wine that cannot
# run a program here is no verdict on ours.
if ! timeout 300 wine "$exe" --version >"$s/version" 2>"$s/version.err"; then
    cat "$s/version.err" >&2
    echo "SKIP: wine cannot run tsunagu.exe --version here"
    exit 77
fi
grep -q "^tsunagu " "$s/version" || fail "--version printed: $(cat "$s/version")"

# A Japanese folder and file name, the list in CP932 as Excel saves it.
jdir="$s/受付 名簿"
mkdir -p "$jdir"
cp "$src/data/samples/attendees.csv" "$s/attendees.csv"
iconv -f UTF-8 -t CP932 "$src/data/samples/attendees.csv" >"$jdir/参加者名簿.csv" ||
    fail "cannot make the CP932 copy"

# plan.json but the timing: the solver's seconds differ from run to run
strip_timing() { sed 's/"seconds": [0-9.e+-]*/"seconds": T/' "$1"; }
# the report's solver line names the seconds too
strip_html() { sed 's/、[0-9.]* 秒、/、T 秒、/g; s/, [0-9.]* s, /, T s, /g' "$1"; }

"$bin" solve "$s/attendees.csv" -o "$s/linux.json" --html "$s/linux.html" --csv "$s/linux.csv" \
    >"$s/linux.out" 2>&1 || fail "the Linux build's solve failed"

for input in "$s/attendees.csv" "$jdir/参加者名簿.csv"; do
    name=$(basename "$input" .csv)
    (cd "$s" && timeout 300 wine "$exe" check "$input") >"$s/$name.check" 2>&1 ||
        { cat "$s/$name.check"; fail "tsunagu.exe check $name failed"; }
    grep -q "参加者 100 人" "$s/$name.check" || fail "check $name: $(head -n 1 "$s/$name.check")"
    # outputs into the Japanese folder too
    timeout 300 wine "$exe" solve "$input" -o "$jdir/$name.json" --html "$jdir/$name.html" \
        --csv "$jdir/$name-badges.csv" >"$s/$name.solve" 2>&1 ||
        { cat "$s/$name.solve"; fail "tsunagu.exe solve $name failed"; continue; }
    # the input's name and digest differ for the CP932 copy: compare the rest
    strip_timing "$s/linux.json" | grep -v '"file":\|"sha256":' >"$s/linux.cmp"
    strip_timing "$jdir/$name.json" | grep -v '"file":\|"sha256":' >"$s/$name.cmp"
    cmp -s "$s/linux.cmp" "$s/$name.cmp" ||
        { diff "$s/linux.cmp" "$s/$name.cmp" | head -20; fail "the Windows plan of $name differs from the Linux plan"; }
    cmp -s "$s/linux.csv" "$jdir/$name-badges.csv" || fail "the Windows badge CSV of $name differs"
    grep -q "<h1>" "$jdir/$name.html" || fail "no report for $name"
    ls "$jdir" | grep -q '\.tmp\.' && fail "temporary files left in $jdir"
done
# with the same input file the plans agree on everything but the timing
strip_timing "$s/linux.json" >"$s/linux.full"
strip_timing "$jdir/attendees.json" | sed 's/"file": "[^"]*"/"file": F/' >"$s/win.full"
sed -i 's/"file": "[^"]*"/"file": F/' "$s/linux.full"
cmp -s "$s/linux.full" "$s/win.full" || fail "the plans of the same file differ beyond timing"
# the report (the date on paper aside: Wine has no Japanese era calendar)
strip_html "$s/linux.html" | grep -v 'class="meta"' >"$s/linux.hcmp"
strip_html "$jdir/attendees.html" | grep -v 'class="meta"' >"$s/win.hcmp"
cmp -s "$s/linux.hcmp" "$s/win.hcmp" ||
    { diff "$s/linux.hcmp" "$s/win.hcmp" | head -10; fail "the Windows report differs"; }

# chart from the Windows plan, as text, in English
timeout 300 wine "$exe" chart "$jdir/attendees.json" --format text --lang en >"$s/chart.txt" 2>&1 ||
    fail "tsunagu.exe chart failed"
"$bin" chart "$jdir/attendees.json" --format text --lang en >"$s/chart-linux.txt" 2>&1
tr -d '\r' <"$s/chart.txt" | cmp -s - "$s/chart-linux.txt" ||
    { diff "$s/chart-linux.txt" "$s/chart.txt" | head; fail "chart --format text differs"; }

# an output over an existing file is replaced (MoveFileExW), not refused
timeout 300 wine "$exe" solve "$s/attendees.csv" -o "$jdir/attendees.json" >/dev/null 2>&1 ||
    fail "solve over an existing plan failed"
# an output that is its input is refused, Windows having no inode numbers
timeout 300 wine "$exe" solve "$s/attendees.csv" -o "$s/attendees.csv" >/dev/null 2>"$s/same.err"
[ $? -eq 2 ] || fail "solve -o INPUT was not refused: $(cat "$s/same.err")"

# serve: the page and a solve through the API, on loopback
out="$s/serve.out"
timeout 300 wine "$exe" serve --port 0 --data-dir "$s/webdata" >"$out" 2>"$s/serve.err" &
spid=$!
url=""
i=0
while [ $i -lt 600 ]; do
    url=$(head -n 1 "$out" 2>/dev/null | tr -d '\r')
    case "$url" in http://*/) break ;; esac
    kill -0 "$spid" 2>/dev/null || break
    sleep 0.2
    i=$((i + 1))
done
case "$url" in
http://127.0.0.1:*/)
    python3 - "$url" "$s/attendees.csv" <<'PY' || fail "serve under Wine: the page or the API failed"
import json, sys, time, urllib.request
url, path = sys.argv[1], sys.argv[2]
def call(method, p, body=None, headers=None):
    h = {"X-Tsunagu": "1", "If-Match": "*"}
    h.update(headers or {})
    req = urllib.request.Request(url + p.lstrip("/"), data=body, method=method, headers=h)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, r.read()
st, page = call("GET", "/")
assert st == 200 and b"<html" in page.lower(), "no page"
st, body = call("POST", "/api/events?name=attendees.csv", open(path, "rb").read())
ev = json.loads(body)["id"]
st, body = call("POST", f"/api/events/{ev}/solve", json.dumps({"fresh": False}).encode(),
                {"Content-Type": "application/json"})
assert st == 202, st
for _ in range(600):
    st, body = call("GET", f"/api/events/{ev}/job")
    job = json.loads(body)
    if job.get("state") in ("done", "failed"):
        break
    time.sleep(0.2)
assert job.get("state") == "done", job
st, body = call("GET", f"/api/events/{ev}/plan.json")
plan = json.loads(body)
seated = sum(len(t.get("attendees", t.get("members", []))) for ses in plan["sessions"] for t in ses["tables"])
assert seated > 0, "nobody seated"
print("serve under Wine: page, upload, solve: ok,", seated, "seats")
PY
    ;;
*)
    cat "$s/serve.err" >&2
    fail "tsunagu.exe serve printed no address"
    ;;
esac
kill "$spid" 2>/dev/null
for ws in wineserver /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver; do
    command -v "$ws" >/dev/null 2>&1 && { "$ws" -k 2>/dev/null; break; }
done
wait "$spid" 2>/dev/null
# the data folder was made and holds the event
ls "$s/webdata/events" 2>/dev/null | grep -q . || fail "serve kept nothing in its data folder"

finish "Windows"
