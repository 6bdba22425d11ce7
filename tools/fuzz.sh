#!/bin/sh
# fuzz.sh - build the libFuzzer harnesses (fuzz/) with clang, ASan and UBSan,
# and run each for a bounded time on a corpus seeded from tests/data.
#
#   tools/fuzz.sh [SECONDS_EACH] [HARNESS...]
#
# SECONDS_EACH defaults to $FUZZ_SECONDS or 60.  Harnesses: roster_csv,
# roster_json, event, plan (default: all).  Build folder: $FUZZ_BUILD or
# build-fuzz.  The working corpus grows in $FUZZ_BUILD/corpus/<harness>
# (kept between runs); a crashing input is saved as
# $FUZZ_BUILD/artifacts/<harness>-crash-... and the script exits 1.
# Any crash, leak, sanitizer report, timeout (> 25 s for one input) or
# memory blow-up (> 2 GiB) counts as a failure.
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)

seconds=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
harnesses=${*:-roster_csv roster_json event plan}
build=${FUZZ_BUILD:-build-fuzz}

command -v clang >/dev/null || { echo "fuzz: clang is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DTSUNAGU_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_roster_csv fuzz_roster_json fuzz_event fuzz_plan >/dev/null

# seed DIR FILE...: copy the files into a corpus folder (names made unique).
seed() {
    dir=$1; shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')"
    done
}

# files_with TEXT: tracked data files containing TEXT.
files_with() {
    grep -rlF -- "$1" tests/data data fuzz/seeds 2>/dev/null || true
}

mkdir -p "$build/artifacts"
export TSUNAGU_DATA="$src/data"
failed=""
for h in $harnesses; do
    corpus="$build/corpus/$h"
    case $h in
    roster_csv)  seed "$corpus" $(find tests/data data fuzz/seeds -name '*.csv' 2>/dev/null) ;;
    roster_json) seed "$corpus" $(find tests/data fuzz/seeds -name 'attendees*.json' 2>/dev/null) ;;
    event)       seed "$corpus" $(files_with '"tsunagu-event"' | grep -v '\.py$') ;;
    plan)        seed "$corpus" $(files_with '"tsunagu-plan"' | grep -v '\.py$') ;;
    *) echo "fuzz: unknown harness '$h' (roster_csv, roster_json, event, plan)" >&2; exit 2 ;;
    esac
    dict=""
    case $h in roster_json|event|plan) dict="-dict=$src/fuzz/json.dict" ;; esac
    echo "== fuzz_$h for ${seconds}s ($(ls "$corpus" | wc -l) inputs in the corpus)"
    log="$build/artifacts/$h.log"
    # detect_leaks: a leak is a finding like a crash.
    if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$build/fuzz/fuzz_$h" "$corpus" $dict -max_total_time="$seconds" -timeout=25 \
           -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
           -artifact_prefix="$build/artifacts/$h-" >"$log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done' "$log" | tr '\n' ' '; echo
    else
        echo "fuzz: fuzz_$h FAILED; the end of its log ($log):" >&2
        tail -n 40 "$log" >&2
        failed="$failed $h"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: findings in:$failed (inputs in $build/artifacts/)" >&2
    exit 1
fi
echo "fuzz: no findings"
