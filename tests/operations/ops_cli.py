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
import contextlib
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys

HEADER = ["id", "name", "kana", "profession", "organization", "region", "interest_regions",
          "experience"]
FAMILY = ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤"]
GIVEN = ["一郎", "花子", "健", "美咲", "大輔", "陽子", "翔太", "由美", "誠", "恵"]
REGIONS = ["千葉", "東葛南部", "東葛北部", "印旛", "山武長生夷隅", "市原", "君津"]


class Failure(Exception):
    pass


class Day:
    """One sequence: the files, and what the day's people should be."""

    def __init__(self, bin_, src, folder, rng):
        self.bin = bin_
        self.folder = folder
        self.rng = rng
        self.list_path = os.path.join(folder, "list.csv")
        self.plan_path = os.path.join(folder, "plan.json")
        self.rows = []          # the current list's rows (dicts)
        self.walkins = {}       # id -> row, walk-ins not in the list
        self.cancelled = {}     # id -> row, cancelled at the desk
        self.n_walkins = 0
        self.n_late = 0
        self.log = []
        sys.path.insert(0, os.path.join(src, "tests", "checker"))
        import check_plan  # noqa: E402  (the independent checker)
        self.checker = check_plan
        gen = subprocess.run([sys.executable, os.path.join(src, "tools", "gen"), "--count",
                              str(rng.randint(24, 48)), "--seed", str(rng.randint(1, 10**6))],
                             capture_output=True, text=True, check=True)
        self.rows = list(csv.DictReader(io.StringIO(gen.stdout)))
        self.write_list()

    # ---- files and commands
    def write_list(self):
        with open(self.list_path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
            w.writeheader()
            for r in self.rows:
                w.writerow({k: r.get(k, "") for k in HEADER})

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

    # ---- the truth
    def people(self):
        """ids the plan must hold: the list, walk-ins not in it, less the cancelled."""
        ids = {r["id"] for r in self.rows} | set(self.walkins)
        return ids - set(self.cancelled)

    def same_person(self, a, b):
        key = self.checker.text_key
        return (key(a["name"]) == key(b["name"]) and key(a["organization"]) == key(b["organization"]))

    def verify(self, what, pins=()):
        with open(self.plan_path, encoding="utf-8") as f:
            plan = json.load(f)
        got = [a["id"] for a in plan["attendees"]]
        if len(got) != len(set(got)):
            raise Failure("%s: someone is in the plan twice: %s" % (what, sorted(got)))
        want = self.people()
        if set(got) != want:
            raise Failure("%s: the plan's people differ from the day's\n  missing: %s\n  extra: %s"
                          % (what, sorted(want - set(got)), sorted(set(got) - want)))
        if {c["id"] for c in plan.get("cancelled", [])} != set(self.cancelled):
            raise Failure("%s: the plan's cancellations %s, expected %s"
                          % (what, sorted(c["id"] for c in plan.get("cancelled", [])),
                             sorted(self.cancelled)))
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            rc = self.checker.main([self.plan_path, self.list_path])
        if rc != 0:
            raise Failure("%s: the checker refused the plan:\n%s" % (what, out.getvalue()[-3000:]))
        seats = {a["id"]: a["seats"] for a in plan["attendees"]}
        for who, session, table in pins:
            if seats.get(who, {}).get(session) != table:
                raise Failure("%s: the pin %s=%s:%s did not hold (%s)"
                              % (what, who, session, table, seats.get(who)))

    # ---- steps
    def solve_first(self):
        self.expect(self.run("solve", self.list_path, "-o", self.plan_path, "-t", 5), 0, "first solve")
        self.verify("first solve")

    def seated_ids(self):
        with open(self.plan_path, encoding="utf-8") as f:
            plan = json.load(f)
        return [a["id"] for a in plan["attendees"] if a["seats"]], plan

    def add_walkin(self):
        self.n_walkins += 1
        name = "%s　%s%d" % (self.rng.choice(FAMILY), self.rng.choice(GIVEN), self.n_walkins)
        row = {"name": name, "kana": "", "profession": self.rng.choice(["MSW", "CSS", "CENTER"]),
               "organization": "当日病院%d" % self.n_walkins, "region": self.rng.choice(REGIONS),
               "interest_regions": "", "experience": "experienced"}
        p = self.run("add", self.plan_path, "--name", row["name"], "--profession", row["profession"],
                     "--organization", row["organization"], "--region", row["region"])
        self.expect(p, 0, "add %s" % name)
        row["id"] = p.stdout.split()[0]
        self.walkins[row["id"]] = row
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
        if not self.cancelled:
            return
        c = self.cancelled[self.rng.choice(sorted(self.cancelled))]
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
        self.walkins[wid] = {"id": wid, "name": a["name"], "kana": a["kana"],
                             "profession": a["profession"], "organization": a["organization"],
                             "region": a["region"], "namesake": True}
        self.verify("add a namesake %s" % wid)

    def cancel(self):
        ids, _ = self.seated_ids()
        if not ids:
            return
        who = self.rng.choice(ids)
        self.expect(self.run("cancel", self.plan_path, who), 0, "cancel %s" % who)
        row = self.walkins.pop(who, None) or next(r for r in self.rows if r["id"] == who)
        self.cancelled[who] = row
        self.verify("cancel %s" % who)

    def cancel_unknown(self):
        before = self.plan_bytes()
        self.expect(self.run("cancel", self.plan_path, "NOBODY-%d" % self.rng.randint(0, 99)), 1,
                    "cancel of an unknown id")
        if self.plan_bytes() != before:
            raise Failure("cancel of an unknown id changed the plan")

    def restore(self, by_solve):
        if not self.cancelled:
            return
        who = self.rng.choice(sorted(self.cancelled))
        row = self.cancelled.pop(who)
        # Back from the list when it has them; else the desk's own record (a walk-in).
        if not any(r["id"] == who for r in self.rows):
            self.walkins[who] = row
        if by_solve:
            self.replan(restore=[who])
        else:
            self.expect(self.run("restore", self.plan_path, who), 0, "restore %s" % who)
            self.verify("restore %s" % who)

    def edit_list(self):
        """People leave, late signups come, maybe a walk-in or someone
        cancelled turns up in the new list."""
        rng = self.rng
        for _ in range(rng.randint(0, 2)):
            if len(self.rows) > 12:
                self.rows.pop(rng.randrange(len(self.rows)))  # left: someone cancelled stays so
        for _ in range(rng.randint(0, 2)):
            self.n_late += 1
            self.rows.append({"id": "L%04d" % self.n_late, "name": "遅%s　%s" % (rng.choice(FAMILY), self.n_late),
                              "kana": "", "profession": rng.choice(["MSW", "CSS"]),
                              "organization": "遅い病院%d" % self.n_late, "region": rng.choice(REGIONS),
                              "interest_regions": "", "experience": "experienced"})
        unlisted = [wid for wid, w in sorted(self.walkins.items())
                    if not w.get("namesake") and
                    not any(r["id"] == wid or self.same_person(r, w) for r in self.rows)]
        if unlisted and rng.random() < 0.5:
            wid = rng.choice(unlisted)
            w = self.walkins.pop(wid)
            self.n_late += 1
            new_id = wid if rng.random() < 0.5 else "L%04d" % self.n_late
            self.rows.append(dict(w, id=new_id))  # the same person, listed now
        if self.cancelled and rng.random() < 0.3:
            cid = rng.choice(sorted(self.cancelled))
            if not any(r["id"] == cid for r in self.rows):
                self.rows.append(dict(self.cancelled[cid]))  # listed again: stays cancelled
        self.write_list()

    def replan(self, restore=(), pin=False):
        args = ["solve", self.list_path, "--previous", self.plan_path, "-o", self.plan_path + ".new",
                "-t", 5]
        for r in restore:
            args += ["--restore", r]
        pins = []
        if pin:
            ids, plan = self.seated_ids()
            people = set(ids) & self.people()
            if people:
                who = self.rng.choice(sorted(people))
                morning = plan["sessions"][0]
                table = self.rng.choice(morning["tables"])["id"]
                args += ["--pin", "%s=%s:%s" % (who, morning["id"], table)]
                pins.append((who, morning["id"], table))
        p = self.run(*args)
        self.expect(p, 0, "re-plan")
        # walk-ins the list has now (same id, or the same person) are the list's
        for wid, w in list(self.walkins.items()):
            if any(r["id"] == wid or (not w.get("namesake") and self.same_person(r, w))
                   for r in self.rows):
                del self.walkins[wid]
        os.replace(self.plan_path + ".new", self.plan_path)
        self.verify("re-plan", pins)

    STEPS = ["add", "add", "again", "again_cancelled", "namesake", "cancel", "cancel", "unknown",
             "restore", "restore_solve", "replan", "edit", "edit", "pin"]

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
