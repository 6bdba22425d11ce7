#!/bin/sh
# test_output_paths.sh - what may stand at an output path, and which paths
# clash.  An output (-o, --html, --text, --csv) is a regular file or does not
# exist yet; a device, FIFO, socket, directory or symbolic link there is a
# usage error (exit 2) naming the path and what it is, before anything is
# solved or written.  A symbolic link is refused, not followed.  No output may
# be the same file as an input or another output, however it is spelled (a
# hard link, a symbolic link to the input, ./name); only `add` without -o
# rewrites its plan in place, as it always has.
#
# Called by ctest: test_output_paths.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR" >&2
    exit 2
fi
bin=$1
src=$2
scratch=$3

keep_going=1
. "$src/tests/scripts/lib.sh"

rm -rf "$scratch" && mkdir -p "$scratch" || { echo "cannot create $scratch" >&2; exit 1; }
cd "$scratch" || exit 1
cp "$src/tests/data/hostile/_inputs/attendees.csv" in.csv
"$bin" solve --lang en in.csv -o plan.json >/dev/null 2>solve.err ||
    { cat solve.err >&2; echo "FAIL: the good solve failed" >&2; exit 1; }
cp -p in.csv in.csv.orig
cp -p plan.json plan.json.orig

# refused STATUS "EXPECTED STDERR" WHAT -- COMMAND...: the command exits
# STATUS with exactly that one line on stderr and nothing on stdout.
refused() {
    want=$1 line=$2 what=$3
    shift 4
    "$@" >run.out 2>run.err
    got=$?
    [ "$got" = "$want" ] || fail "$what: exit $got, expected $want"
    printf '%s\n' "$line" | cmp -s - run.err ||
        { fail "$what: stderr differs"; echo "  expected: $line" >&2; sed 's/^/  actual:   /' run.err >&2; }
    [ -s run.out ] && fail "$what: printed on stdout: $(head -c 200 run.out)"
    cmp -s in.csv in.csv.orig || { fail "$what: the attendee list was changed"; cp -p in.csv.orig in.csv; }
    cmp -s plan.json plan.json.orig || { fail "$what: the plan was changed"; cp -p plan.json.orig plan.json; }
    leftover=$(ls -A | grep '\.tmp\.')
    [ -z "$leftover" ] || { fail "$what: left behind: $leftover"; rm -f ./*.tmp.*; }
}

kind="not a regular file; an output must be a regular file or not exist yet (- is standard output)"

# ---- what stands at the path --------------------------------------------
mkfifo fifo
refused 2 "fifo: -o names a named pipe (FIFO), $kind" "-o a FIFO" -- \
    "$bin" solve --lang en in.csv -o fifo
[ -p fifo ] || fail "the FIFO was replaced"

# A device node of our own (the null device), never the system's
# /dev/null, which a tsunagu without this check run as root would replace
# with a plan.  Not root: /dev/null, which such a tsunagu could not replace.
if mknod nulldev c 1 3 2>/dev/null; then
    dev=nulldev
else
    dev=/dev/null
fi
refused 2 "$dev: --html names a character device, $kind" "--html a device" -- \
    "$bin" solve --lang en in.csv -o new.json --html $dev
[ -c $dev ] || fail "the device node was replaced"
[ -e new.json ] && fail "new.json was written though --html was refused"
refused 2 "$dev: -o names a character device, $kind" "chart -o a device" -- \
    "$bin" chart --lang en plan.json -o $dev
[ -c $dev ] || fail "the device node was replaced"
rm -f nulldev new.json

mkdir adir
refused 2 "adir: --csv names a directory, $kind" "--csv a directory" -- \
    "$bin" solve --lang en in.csv -o new.json --csv adir

if command -v python3 >/dev/null 2>&1 &&
   python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sock")' 2>/dev/null; then
    refused 2 "sock: -o names a socket, $kind" "-o a socket" -- "$bin" chart --lang en plan.json -o sock
    [ -S sock ] || fail "the socket was replaced"
fi

# A symbolic link is refused, whether its target exists or not; the link
# and its target are left as they were.
ln -s plan.json link.json
ln -s nowhere.json dangling.json
refused 2 "link.json: -o names a symbolic link (to plan.json); outputs are not written through links: name the file itself, or remove the link" \
    "-o a symbolic link" -- "$bin" chart --lang en --format text plan.json.orig -o link.json
[ -L link.json ] || fail "the symbolic link was replaced"
refused 2 "dangling.json: --text names a symbolic link (to nowhere.json); outputs are not written through links: name the file itself, or remove the link" \
    "--text a dangling link" -- "$bin" solve --lang en in.csv -o new.json --text dangling.json
[ -e nowhere.json ] && fail "the dangling link's target was created"
refused 2 "link.json: 計画 がシンボリックリンク（plan.json へのリンク）を指しています。リンク越しには書き込みません。リンク先のファイルを直接指定するか、リンクを削除してください" \
    "add in place through a link (Japanese)" -- \
    "$bin" add link.json --name 山田 --profession MSW --organization 病院 --region 千葉

# ---- clashes -------------------------------------------------------------
refused 2 "in.csv: -o names the same file as the attendee list in.csv; writing it would destroy what is read" \
    "solve -o the attendee list" -- "$bin" solve --lang en in.csv -o in.csv
ln in.csv hard.csv
refused 2 "hard.csv: --csv names the same file as the attendee list in.csv; writing it would destroy what is read" \
    "--csv a hard link to the attendee list" -- "$bin" solve --lang en in.csv -o new.json --csv hard.csv
ln -s in.csv in-link.csv
refused 2 "./in.csv: -o names the same file as the attendee list in-link.csv; writing it would destroy what is read" \
    "-o the target of the attendee list's link" -- "$bin" solve --lang en in-link.csv -o ./in.csv
refused 2 "plan.json: -o names the same file as --previous plan.json; writing it would destroy what is read" \
    "solve -o the previous plan" -- "$bin" solve --lang en in.csv --previous plan.json -o plan.json
refused 2 "new.json: --html names the same file as -o new.json; each output needs a file of its own" \
    "-o and --html the same new file" -- "$bin" solve --lang en in.csv -o new.json --html new.json
mkdir -p sub
refused 2 "./sub/../p.json: --text names the same file as -o p.json; each output needs a file of its own" \
    "the same new file spelled two ways" -- \
    "$bin" solve --lang en in.csv -o p.json --text ./sub/../p.json
refused 2 "plan.json: --csv names the same file as -o plan.json; each output needs a file of its own" \
    "-o and --csv the same existing file" -- "$bin" solve --lang en in.csv -o plan.json --csv plan.json
refused 2 "<stdout>: --html names the same file as -o -; each output needs a file of its own" \
    "two outputs to standard output" -- "$bin" solve --lang en in.csv -o - --html -
refused 2 "plan.json: -o names the same file as the plan plan.json; writing it would destroy what is read" \
    "chart -o its plan" -- "$bin" chart --lang en plan.json -o plan.json
refused 2 "plan.json: -o names the same file as --only-changed plan.json; writing it would destroy what is read" \
    "chart -o its --only-changed plan" -- "$bin" chart --lang en plan.json.orig --only-changed plan.json -o plan.json
refused 2 "plan.json: -o が計画 plan.json と同じファイルを指しています。書き込むと読み込むファイルが失われます" \
    "add -o its own plan (Japanese)" -- \
    "$bin" add plan.json -o plan.json --name 山田 --profession MSW --organization 病院 --region 千葉
[ -e new.json ] && fail "new.json was written by a refused run"
[ -e p.json ] && fail "p.json was written by a refused run"

# ---- what still works ----------------------------------------------------
# add without -o rewrites its plan in place (the one input that is its output).
cp -p plan.json walkin.json
"$bin" add --lang en walkin.json --name 山田 --profession MSW --organization 病院 --region 千葉 \
    >run.out 2>run.err || { fail "add in place: exit $?"; cat run.err >&2; }
grep -q "山田" walkin.json || fail "add in place did not record the walk-in"
[ -f walkin.json ] && [ ! -L walkin.json ] || fail "add in place left no regular file"
# -o - and --html FILE: standard output is no file to clash with.
"$bin" solve --lang en in.csv -o - --html charts.html >run.out 2>run.err ||
    { fail "solve -o - --html FILE: exit $?"; cat run.err >&2; }
# The attendee list from standard input, the plan to standard output.
"$bin" solve --lang en - -o - <in.csv >run.out 2>run.err ||
    { fail "solve - -o -: exit $?"; cat run.err >&2; }
# Writing over an existing regular file is what -o is for.
"$bin" chart --lang en --format text plan.json -o chart.txt >run.out 2>&1 &&
"$bin" chart --lang en --format text plan.json -o chart.txt >run.out 2>&1 ||
    { fail "chart over an existing file failed"; cat run.out >&2; }

finish "output path"
