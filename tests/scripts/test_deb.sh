#!/bin/sh
# test_deb.sh - the Debian package (tools/deb.sh): unpacked into a scratch
# root with dpkg -x, it holds the command, its man page and the bundled
# data; its control file names the libraries it needs; the command runs
# from there, looks for its data in /usr/share/tsunagu (not in the source
# tree it was built from) and seats the bundled sample from the unpacked
# data.  .ci/run also installs it for real with apt-get.
#
# Skipped (77) without the package (tools/deb.sh; TSUNAGU_DEB_DIR names its
# folder, default SOURCE_ROOT/build-deb) or without dpkg.
#
# Called by ctest: test_deb.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
keep_going=1

dir=${TSUNAGU_DEB_DIR:-$src/build-deb}
deb=$(ls "$dir"/tsunagu_*_amd64.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "SKIP: no $dir/tsunagu_*_amd64.deb (tools/deb.sh)"; exit 77; }
command -v dpkg >/dev/null 2>&1 || { echo "SKIP: no dpkg"; exit 77; }
rm -rf "$s" && mkdir -p "$s/root" || exit 2
dpkg -x "$deb" "$s/root" || fail "dpkg -x failed"
r="$s/root"
for f in usr/bin/tsunagu usr/share/man/man1/tsunagu.1 usr/share/tsunagu/events/tsunagarou.json \
         usr/share/tsunagu/regions/chiba.json usr/share/tsunagu/samples/attendees.csv \
         usr/include/tsunagu/tsunagu.h; do
    [ -f "$r/$f" ] || fail "the package lacks /$f"
done
dpkg-deb -f "$deb" Depends >"$s/depends"
for lib in libglpk libjansson libcsv libutf8proc libmicrohttpd libicu libnettle; do
    grep -q "$lib" "$s/depends" || fail "Depends lacks $lib: $(cat "$s/depends")"
done
version=$(dpkg-deb -f "$deb" Version)
"$r/usr/bin/tsunagu" --version | grep -qx "tsunagu $version" || fail "--version is not $version"
# the data path compiled in is the installed one, never the source tree
grep -q "/usr/share/tsunagu" "$r/usr/bin/tsunagu" || fail "the binary does not name /usr/share/tsunagu"
grep -q "$src/data" "$r/usr/bin/tsunagu" && fail "the packaged binary names the source tree $src/data"
TSUNAGU_DATA="$r/usr/share/tsunagu" "$r/usr/bin/tsunagu" solve "$r/usr/share/tsunagu/samples/attendees.csv" \
    -o "$s/plan.json" >"$s/solve.out" 2>&1 || { cat "$s/solve.out"; fail "solve from the package failed"; }
grep -q '"sessions"' "$s/plan.json" || fail "no plan written"
finish "Debian package"
