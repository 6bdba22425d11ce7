# lib.sh - what the script tests share; sourced, not a test itself
# (ctest runs tests/scripts/test_*.sh only).

# fail MESSAGE: say it and stop, or, in a script that set keep_going=1
# before sourcing this, count it and go on (finish then gives the verdict).
failures=0
fail() {
    echo "FAIL: $*" >&2
    [ -n "${keep_going:-}" ] || exit 1
    failures=$((failures + 1))
}

# finish WHAT: exit 1 when any check failed, else say WHAT passed.
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s)" >&2
        exit 1
    fi
    echo "all $1 checks passed"
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

# run_solver_unittest MODULE: the Python tests tests/solver/MODULE.py
# against $bin, their temporary folders under $scratch (exec: its status
# is the test's; 77 when python3 is missing).
run_solver_unittest() {
    command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
    [ -x "$bin" ] || fail "no tsunagu binary at $bin"
    rm -rf "$scratch" && mkdir -p "$scratch" || fail "cannot create $scratch"
    TSUNAGU=$bin TSUNAGU_SRC=$src TMPDIR=$scratch
    export TSUNAGU TSUNAGU_SRC TMPDIR
    cd "$src/tests/solver" || exit 1
    exec python3 -m unittest -v "$1"
}
