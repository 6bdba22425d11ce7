#!/bin/sh
# test_public_library.sh - the library as installed (build/src/public/
# libtsunagu.a) exports the public API only: every global symbol it defines
# is tsunagu_*, none of the private helpers (strbuf_*, lp_*, web_*, ...)
# that would clash with a program's own.  A small program using only
# include/tsunagu links against it and seats the bundled sample.
#
# Called by ctest: test_public_library.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
lib="$(dirname "$bin")/src/public/libtsunagu.a"
[ -f "$lib" ] || { echo "SKIP: no $lib (built by the tsunagu_public_lib target)"; exit 77; }
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm not found"; exit 77; }
rm -rf "$s" && mkdir -p "$s" || fail "cannot create $s"

nm -g --defined-only "$lib" | awk 'NF == 3 && $2 ~ /[A-Z]/ {print $3}' | grep -v '^tsunagu_' >"$s/private" || true
if [ -s "$s/private" ]; then
    head -20 "$s/private" >&2
    fail "the installed library exports $(wc -l <"$s/private") symbols outside tsunagu_ (above)"
fi
n=$(nm -g --defined-only "$lib" | grep -c ' T tsunagu_')
[ "$n" -gt 50 ] || fail "only $n public functions: the library is not all there"

command -v cc >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1 ||
    { echo "SKIP: no cc or pkg-config for the link test"; exit 77; }
cat >"$s/use.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include "tsunagu/tsunagu.h"
/* A program with helpers of the same names as the library's own. */
void strbuf_add(void) {}
int lp_solve(void) { return 0; }
int main(int argc, char **argv)
{
    (void)argc;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_roster *r = rg ? tsunagu_roster_read_file(argv[1], rg, NULL, d) : NULL;
    tsunagu_event *e = tsunagu_event_load_default(d);
    tsunagu_plan *p = NULL;
    int rc = r && e ? tsunagu_solve(r, rg, e, NULL, &p, d) : -1;
    tsunagu_diags_print(d, stderr);
    printf("%d %d\n", rc, p ? p->n_sessions : -1);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
    return rc == 0 ? 0 : 1;
}
C
# a sanitizer build's library needs the same runtime in the program
san=""
nm "$lib" 2>/dev/null | grep -q ' U __asan_' && san="-fsanitize=address,undefined"
nm "$lib" 2>/dev/null | grep -q ' U __tsan_' && san="-fsanitize=thread"
libs=$(pkg-config --libs jansson libutf8proc nettle libmicrohttpd icu-i18n icu-uc 2>/dev/null) ||
    libs="-ljansson -lutf8proc -lnettle -lmicrohttpd -licui18n -licuuc -licudata"
cc -std=c11 $san -I"$src/include" "$s/use.c" "$lib" -lglpk $libs -lcsv -lpthread -lm -o "$s/use" 2>"$s/cc.err" ||
    { cat "$s/cc.err" >&2; fail "a program with its own strbuf_add and lp_solve does not link"; }
out=$(TSUNAGU_DATA="$src/data" "$s/use" "$src/data/samples/attendees.csv") || fail "the program failed: $out"
[ "$out" = "0 3" ] || fail "unexpected output: $out"
echo "PASS ($n public functions, no private symbol exported)"
