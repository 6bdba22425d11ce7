#!/bin/sh
# Every TR("english", "日本語") pair takes the same printf arguments.
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
exec python3 "$2/tools/check_tr.py" "$2/src"
