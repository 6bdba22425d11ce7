"""bench_edits.py - how long one edit on the day takes (tools/bench --edits).

For each size (generated lists, tools/gen) and each of two settings - the
bundled event, and "tight" tables (every size fixed: exchange 6-6,
workgroups 5-5, so that any drag makes someone else move) - the list is
solved once, then random edits are made on that plan, each from the same
starting plan, each one command as the page's server runs it:

  drag     solve LIST --previous PLAN --pin ID=SESSION:TABLE (a person to
           another table of their track)
  walk-in  add PLAN ... (someone new at the desk)
  remove   cancel PLAN ID (a cancellation)

Measured: the wall time of the whole command (reading, solving, writing:
an upper bound of the server's time per edit), median and worst.  Every
resulting plan goes through the independent checker, and for drags (sizes
up to --compare-up-to) the same drag is re-planned whole
(`--whole-replan`, the model of the whole session) to check the quick
answer moves no more people.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time

TARGETS = {100: 0.05, 600: 0.3, 5000: 2.0}


def run(argv):
    t0 = time.monotonic()
    p = subprocess.run(argv, capture_output=True, text=True)
    return time.monotonic() - t0, p


def tight_event(root, path):
    with open(os.path.join(root, "data", "events", "tsunagarou.json"), encoding="utf-8") as f:
        e = json.load(f)
    e["sessions"][0]["size"] = {"min": 6, "max": 6}
    e["sessions"][1]["size"] = {"min": 5, "max": 5}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(e, f, ensure_ascii=False)


def moves(path):
    with open(path, encoding="utf-8") as f:
        return len(json.load(f).get("moves", []))


def one_setting(args, root, work, size, setting, rng, rows):
    tsunagu = args.tsunagu
    folder = os.path.join(work, "edits-%d-%s" % (size, setting))
    os.makedirs(folder, exist_ok=True)
    lst = os.path.join(folder, "list.csv")
    subprocess.run([sys.executable, os.path.join(root, "tools", "gen"), "--count", str(size),
                    "--seed", str(size), "-o", lst], check=True)
    ev = []
    if setting == "tight":
        tight_event(root, os.path.join(folder, "event.json"))
        ev = ["--event", os.path.join(folder, "event.json")]
    base = os.path.join(folder, "plan.json")
    _, p = run([tsunagu, "solve", lst, "-o", base, "-t", "60"] + ev)
    if p.returncode != 0:
        raise SystemExit("bench --edits: the first solve failed:\n" + p.stderr)
    with open(base, encoding="utf-8") as f:
        plan = json.load(f)
    seated = [a for a in plan["attendees"] if a["seats"]]
    out = os.path.join(folder, "edited.json")
    checker = os.path.join(root, "tests", "checker", "check_plan.py")
    for kind in ("drag", "walk-in", "remove"):
        times, checked, fewer_or_equal, compared = [], 0, 0, 0
        for n in range(args.edits):
            if kind == "drag":
                a = rng.choice(seated)
                s = rng.randrange(len(plan["sessions"]))
                sess = plan["sessions"][s]
                mine = [t for t in sess["tables"] if a["id"] in t["members"]][0]
                others = [t for t in sess["tables"]
                          if t["id"] != mine["id"] and t.get("track") == mine.get("track")]
                pin = "%s=%s:%s" % (a["id"], sess["id"], rng.choice(others)["id"])
                argv = [tsunagu, "solve", lst, "--previous", base, "--pin", pin, "-o", out,
                        "-t", "60"] + ev
            elif kind == "walk-in":
                argv = [tsunagu, "add", base, "--name", "当日　参加%d" % n, "--profession",
                        rng.choice(["MSW", "CSS"]), "--organization", "当日病院%d" % n,
                        "--region", rng.choice(["千葉", "東葛南部", "東葛北部", "印旛"]), "-o", out]
            else:
                argv = [tsunagu, "cancel", base, rng.choice(seated)["id"], "-o", out]
            wall, p = run(argv)
            if p.returncode != 0:
                raise SystemExit("bench --edits: %s failed:\n%s" % (" ".join(argv), p.stderr))
            times.append(wall)
            c = subprocess.run([sys.executable, checker, out, lst], capture_output=True, text=True)
            checked += c.returncode == 0
            if kind == "drag" and size <= args.compare_up_to:
                quick = moves(out)
                whole = out + ".whole.json"
                _, pw = run(argv[:argv.index("-o")] + ["-o", whole, "-t", "60", "--whole-replan"] + ev)
                if pw.returncode == 0:
                    compared += 1
                    fewer_or_equal += quick <= moves(whole)
        rows.append({"size": size, "setting": setting, "kind": kind, "edits": len(times),
                     "median": statistics.median(times), "worst": max(times), "checked": checked,
                     "compared": compared, "no_more_moves": fewer_or_equal})
        print("edits: %5d %-7s %-8s median %.3f s worst %.3f s checked %d/%d moves<=whole %s"
              % (size, setting, kind, rows[-1]["median"], rows[-1]["worst"], checked, len(times),
                 "%d/%d" % (fewer_or_equal, compared) if compared else "-"), flush=True)


def markdown(rows):
    lines = ["| attendees | settings | edit | edits | median s | worst s | target s | checked | moves ≤ whole re-plan |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        target = TARGETS.get(r["size"])
        lines.append("| %d | %s | %s | %d | %.3f | %.3f | %s | %d/%d | %s |"
                     % (r["size"], r["setting"], r["kind"], r["edits"], r["median"], r["worst"],
                        "%.2f" % target if target else "-", r["checked"], r["edits"],
                        "%d/%d" % (r["no_more_moves"], r["compared"]) if r["compared"] else "-"))
    met = all(r["worst"] <= TARGETS[r["size"]] for r in rows if r["size"] in TARGETS)
    lines.append("")
    lines.append("Targets (issue 14, worst edit within): %s." % ("met" if met else "NOT met"))
    return "\n".join(lines) + "\n"


def run_edits(args, root, work):
    rng = random.Random(args.edit_seed)
    rows = []
    for size in args.edit_sizes:
        for setting in ("bundled", "tight"):
            one_setting(args, root, work, size, setting, rng, rows)
    text = markdown(rows)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "edits.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0
