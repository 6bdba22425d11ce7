#!/bin/sh
# test_platform_confined.sh - what differs on Windows stays in the platform
# modules (src/util/platform.h): no file of src/ tests _WIN32 (or includes
# windows.h) but the _win.c files that replace their POSIX twins,
# util/platform_net.h and the headers under util/win/.
#
# Called by ctest: test_platform_confined.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
src=$2
. "$src/tests/scripts/lib.sh"
found=$(cd "$src" && grep -rlE '_WIN32|<windows\.h>|<winsock2\.h>' src |
    grep -vE '_win\.c$|^src/util/platform_net\.h$|^src/util/win/|^src/web/static/' || true)
[ -z "$found" ] || fail "Windows code outside the platform modules: $found"
# each _win.c twin has its POSIX file beside it, or stands alone (iconv, printf)
for w in $(cd "$src" && ls src/*/*_win.c); do
    posix=${w%_win.c}.c
    case "$w" in src/util/iconv_win.c|src/util/printf_win.c) continue ;; esac
    [ -f "$src/$posix" ] || fail "$w replaces $posix, which does not exist"
done
finish "platform confinement"
