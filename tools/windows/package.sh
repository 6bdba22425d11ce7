#!/bin/bash
# package.sh - the portable zip of the Windows build:
#   tools/windows/package.sh BUILD_DIR
# BUILD_DIR holds tsunagu.exe (tools/windows/build.sh); writes
# BUILD_DIR/tsunagu-VERSION-windows-x64.zip:
#
#   tsunagu-VERSION-windows-x64/
#     tsunagu.exe            the program (nothing else to install)
#     つなぐを開く.bat        double-click: starts the web page, opens the browser
#     使い方.txt              how to use it, in Japanese (CRLF, UTF-8 with BOM)
#     data/                  regions, events, badge layouts, sample lists
#     LICENSE.txt
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$(realpath "$1")"
VERSION="$(sed -n 's/^project(tsunagu VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")"
NAME="tsunagu-$VERSION-windows-x64"
STAGE="$OUT/zip/$NAME"
rm -rf "$OUT/zip" && mkdir -p "$STAGE"
cp "$OUT/tsunagu.exe" "$STAGE/"
cp -r "$ROOT/data" "$STAGE/data"
# Windows' Notepad and cmd.exe read these best with CRLF; the .bat is
# plain ASCII apart from its comment-free body, the text UTF-8 with a BOM.
sed 's/$/\r/' "$ROOT/tools/windows/launcher.bat" > "$STAGE/つなぐを開く.bat"
{ printf '\xef\xbb\xbf'; sed "s/@VERSION@/$VERSION/g; s/\$/\r/" "$ROOT/tools/windows/README-ja.txt"; } \
  > "$STAGE/使い方.txt"
sed 's/$/\r/' "$ROOT/LICENSE" > "$STAGE/LICENSE.txt"
rm -f "$OUT/$NAME.zip"
# -X: no Unix extra fields; zip 3.0 marks the Japanese names as UTF-8
# (general purpose bit 11), which Windows' Explorer honours.
(cd "$OUT/zip" && zip -qrX "$OUT/$NAME.zip" "$NAME")
echo "windows: $OUT/$NAME.zip"
