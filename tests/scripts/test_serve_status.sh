#!/bin/sh
# test_serve_status.sh - `tsunagu serve` on a port another server holds
# exits 1 with our one message (no libmicrohttpd line before it), naming the
# address and port and saying the port is in use.
#
# Called by ctest: test_serve_status.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
scratch=$3

fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch" || exit 2
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT

"$bin" serve --port 0 --data-dir "$scratch/one" >"$scratch/one.out" 2>"$scratch/one.err" &
pid=$!
i=0
url=""
while [ $i -lt 100 ]; do
  url=$(head -n 1 "$scratch/one.out" 2>/dev/null)
  case "$url" in http://*/) break ;; esac
  kill -0 "$pid" 2>/dev/null || { cat "$scratch/one.err"; fail "the first tsunagu serve exited"; }
  sleep 0.1
  i=$((i + 1))
done
port=${url##*:}
port=${port%/}
case "$port" in ''|*[!0-9]*) fail "no port in '$url'" ;; esac

"$bin" serve --lang en --port "$port" --data-dir "$scratch/two" >"$scratch/two.out" 2>"$scratch/two.err"
rc=$?
[ $rc -eq 1 ] || fail "serve on a busy port exited $rc, expected 1"
want="cannot listen on 127.0.0.1 port $port: another program is using that port (choose another with --port)"
printf '%s\n' "$want" | cmp -s - "$scratch/two.err" ||
  { echo "--- stderr:"; cat "$scratch/two.err"; fail "expected exactly: $want"; }
[ ! -s "$scratch/two.out" ] || fail "serve on a busy port printed an address"
echo "busy port: status 1, one message"
