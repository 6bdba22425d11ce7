#!/usr/bin/env python3
"""check_tr.py SRC_DIR - every TR("english", "日本語") pair takes the same
printf arguments in the same order.  The compiler cannot check this: the
format it sees is chosen at run time, so a mismatch is undefined behaviour
in one language only."""
import re
import sys
from pathlib import Path

STRING = r'"(?:[^"\\]|\\.)*"'
PAIR = re.compile(r'\bTR(?:_BOTH)?\(\s*((?:%s\s*)+),\s*((?:%s\s*)+)\)' % (STRING, STRING), re.S)
SPEC = re.compile(r'%(?:%|(\d+\$)?[-+ #0]*\d*(?:\.\d+)?((?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp]))')


def literal(text):
    return "".join(m[1:-1] for m in re.findall(STRING, text))


def specs(fmt):
    """The conversions in argument order (positional %N$ honoured)."""
    out, n = {}, 0
    for m in SPEC.finditer(fmt):
        if m.group(0) == "%%":
            continue
        n += 1
        pos = int(m.group(1)[:-1]) if m.group(1) else n
        out[pos] = m.group(2).replace("i", "d")
    return [out[k] for k in sorted(out)]


def main():
    bad = 0
    for path in sorted(Path(sys.argv[1]).rglob("*.c")):
        text = path.read_text(encoding="utf-8")
        for m in PAIR.finditer(text):
            en, ja = literal(m.group(1)), literal(m.group(2))
            if specs(en) != specs(ja):
                line = text.count("\n", 0, m.start()) + 1
                print("%s:%d: TR formats differ: %s vs %s" % (path, line, specs(en), specs(ja)))
                bad += 1
    print("check_tr: %d mismatched pair(s)" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
