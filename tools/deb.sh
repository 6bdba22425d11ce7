#!/bin/sh
# deb.sh - the Debian package: tools/deb.sh [BUILD_DIR] (default build-deb)
# builds tsunagu for /usr (the bundled data looked for in
# /usr/share/tsunagu only) and writes BUILD_DIR/tsunagu_VERSION_amd64.deb
# with `cpack -G DEB`: the command, its man page, the data, the headers and
# libtsunagu.a; its dependencies found by dpkg-shlibdeps (dpkg-dev).
# Install it with `apt-get install ./build-deb/tsunagu_*.deb`.
set -eu
cd "$(dirname "$0")/.."
out=${1:-build-deb}
command -v dpkg-shlibdeps >/dev/null 2>&1 || {
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends dpkg-dev
}
cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DTSUNAGU_SOURCE_DATA=OFF -DBUILD_TESTING=OFF >/dev/null
cmake --build "$out" -j"$(nproc)" >/dev/null
(cd "$out" && cpack -G DEB >/dev/null)
ls "$out"/tsunagu_*_amd64.deb
