#!/bin/bash
# build.sh - cross-compile tsunagu.exe for x86-64 Windows 10/11 on Debian 12
# and pack the portable zip.
#
#   tools/windows/build.sh [BUILD_DIR]      (default: build-windows)
#
# Installs Debian's mingw-w64 (and dpkg-dev, zip) when missing, enables the
# deb-src lines of Debian's archive (a file of its own in
# /etc/apt/sources.list.d/), then builds each library tsunagu links from its
# Debian source package (`apt-get source`, Debian's patches applied) as a
# static library for Windows: GLPK, jansson, libcsv, utf8proc,
# libmicrohttpd and nettle.  Nothing prebuilt comes from elsewhere and no
# copy of those libraries lives in this repository.  ICU and iconv are not
# built: on Windows the program uses what Windows provides (docs/windows.md).
#
# Each built library is kept in ~/.cache/tsunagu-windows/ (or
# $TSUNAGU_WINDOWS_CACHE) under its source package's version and the
# compiler's, so a second run only builds tsunagu itself.
#
# Output: BUILD_DIR/tsunagu.exe and BUILD_DIR/tsunagu-VERSION-windows-x64.zip
# (layout in tools/windows/package.sh).  Exit status: 0 built, 1 the build
# failed, 75 a package or source package could not be fetched (network:
# .ci/run then skips the Windows test rather than fail).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/build-windows}")"
HOST=x86_64-w64-mingw32
CC_WIN=$HOST-gcc-posix
CACHE="${TSUNAGU_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tsunagu-windows}"
JOBS="${JOBS:-$(nproc)}"
DEPS="glpk jansson libcsv utf8proc libmicrohttpd nettle"
# Part of every cached library's folder name: raise it when a recipe in
# build_one changes, so that the libraries are built again.
RECIPE=2

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
log() { echo "windows: $*"; }

# ---- tools -------------------------------------------------------------
need=""
for p in mingw-w64 dpkg-dev cmake make pkg-config zip autoconf automake libtool autotools-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  log "installing$need"
  { $SUDO apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need; } ||
    { echo "windows: cannot install$need" >&2; exit 75; }
fi

# ---- deb-src -------------------------------------------------------------
# Debian 12 lists its archive in deb822 form (debian.sources, "Types: deb").
# The same entries with "Types: deb-src", in a file of our own.
SRC_LIST=/etc/apt/sources.list.d/tsunagu-deb-src.sources
have_src() { [ -n "$(apt-cache showsrc glpk 2>/dev/null | sed -n 's/^Version: //p' | head -1)" ]; }
if ! have_src; then
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && \
     ! grep -qs '^deb-src' /etc/apt/sources.list; then
    base=/etc/apt/sources.list.d/debian.sources
    [ -r "$base" ] || { echo "windows: no $base to take the deb-src lines from" >&2; exit 1; }
    log "enabling deb-src in $SRC_LIST"
    sed 's/^Types: .*/Types: deb-src/' "$base" | $SUDO tee "$SRC_LIST" >/dev/null
  fi
  $SUDO apt-get update -qq || { echo "windows: apt-get update failed" >&2; exit 75; }
fi

ccver="$($CC_WIN -dumpfullversion)"
PREFIX="$OUT/deps"            # every built library, merged, for this build
rm -rf "$PREFIX"
mkdir -p "$PREFIX" "$CACHE"

# configure-based libraries: static only, for Windows
configure_win() {
  # Debian's build refreshes config.sub/config.guess (dh_update_autotools_config)
  for f in config.sub config.guess; do
    find . -name $f -exec cp /usr/share/misc/$f {} \;
  done
  ./configure --build="$(dpkg-architecture -qDEB_BUILD_GNU_TYPE)" --host=$HOST --prefix="$1" --disable-shared --enable-static \
    CC=$CC_WIN AR=$HOST-gcc-ar-posix RANLIB=$HOST-gcc-ranlib-posix CFLAGS="-O2" "${@:2}" >/dev/null
}

# CMake-based libraries: static only, for Windows
cmake_win() {
  cmake -S . -B _win -DCMAKE_TOOLCHAIN_FILE="$ROOT/tools/windows/mingw-w64-x86_64.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$1" -DBUILD_SHARED_LIBS=OFF "${@:2}" >/dev/null
  cmake --build _win -j"$JOBS" >/dev/null && cmake --install _win >/dev/null
}

