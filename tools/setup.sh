#!/bin/sh
# setup.sh - install what tsunagu needs on Debian (only what is missing),
# then build it in ./build.  Safe to run again.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="build-essential cmake pkg-config libglpk-dev libjansson-dev libcsv-dev
libutf8proc-dev libicu-dev nettle-dev libmicrohttpd-dev libcmocka-dev python3 nodejs poppler-utils chromium fonts-noto-cjk"
# The Windows zip and the Debian package (tools/windows/build.sh, tools/deb.sh)
# need dpkg-dev, mingw-w64, wine, zip and unzip: those scripts and .ci/run
# install them, so a plain setup stays light; their tests skip without them.

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# npm comes with some Node.js builds (nodesource) and separately on Debian.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The web page's end-to-end test drives Chromium with playwright-core,
# pinned by tests/e2e/package-lock.json.
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)

cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j"$(nproc)"
echo "setup: built build/tsunagu"
