# lib.sh - what the script tests share; sourced, not a test itself
# (ctest runs tests/scripts/test_*.sh only).

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# start_server DATA_DIR OUT_DIR [ARGS...]: tsunagu serve on any free port,
# sets $pid and $url (its first line), kills it on exit.  Its output is
# OUT_DIR/serve.out and serve.err; the old address is removed first (the
# background job truncates serve.out only once it runs).
start_server() {
    data=$1
    logs=$2
    shift 2
    rm -f "$logs/serve.out"
    "$bin" serve --port 0 --data-dir "$data" "$@" >"$logs/serve.out" 2>>"$logs/serve.err" &
    pid=$!
    trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT
    i=0
    url=""
    while [ $i -lt 100 ]; do
        url=$(head -n 1 "$logs/serve.out" 2>/dev/null)
        case "$url" in http://*/) break ;; esac
        kill -0 "$pid" 2>/dev/null || { cat "$logs/serve.err"; fail "tsunagu serve exited"; }
        sleep 0.1
        i=$((i + 1))
    done
    case "$url" in http://127.0.0.1:*/) ;; *) fail "tsunagu serve printed no loopback address: '$url'" ;; esac
}
