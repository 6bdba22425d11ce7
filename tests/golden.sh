#!/bin/sh
# golden.sh TSUNAGU CASEDIR - run one golden case and compare its output.
# CASEDIR holds `args` (arguments after `tsunagu`, shell words), the input
# files, and the expectations: `stdout`, `stderr` (each optional: compared
# when present) and `status` (exit status, default 0).  The command runs
# inside CASEDIR so messages name files as the user typed them.
# Set TSUNAGU_GOLDEN_UPDATE=1 to rewrite the expectations from the output:
# the streams the case compares, and the status; a stream the case leaves
# out (a plan with timings on stdout) stays left out.  A new case starts
# with empty `stdout` and `stderr` files to have both recorded.
set -u
bin=$1
dir=$2
cd "$dir" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
eval "set -- $(cat args)"
"$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
status=$?
# A solve's account names its wall time ("0.03 s", "0.03 秒"): masked, so
# that a slow machine (valgrind) gives the same text.
for stream in stdout stderr; do
  sed -E 's/[0-9]+\.[0-9]{2} (s|秒)(\)|$)/N.NN \1\2/' "$tmp/$stream" >"$tmp/$stream.masked" &&
    mv "$tmp/$stream.masked" "$tmp/$stream"
done
want=0
[ -f status ] && want=$(cat status)
if [ "${TSUNAGU_GOLDEN_UPDATE:-}" = 1 ]; then
  for stream in stdout stderr; do
    [ -f "$stream" ] && cp "$tmp/$stream" "$stream"
  done
  echo "$status" > status
  exit 0
fi
fail=0
for stream in stdout stderr; do
  if [ -f "$stream" ] && ! cmp -s "$stream" "$tmp/$stream"; then
    echo "--- $stream differs (expected, actual):"
    diff -u "$stream" "$tmp/$stream"
    fail=1
  fi
done
if [ "$status" != "$want" ]; then
  echo "--- exit status: expected $want, actual $status"
  echo "stderr was:"; cat "$tmp/stderr"
  fail=1
fi
exit $fail
