#!/bin/sh
# test_serve_hardening.sh - the page stays up under slow clients, and odd
# requests are refused (issue 18).  Once:
#   - 32 half-open connections from 127.0.0.1, each sending a header line
#     every few seconds, made every new request fail while they stayed;
#   - /index.html%00.png served index.html (the decoded path ended at NUL);
#   - a request with two Host headers was answered (the first won);
#   - the 413 for an oversized upload was half English.
# Now 64 such connections are open while a page load answers within 2 s;
# and 192 (all one address may open) are closed when their headers are
# late, the page answering again within 8 s.
#
# Called by ctest: test_serve_hardening.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# ctest-labels: timing
set -u
bin=$1
src=$2
scratch=$3
keep_going=1
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || { echo "cannot create $scratch"; exit 1; }
start_server "$scratch/data" "$scratch"

python3 - "$url" <<'PY' || fail "see above"
import socket, sys, threading, time, urllib.parse

url = sys.argv[1]
u = urllib.parse.urlparse(url)
host, port = u.hostname, u.port
bad = []

def raw(request, timeout=5):
    s = socket.create_connection((host, port), timeout=timeout)
    s.sendall(request)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    s.close()
    return data

def status(data):
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None

h = ("Host: %s:%d\r\n" % (host, port)).encode()
got = status(raw(b"GET /index.html%00.png HTTP/1.1\r\n" + h + b"Connection: close\r\n\r\n"))
if got != 400:
    bad.append("a %%00 in the path answered %s, expected 400" % got)
got = status(raw(b"GET / HTTP/1.1\r\n" + h + h + b"Connection: close\r\n\r\n"))
if got != 400:
    bad.append("two Host headers answered %s, expected 400" % got)
body = b"x" * (64 * 1024 * 1024)
s = socket.create_connection((host, port), timeout=30)
s.sendall(b"POST /api/events?name=a.csv HTTP/1.1\r\n" + h + b"X-Tsunagu: 1\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body))
try:
    s.sendall(body)  # read and discarded: the answer comes once it is in
except OSError:
    pass
reply = s.recv(65536)
s.close()
if status(reply) != 413 or b"the request is too large" in reply:
    bad.append("oversized upload: %r" % reply[:200])

# 64 slow clients: each sends a header line every 2 s and never finishes.
stop = threading.Event()
def slow():
    try:
        s = socket.create_connection((host, port), timeout=30)
        s.sendall(b"GET / HTTP/1.1\r\n" + h)
        while not stop.wait(2):
            s.sendall(b"X-Slow: 1\r\n")
    except OSError:
        pass
threads = [threading.Thread(target=slow, daemon=True) for _ in range(64)]
for t in threads:
    t.start()
time.sleep(3)
worst = 0
for _ in range(5):
    t0 = time.monotonic()
    got = status(raw(b"GET / HTTP/1.1\r\n" + h + b"Connection: close\r\n\r\n", timeout=5))
    took = time.monotonic() - t0
    worst = max(worst, took)
    if got != 200 or took > 2:
        bad.append("with 64 slow clients a page load answered %s in %.2f s" % (got, took))
        break
stop.set()
for t in threads:
    t.join()
print("worst page load beside 64 slow clients: %.3f s" % worst)

# As many slow clients as one address may open (192, from 127.0.0.1 like
# the page): once they held every place the page had, for as long as they
# kept sending a header line.  Now a request's headers must be in within
# 30 s, 5 s while more than 128 connections are open: they are closed and
# the page answers again within seconds.
stop = threading.Event()
opened, cut = [], []
lock = threading.Lock()
def slower():
    try:
        s = socket.create_connection((host, port), timeout=30)
    except OSError:
        return
    with lock:
        opened.append(time.monotonic())
    try:
        s.sendall(b"GET / HTTP/1.1\r\n" + h)
        s.settimeout(2)
        while not stop.is_set():
            try:
                if s.recv(1024) == b"":
                    break  # closed by the server
            except socket.timeout:
                pass
            s.sendall(b"X-Slow: 1\r\n")
    except OSError:
        pass  # reset by the server
    with lock:
        if not stop.is_set():
            cut.append(time.monotonic())
    s.close()
def page_status():
    try:
        return status(raw(b"GET / HTTP/1.1\r\n" + h + b"Connection: close\r\n\r\n", timeout=2))
    except OSError:
        return None  # refused: no place left
threads = [threading.Thread(target=slower, daemon=True) for _ in range(192)]
for t in threads:
    t.start()
for _ in range(100):
    if len(opened) == 192:
        break
    time.sleep(0.1)
t0 = time.monotonic()
if len(opened) != 192:
    bad.append("only %d of 192 slow clients could connect" % len(opened))
locked_out = page_status() != 200
back = None
while time.monotonic() - t0 < 30:
    if page_status() == 200:
        back = time.monotonic() - t0
        break
    time.sleep(0.25)
time.sleep(1)
n_cut = len(cut)
stop.set()
if back is None or back > 8:
    bad.append("beside 192 slow clients the page answered again after %s s (at most 8 expected)" % back)
# Late headers get 5 s only while more than 128 connections are open: at
# least the 64 over that are closed by then (the rest, once fewer are open,
# keep their 30 s; on a loaded machine the first sweep may not catch them
# all before the count falls).
if n_cut < 192 - 128:
    bad.append("the server closed %d of 192 slow clients (at least 64 expected)" % n_cut)
print("192 slow clients: the page %s at first, answered again after %s s; %d of them closed by the server"
      % ("was locked out" if locked_out else "answered", "%.1f" % back if back else "never", n_cut))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
finish "serve-hardening"