build_one() { # $1 package, $2 its source tree, $3 install prefix
  case "$1" in
    glpk)
      # GLPK calls POSIX strerror_r and gmtime_r; Windows' C library has
      # strerror_s and gmtime_s
      printf '%s\n' '#include <string.h>' '#include <time.h>' \
        '#define strerror_r(e, s, n) strerror_s(s, n, e)' \
        '#define gmtime_r(t, r) (gmtime_s(r, t) == 0 ? (r) : NULL)' > win-compat.h
      configure_win "$3" --without-gmp --disable-dl --disable-odbc --disable-mysql \
        CFLAGS="-O2 -include $2/win-compat.h"
      make -s -C src -j"$JOBS" >/dev/null && make -s -C src install >/dev/null ;;
    jansson)
      cmake_win "$3" -DJANSSON_BUILD_DOCS=OFF -DJANSSON_EXAMPLES=OFF -DJANSSON_WITHOUT_TESTS=ON \
        -DJANSSON_BUILD_SHARED_LIBS=OFF ;;
    libcsv)
      [ -x configure ] || autoreconf -fi >/dev/null
      configure_win "$3"
      make -s -j"$JOBS" >/dev/null && make -s install >/dev/null ;;
    utf8proc)
      cmake_win "$3" -DUTF8PROC_INSTALL=ON -DUTF8PROC_ENABLE_TESTING=OFF ;;
    libmicrohttpd)
      configure_win "$3" --disable-https --without-gnutls --disable-curl --disable-doc \
        --disable-examples --disable-tools --disable-nls
      make -s -C src/microhttpd -j"$JOBS" >/dev/null && make -s -C src/microhttpd install >/dev/null
      make -s -C src/include install >/dev/null
      make -s install-pkgconfigDATA >/dev/null ;;
    nettle)
      # SHA-256 only: no public-key half (that would need GMP)
      configure_win "$3" --disable-public-key --disable-assembler --disable-documentation \
        --disable-openssl --disable-fat
      make -s -j"$JOBS" libnettle.a >/dev/null && make -s install-headers install-static install-pkgconfig >/dev/null ;;
  esac
}

for pkg in $DEPS; do
  ver="$(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -V | tail -1)"
  [ -n "$ver" ] || { echo "windows: no source package $pkg" >&2; exit 1; }
  dest="$CACHE/gcc-$ccver-r$RECIPE/$pkg-$ver"
  if [ ! -f "$dest/.built" ]; then
    log "building $pkg $ver from its Debian source package"
    work="$(mktemp -d)"
    (cd "$work" && apt-get source -qq "$pkg=$ver" >/dev/null 2>&1) || {
      echo "windows: apt-get source $pkg=$ver failed (network?)" >&2; rm -rf "$work"; exit 75; }
    tree="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)"
    rm -rf "$dest" && mkdir -p "$dest"
    if ! (cd "$tree" && build_one "$pkg" "$tree" "$dest") >"$work.log" 2>&1; then
      tail -30 "$work.log" >&2; echo "windows: building $pkg failed" >&2; exit 1
    fi
    touch "$dest/.built"
    rm -rf "$work" "$work.log"
  else
    log "$pkg $ver: cached"
  fi
  cp -a "$dest/." "$PREFIX/"
done

# ---- tsunagu -----------------------------------------------------------------
log "building tsunagu.exe"
export TSUNAGU_WIN_PREFIX="$PREFIX"
export PKG_CONFIG_LIBDIR="$PREFIX/lib/pkgconfig" PKG_CONFIG_PATH=""
cmake -S "$ROOT" -B "$OUT/build" -DCMAKE_TOOLCHAIN_FILE="$ROOT/tools/windows/mingw-w64-x86_64.cmake" \
  -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
cmake --build "$OUT/build" -j"$JOBS" --target tsunagu
cp "$OUT/build/tsunagu.exe" "$OUT/tsunagu.exe"
$HOST-strip "$OUT/tsunagu.exe"

"$ROOT/tools/windows/package.sh" "$OUT"
