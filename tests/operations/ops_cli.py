#!/usr/bin/env python3
"""ops_cli.py - random day-of operations against the command line (issue 14).

A seeded generator makes sequences of what happens at the desk and after:
walk-ins (some of them someone already in the plan), cancellations,
restorations, mistakes (an unknown id), re-plans with the same list, with an
edited list (people leave, late signups come, a walk-in or someone cancelled
turns up in the list), re-plans that restore someone, and pins.  After every
step it checks, without trusting tsunagu:

  - someone cancelled typed in again is refused (restore them); a namesake
    added with --force is seated and never taken for the listed person;
  - a step that must succeed exits 0, one that must be refused exits 1 and
    leaves the plan file byte for byte as it was;
  - the plan's people are exactly the day's: the current list, plus the
    walk-ins not (yet) in it, less the people cancelled at the desk - nobody
    lost, nobody twice;
  - the independent checker (tests/checker/check_plan.py, run in-process)
    accepts the plan against the current list: every rule, every size, every
    score, everyone seated exactly once per session;
  - a pin given to a re-plan holds.

Usage: ops_cli.py TSUNAGU SOURCE_ROOT SCRATCH [--sequences N] [--steps N] [--seed S]
Exit 0 when every step of every sequence held; otherwise the first failure
is printed with its seed and step, and the scratch folder keeps the files.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

from ops_common import Failure, People, generate_rows, write_list


class Day:
    """One sequence: the files, and what the day's people should be (People)."""

    def __init__(self, bin_, src, folder, rng):
        self.bin = bin_
        self.folder = folder
        self.rng = rng
        self.list_path = os.path.join(folder, "list.csv")
        self.plan_path = os.path.join(folder, "plan.json")
        self.log = []
        self.new_rows = None  # an edited list written, not seated yet
        rows = generate_rows(src, rng.randint(24, 48), rng.randint(1, 10**6))
        self.day = People(src, rng, rows)
        write_list(self.list_path, self.day.rows)

    # ---- files and commands
    def run(self, *args):
        p = subprocess.run([self.bin] + [str(a) for a in args] + ["--lang", "en"],
                           capture_output=True, text=True, timeout=120)
        self.log.append("$ tsunagu %s -> %d\n%s%s" % (" ".join(map(str, args)), p.returncode,
                                                     p.stdout[-2000:], p.stderr[-2000:]))
        return p

    def plan_bytes(self):
        with open(self.plan_path, "rb") as f:
            return f.read()

    def expect(self, p, status, what):
        if p.returncode != status:
            raise Failure("%s: exit %d, expected %d\n%s%s" % (what, p.returncode, status,
                                                             p.stdout[-1500:], p.stderr[-1500:]))

    def verify(self, what, pins=()):
        self.day.verify(what, self.plan_path, self.list_path, pins)

    # ---- steps
    def solve_first(self):
        self.expect(self.run("solve", self.list_path, "-o", self.plan_path, "-t", 5), 0, "first solve")
        self.verify("first solve")

    def seated_ids(self):
        with open(self.plan_path, encoding="utf-8") as f:
            plan = json.load(f)
        return [a["id"] for a in plan["attendees"] if a["seats"]], plan

    def add_walkin(self):
        row = self.day.new_walkin()
        p = self.run("add", self.plan_path, "--name", row["name"], "--profession", row["profession"],
                     "--organization", row["organization"], "--region", row["region"])
        self.expect(p, 0, "add %s" % row["name"])
        row["id"] = p.stdout.split()[0]
        self.day.walkins[row["id"]] = row
        self.verify("add %s" % row["id"])

    def add_someone_present(self):
        ids, plan = self.seated_ids()
        if not ids:
            return
        pick = self.rng.choice(ids)
        a = next(x for x in plan["attendees"] if x["id"] == pick)
        before = self.plan_bytes()
        p = self.run("add", self.plan_path, "--name", a["name"], "--kana", a["kana"],
                     "--profession", a["profession"], "--organization", a["organization"],
                     "--region", a["region"])
        self.expect(p, 1, "add %s again" % a["id"])
        if self.plan_bytes() != before:
            raise Failure("add %s again: refused but the plan changed" % a["id"])

    def add_someone_cancelled(self):
        """Someone cancelled at the desk comes after all and is typed in again:
        refused (restore them), the plan as it was."""
        cancelled = self.day.cancelled
        if not cancelled:
            return
        c = cancelled[self.rng.choice(sorted(cancelled))]
        before = self.plan_bytes()
        p = self.run("add", self.plan_path, "--name", c["name"], "--kana", c.get("kana", ""),
                     "--profession", c["profession"], "--organization", c["organization"],
                     "--region", c["region"])
        self.expect(p, 1, "add %s, cancelled, again" % c["id"])
        if self.plan_bytes() != before:
            raise Failure("add of someone cancelled: refused but the plan changed")

    def add_namesake(self):
        """Another person of the same name and office (--force): seated, and
        never taken for the listed one."""
        ids, plan = self.seated_ids()
        listed = [a for a in plan["attendees"] if a["seats"] and not a.get("walkin")]
        if not listed:
            return
        a = self.rng.choice(listed)
        p = self.run("add", self.plan_path, "--name", a["name"], "--kana", a["kana"], "--force",
                     "--profession", a["profession"], "--organization", a["organization"],
                     "--region", a["region"])
        self.expect(p, 0, "add a namesake of %s" % a["id"])
        wid = p.stdout.split()[0]
        self.day.walkins[wid] = {"id": wid, "name": a["name"], "kana": a["kana"],
                                 "profession": a["profession"], "organization": a["organization"],
                                 "region": a["region"], "namesake": True}
        self.verify("add a namesake %s" % wid)

    def cancel(self):
        ids, _ = self.seated_ids()
        if not ids:
            return
        who = self.rng.choice(ids)
        self.expect(self.run("cancel", self.plan_path, who), 0, "cancel %s" % who)
        self.day.cancel(who)
        self.verify("cancel %s" % who)

    def cancel_unknown(self):
        before = self.plan_bytes()
        self.expect(self.run("cancel", self.plan_path, "NOBODY-%d" % self.rng.randint(0, 99)), 1,
                    "cancel of an unknown id")
        if self.plan_bytes() != before:
            raise Failure("cancel of an unknown id changed the plan")

    def restore(self, by_solve):
        if not self.day.cancelled:
            return
        who = self.rng.choice(sorted(self.day.cancelled))
        self.day.restore(who)
        if by_solve:
            self.replan(restore=[who])
        else:
            self.expect(self.run("restore", self.plan_path, who), 0, "restore %s" % who)
            self.verify("restore %s" % who)

    def edit_list(self):
        """People leave, late signups come, maybe a walk-in or someone
        cancelled turns up in the new list (People.edited); the re-plan
        that follows seats it."""
        self.new_rows = self.day.edited(self.day.rows)
        write_list(self.list_path, self.new_rows)

    def replan(self, restore=(), pin=False):
        args = ["solve", self.list_path, "--previous", self.plan_path, "-o", self.plan_path + ".new",
                "-t", 5]
        for r in restore:
            args += ["--restore", r]
        pins = []
        if pin:
            ids, plan = self.seated_ids()
            people = set(ids) & self.day.ids()
            if people:
                who = self.rng.choice(sorted(people))
                morning = plan["sessions"][0]
                table = self.rng.choice(morning["tables"])["id"]
                args += ["--pin", "%s=%s:%s" % (who, morning["id"], table)]
                pins.append((who, morning["id"], table))
        p = self.run(*args)
        self.expect(p, 0, "re-plan")
        if self.new_rows is not None:
            self.day.seat_list(self.new_rows)
            self.new_rows = None
        os.replace(self.plan_path + ".new", self.plan_path)
        self.verify("re-plan", pins)

    def desk_pin(self):
        """`tsunagu pin`: the seat holds and is recorded, or the pin is
        refused (a hard rule) and the plan is byte for byte as it was."""
        ids, plan = self.seated_ids()
        people = sorted(set(ids) & self.day.ids())
        if not people:
            return
        who = self.rng.choice(people)
        morning = plan["sessions"][0]
        table = self.rng.choice(morning["tables"])["id"]
        before = self.plan_bytes()
        p = self.run("pin", self.plan_path, who, "%s:%s" % (morning["id"], table))
        if p.returncode == 1:
            if self.plan_bytes() != before:
                raise Failure("a refused pin of %s changed the plan" % who)
            return
        self.expect(p, 0, "pin %s %s" % (who, table))
        after = json.loads(self.plan_bytes())
        if {"id": who, "session": morning["id"], "table": table} not in after.get("pinned", []):
            raise Failure("pin %s to %s is not recorded: %s" % (who, table, after.get("pinned")))
        self.verify("pin %s" % who, [(who, morning["id"], table)])

    def desk_unpin(self):
        """`tsunagu unpin`: the pin goes, nobody moves."""
        plan = json.loads(self.plan_bytes())
        pinned = plan.get("pinned", [])
        if not pinned:
            return
        who = self.rng.choice(pinned)["id"]
        self.expect(self.run("unpin", self.plan_path, who), 0, "unpin %s" % who)
        after = json.loads(self.plan_bytes())
        if any(q["id"] == who for q in after.get("pinned", [])):
            raise Failure("unpin %s left a pin" % who)
        seats = lambda d: {a["id"]: a["seats"] for a in d["attendees"]}
        if seats(after) != seats(plan):
            raise Failure("unpin %s moved someone" % who)
        self.verify("unpin %s" % who)

    STEPS = ["add", "add", "again", "again_cancelled", "namesake", "cancel", "cancel", "unknown",
             "restore", "restore_solve", "replan", "edit", "edit", "pin", "desk_pin", "desk_unpin"]

    def step(self):
        kind = self.rng.choice(self.STEPS)
        if kind == "add":
            self.add_walkin()
        elif kind == "again":
            self.add_someone_present()
        elif kind == "again_cancelled":
            self.add_someone_cancelled()
        elif kind == "namesake":
            self.add_namesake()
        elif kind == "cancel":
            self.cancel()
        elif kind == "unknown":
            self.cancel_unknown()
        elif kind == "restore":
            self.restore(by_solve=False)
        elif kind == "restore_solve":
            self.restore(by_solve=True)
        elif kind == "replan":
            self.replan()
        elif kind == "edit":
            self.edit_list()
            self.replan()
        elif kind == "desk_pin":
            self.desk_pin()
        elif kind == "desk_unpin":
            self.desk_unpin()
        else:
            self.replan(pin=True)
        return kind


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("tsunagu")
    ap.add_argument("src")
    ap.add_argument("scratch")
    ap.add_argument("--sequences", type=int, default=int(os.environ.get("TSUNAGU_OPS_SEQUENCES", 20)))
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    shutil.rmtree(a.scratch, ignore_errors=True)
    os.makedirs(a.scratch)
    counts = {}
    for n in range(a.sequences):
        seed = a.seed * 100003 + n
        folder = os.path.join(a.scratch, "seq")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        day = Day(a.tsunagu, a.src, folder, random.Random(seed))
        step = 0
        try:
            day.solve_first()
            for step in range(1, a.steps + 1):
                kind = day.step()
                counts[kind] = counts.get(kind, 0) + 1
        except Failure as e:
            print("FAIL: sequence seed %d, step %d: %s" % (seed, step, e))
            print("the last commands:\n" + "\n".join(day.log[-4:]))
            print("files kept in %s" % folder)
            return 1
    print("%d sequences of %d steps held (%s)" % (a.sequences, a.steps,
                                                 ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
