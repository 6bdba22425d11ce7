"""bench_rounds.py - the rounds search on the social golfer problem
(tools/bench --rounds).

Runs build/tsunagu-golfer (src/model/rounds.c behind a small driver,
tools/golfer/) on the instances g-s-w of CSPLib problem 010 - Kirkman's
schoolgirls 5-3-7, the original 8-4-9 and 8-4-10 (the proven maximum) -
with one seed each per --rounds-seeds, and checks every seating with
tools/check_rounds.py, which counts the pairs itself.  Writes OUT/rounds.md:
time, repeated meetings against the counting lower bound, steps, restarts,
and the independent check, per run, with the targets of issue 16.
"""

import json
import os
import subprocess
import sys
import time

# instance -> (time limit given to the search, target seconds for zero repeats)
INSTANCES = [("5-3-7", 10, 10), ("8-4-9", 10, 10), ("8-4-10", 60, 60)]


def run_one(args, root, work, inst, limit, seed):
    g, s, w = inst.split("-")
    out = os.path.join(work, "golfer-%s-seed%d.json" % (inst, seed))
    t0 = time.monotonic()
    with open(out, "w", encoding="utf-8") as f:
        proc = subprocess.run([args.golfer, g, s, w, "--seed", str(seed), "--time-limit", str(limit)],
                              stdout=f, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        return {"instance": inst, "seed": seed, "wall": wall, "check": "exit %d" % proc.returncode}
    with open(out, encoding="utf-8") as f:
        res = json.load(f)
    chk = subprocess.run([sys.executable, os.path.join(root, "tools", "check_rounds.py"), out],
                         stdout=subprocess.PIPE, text=True)
    res.update({"wall": wall, "check": chk.stdout.strip() if chk.returncode == 0 else "FAIL: " + chk.stdout.strip()})
    return res


def table(rows):
    lines = ["| instance | seed | seconds | repeats | lower bound | steps | restarts | independent check | target met |",
             "|---|---|---|---|---|---|---|---|---|"]
    targets = {i: t for i, _, t in INSTANCES}
    for r in rows:
        met = r.get("repeats") == 0 and r["wall"] <= targets[r["instance"]] and r["check"].startswith("ok")
        lines.append("| %s | %d | %.2f | %s | %s | %s | %s | %s | %s |" % (
            r["instance"], r["seed"], r["wall"], r.get("repeats", "-"), r.get("lower_bound", "-"),
            r.get("steps", "-"), r.get("restarts", "-"), r["check"], "yes" if met else "no"))
    return "\n".join(lines) + "\n"


def summary(rows):
    """One line per instance: how many runs reached zero repeats, the best."""
    out = ["Reached:", ""]
    for inst, _, target in INSTANCES:
        got = [r for r in rows if r["instance"] == inst]
        zero = [r for r in got if r.get("repeats") == 0 and r["check"].startswith("ok")]
        best = min((r.get("repeats", float("inf")) for r in got), default="-")
        out.append("- %s: zero repeats in %d of %d runs (target %d s); fewest repeats %s." % (
            inst, len(zero), len(got), target, best))
    return "\n".join(out) + "\n"


def run_rounds(args, root, work):
    if not os.access(args.golfer, os.X_OK):
        print("bench: %s is not an executable: build first (cmake --build build)" % args.golfer,
              file=sys.stderr)
        return 2
    rows = []
    for inst, limit, _ in INSTANCES:
        for seed in range(1, args.rounds_seeds + 1):
            r = run_one(args, root, work, inst, limit, seed)
            rows.append(r)
            print("%-7s seed %d %6.2f s repeats %s (bound %s) %s" % (
                inst, seed, r["wall"], r.get("repeats", "-"), r.get("lower_bound", "-"), r["check"]), flush=True)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "rounds.md"), "w", encoding="utf-8") as f:
        f.write(HEADER + table(rows) + "\n" + summary(rows))
    print("bench: %d runs -> %s/rounds.md" % (len(rows), args.out))
    return 0 if all(r["check"].startswith("ok") for r in rows) else 1


HEADER = """# Rounds: the social golfer problem

`tools/bench --rounds` (tools/bench_rounds.py): the rounds search
(`src/model/rounds.c`: greedy construction, then tabu search on pair
conflicts with restarts) on instances g-s-w of CSPLib problem 010: g tables
of s people, w rounds, nobody meeting twice.  `repeats` counts meetings
beyond the first over all pairs (0: a solution); `lower bound` is the
counting bound (0 for all three: 8-4-10 is the largest w with one).  Every
seating is recounted by `tools/check_rounds.py`, which shares no code with
the search ("ok N": well formed, N repeats, as the search said).  Targets
(issue 16): zero repeats within 10 s for 5-3-7 and 8-4-9, within 60 s for
8-4-10 (stretch).  One run per seed on the shared 2-core machine; the time
is the whole process.

"""
