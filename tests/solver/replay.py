#!/usr/bin/env python3
"""replay.py - replay late signups, cancellations and walk-ins (issue 5).

Usage: replay.py [--seed S ...] [--steps N] [--dir DIR]

For each seed: generate 100 attendees (tools/gen --count 100 --seed S),
solve, then N seeded steps, each one of
  (a) re-plan: 1-4 random people cancel and 1-5 late signups arrive
      (generated with another seed, ids renamed so they are new), then
      `tsunagu solve NEW_LIST --previous OLD_PLAN -o NEW_PLAN`;
  (b) walk-in: `tsunagu add OLD_PLAN --name ... -o NEW_PLAN`.
After every step it shows, and checks:
  - the independent checker (tests/checker/check_plan.py) passes on the new
    plan against the current list: every hard rule, every attendee exactly
    once, nobody extra;
  - every id of the current list is in the plan, and no other;
  - add: nobody else's seat changed in any session;
  - solve --previous: the tables keep their ids, labels and regions; in
    every session where staying is clearly possible (below) nobody moved;
    elsewhere the moves are printed with their reasons;
  - `tsunagu diff OLD NEW`: its counts line agrees with the ids added and
    removed, the seats changed and the tables whose members changed.

"Staying is clearly possible" in a session: with every continuing person at
their old table, each table still meets the session's hard rules (both
sides of the room when mix is hard, an experienced member when experienced
is hard, no colleagues when colleagues is hard) -- or a newcomer of its
own, one per missing side or member, makes it so -- no table is above the
re-plan maximum, and the other newcomers of each track (the whole room
for an exchange session) are at least the total shortfall below the
re-plan minimum and at most the total room below the re-plan maximum.  Re-plan
sizes are [min(min_size, N/T), max(max_size, ceil(N/T))] (docs; N people
and T tables of the track).  Then seating the newcomers in the free seats
keeps every hard rule, so any move would be a needless one.

Exit 0 when every check held, 1 otherwise.
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

REGIONS = ["千葉", "東葛南部", "東葛北部", "印旛", "香取海匝", "山武長生夷隅", "安房", "君津", "市原"]
WELFARE = ("CSS", "CENTER")


class Replay:
    def __init__(self, seed, steps, workdir):
        self.seed = seed
        self.steps = steps
        self.dir = workdir
        self.rng = random.Random(seed)
        self.failures = []
        self.walkins = 0

    # -------------------------------------------------------------- helpers

    def fail(self, step, msg):
        line = "seed %d step %d: FAIL: %s" % (self.seed, step, msg)
        print(line)
        self.failures.append(line)

    def path(self, name):
        return os.path.join(self.dir, "s%d-%s" % (self.seed, name))

    def gen(self, count, seed, out):
        subprocess.run([sys.executable, h.GEN, "--count", str(count), "--seed", str(seed),
                        "-o", out], check=True)
        return h.read_csv(out)

    def checked_copy(self, plan_path, rows):
        """The plan as the checker should see it.  A walk-in has no record in
        an attendee file, so `tsunagu add` writes "line": 0; the current list
        holds the walk-in on some line, which is put in a copy of the plan
        for the checker (nothing else is changed)."""
        plan = h.read_plan(plan_path)
        line_of = {r["id"]: n + 2 for n, r in enumerate(rows)}  # header is line 1
        changed = False
        for a in plan["attendees"]:
            if a.get("line") == 0 and a["id"] in line_of:
                a["line"] = line_of[a["id"]]
                changed = True
        if not changed:
            return plan_path
        copy = plan_path + ".checked"
        with open(copy, "w", encoding="utf-8") as f:
            json.dump(plan, f, ensure_ascii=False, indent=2)
        return copy

    # -------------------------------------------------------------- checks

    def check_common(self, step, old_plan, new_path, rows, list_path, walkin_step):
        plan = h.read_plan(new_path)
        rc, out = h.check_plan(self.checked_copy(new_path, rows), list_path)
        if rc != 0:
            problems = out.strip().splitlines()
            if walkin_step:
                # A walk-in joins a table without moving anyone, so table sizes
                # of a first plan may become uneven (all within the range):
                # checked below instead of by the checker's evenness rule.
                problems = [p for p in problems if "uneven table sizes" not in p]
            for p in problems:
                self.fail(step, "checker: " + p)
        ids = [a["id"] for a in plan["attendees"]]
        want = [r["id"] for r in rows]
        if len(ids) != len(set(ids)):
            self.fail(step, "an id is in the plan twice")
        if set(ids) != set(want):
            self.fail(step, "plan ids differ from the list: missing %s, extra %s"
                      % (sorted(set(want) - set(ids)), sorted(set(ids) - set(want))))
        prof = {a["id"]: a["profession"] for a in plan["attendees"]}
        for s in plan["sessions"]:
            if s["kind"] == "sharing":  # seats nobody: the checker checks its running order
                continue
            seated = collections.Counter(m for t in s["tables"] for m in t["members"])
            for pid in want:
                n = seated.get(pid, 0)
                if n != (0 if prof.get(pid) == "OTHER" else 1):
                    self.fail(step, "session %s: %s seated %d times" % (s["id"], pid, n))
        self.check_diff(step, old_plan, plan, new_path)
        return plan

    def check_diff(self, step, old, new, new_path):
        old_path = self.path("step%02d.json" % (step - 1))
        p = h.run("diff", old_path, new_path)
        if p.returncode != 0:
            self.fail(step, "tsunagu diff exited %d: %s" % (p.returncode, p.stderr.strip()))
            return
        old_ids = {a["id"] for a in old["attendees"]}
        new_ids = {a["id"] for a in new["attendees"]}
        added, left = len(new_ids - old_ids), len(old_ids - new_ids)
        moves = changed = 0
        for s in new["sessions"]:
            was, now = h.seat_of(old, s["id"]), h.seat_of(new, s["id"])
            moves += sum(1 for pid, t in now.items() if pid in was and was[pid] != t)
            old_tables = {t: set(ms) for t, ms in h.tables(old, s["id"]).items()}
            for t, ms in h.tables(new, s["id"]).items():
                changed += old_tables.get(t) != set(ms)
        last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
        m = re.match(r"(\d+) new, (\d+) left, (\d+) moves, (\d+) tables changed$", last)
        got = tuple(int(x) for x in m.groups()) if m else (0, 0, 0, 0) if last == "No changes." else None
        want = (added, left, moves, changed)
        if got != want:
            self.fail(step, "tsunagu diff says %r, expected %d new, %d left, %d moves, %d tables changed"
                      % (last, *want))
        return want

    def check_walkin(self, step, old, new, wid):
        for s in new["sessions"]:
            was, now = h.seat_of(old, s["id"]), h.seat_of(new, s["id"])
            for pid, t in was.items():
                if now.get(pid) != t:
                    self.fail(step, "add moved %s in session %s: %s -> %s" % (pid, s["id"], t, now.get(pid)))
            spec = next(x for x in new["event"]["sessions"] if x["id"] == s["id"])
            for tid, ms in h.tables(new, s["id"]).items():
                if wid in ms and len(ms) > spec["size"]["max"]:
                    self.fail(step, "walk-in %s seated at full table %s/%s (%d > %d)"
                              % (wid, s["id"], tid, len(ms), spec["size"]["max"]))

    def staying_possible(self, old, new_rows, spec):
        """(True, "") when staying is clearly possible in the session (see the
        module comment), else (False, the reason)."""
        sid = spec["id"]
        rules = spec.get("rules") or {}
        hard = lambda r: (rules.get(r) or {}).get("hard") is True
        person = {r["id"]: r for r in new_rows}
        old_seat = h.seat_of(old, sid)
        old_tables = h.session(old, sid)["tables"]
        seated_new = [r for r in new_rows if r["profession"] != "OTHER"]
        if spec["kind"] == "exchange":
            parts = [(None, old_tables, seated_new)]
        else:
            parts = []
            for tr in spec["tracks"]:
                ts = [t for t in old_tables if t.get("track") == tr["id"]]
                ps = [r for r in seated_new if r["profession"] in tr["professions"]]
                if ps and not ts:
                    return False, "track %s had no group before" % tr["id"]
                parts.append((tr["id"], ts, ps))
        lo, hi = spec["size"]["min"], spec["size"]["max"]
        room_msw = any(r["profession"] == "MSW" for r in seated_new)
        room_welfare = any(r["profession"] in WELFARE for r in seated_new)
        for track, ts, ps in parts:
            if not ts:
                continue
            n, T = len(ps), len(ts)
            lo_r, hi_r = min(lo, n // T), max(hi, -(-n // T))
            free = [r for r in ps if r["id"] not in old_seat]  # newcomers not yet placed
            at = {t["id"]: [person[m] for m in t["members"] if m in person] for t in ts}
            # Deficits a newcomer can fill: a missing side, a missing
            # experienced member.  Filling each with its own newcomer (when
            # there is one) is one way to stay, so it is enough to show one.
            needs = []
            if spec["kind"] == "exchange" and hard("mix") and room_msw and room_welfare:
                needs += [("MSW", lambda r: r["profession"] == "MSW"),
                          ("CSS/CENTER", lambda r: r["profession"] in WELFARE)]
            if hard("experienced") and sum(r["experience"] == "experienced" for r in ps) >= T:
                needs.append(("experienced", lambda r: r["experience"] == "experienced"))
            for t in ts:
                for what, has in needs:
                    if any(has(r) for r in at[t["id"]]):
                        continue
                    fill = next((r for r in free if has(r)), None)
                    if fill is None:
                        return False, "table %s loses its %s and no newcomer can fill it" % (t["id"], what)
                    free.remove(fill)
                    at[t["id"]].append(fill)
            if hard("colleagues"):
                for t in ts:
                    orgs = [r["organization"] for r in at[t["id"]] if r["organization"]]
                    if len(orgs) != len(set(orgs)):
                        return False, "table %s keeps colleagues" % t["id"]
            shortfall = room = 0
            for t in ts:
                k = len(at[t["id"]])
                if k > hi_r:
                    return False, "table %s keeps %d > %d" % (t["id"], k, hi_r)
                shortfall += max(0, lo_r - k)
                room += hi_r - k
            if not shortfall <= len(free) <= room:
                return False, "%s: %d newcomers left for a shortfall of %d and room for %d" % (
                    "track " + track if track else "room", len(free), shortfall, room)
        return True, ""

    def check_replan(self, step, old, new, rows):
        for spec in new["event"]["sessions"]:
            sid = spec["id"]
            if spec["kind"] == "sharing":  # seats nobody: nobody moves
                continue
            before = [(t["id"], t["label"], t.get("regions"), t.get("track"))
                      for t in h.session(old, sid)["tables"]]
            after = [(t["id"], t["label"], t.get("regions"), t.get("track"))
                     for t in h.session(new, sid)["tables"]]
            if after[:len(before)] != before:
                self.fail(step, "session %s: tables changed ids, labels or regions" % sid)
            moves = [m for m in new.get("moves") or [] if m["session"] == sid and m["from"] and m["to"]]
            moved = h.score(new, sid, "moved")[0]
            ok, why = self.staying_possible(old, rows, spec)
            if ok:
                if moved != 0:
                    self.fail(step, "session %s: staying was possible but %d moved: %s" % (
                        sid, moved, "; ".join("%s %s->%s (%s)" % (m["id"], m["from"], m["to"], m["why"])
                                              for m in moves)))
                print("    %s: staying possible, moved %d" % (sid, moved))
            else:
                print("    %s: staying not clearly possible (%s), moved %d%s" % (
                    sid, why, moved,
                    "".join("\n      %s %s->%s: %s" % (m["id"], m["from"], m["to"], m["why"]) for m in moves)))
                if moved != len(moves):
                    self.fail(step, "session %s: moved score %d but %d moves listed" % (sid, moved, len(moves)))
                if "no newcomer can fill it" in why and moved == 0:
                    self.fail(step, "session %s: %s, yet nobody moved" % (sid, why))
                new_tables = {t["id"] for t in h.session(new, sid)["tables"]}
                for m in moves:
                    gone = m["from"] not in new_tables
                    if gone != m["why"].startswith("their table no longer exists"):
                        self.fail(step, "move of %s: reason %r but table %s %s" % (
                            m["id"], m["why"], m["from"], "is gone" if gone else "still exists"))

    # -------------------------------------------------------------- steps

    def replan_step(self, step, rows, old_path, forced):
        cancel = self.rng.sample(rows, self.rng.randint(1, 4))
        gone = {r["id"] for r in cancel}
        late = self.gen(20, self.seed * 1000 + step, self.path("late%02d.csv" % step))
        if forced:
            # Every MSW of one morning table cancels and only specialists
            # sign up late: that table lost a side nobody new can bring, so
            # an MSW must move there.
            old = h.read_plan(old_path)
            prof = {a["id"]: a["profession"] for a in old["attendees"]}
            table = self.rng.choice(h.session(old, "morning")["tables"])
            gone |= {m for m in table["members"] if prof[m] == "MSW"}
            late = [r for r in late if r["profession"] == "CSS"]
            print("step %d: forced move: every MSW of morning table %s cancels" % (step, table["id"]))
        late = self.rng.sample(late, min(len(late), self.rng.randint(1, 5)))
        for n, r in enumerate(late):
            r["id"] = "L%d-%02d-%d" % (self.seed, step, n)
        new_rows = [r for r in rows if r["id"] not in gone] + late
        list_path = self.path("list%02d.csv" % step)
        h.write_csv(list_path, new_rows)
        new_path = self.path("step%02d.json" % step)
        p = h.run("solve", list_path, "--previous", old_path, "-o", new_path)
        print("step %d: re-plan, %d cancelled (%s), %d late (%s)" % (
            step, len(gone), " ".join(sorted(gone)), len(late), " ".join(r["id"] for r in late)))
        return p, new_rows, list_path, new_path

    def walkin_step(self, step, rows, old_path):
        self.walkins += 1
        prof = self.rng.choice(["MSW", "MSW", "CSS", "CSS", "CENTER"])
        region = self.rng.choice(REGIONS)
        row = {"id": "", "name": "飛込　%d%02d" % (self.seed, step),
               "kana": "トビコミ　%d%02d" % (self.seed, step), "profession": prof,
               "organization": self.rng.choice([r["organization"] for r in rows] + ["当日病院"] * 3),
               "region": region, "interest_regions": "", "experience": "experienced"}
        new_path = self.path("step%02d.json" % step)
        p = h.run("add", old_path, "--name", row["name"], "--kana", row["kana"], "--profession", prof,
                  "--organization", row["organization"], "--region", region, "-o", new_path)
        print("step %d: walk-in %s %s (%s, %s)" % (step, prof, row["name"], row["organization"], region))
        new_rows = rows
        list_path = self.path("list%02d.csv" % step)
        if p.returncode == 0:
            old_ids = {a["id"] for a in h.read_plan(old_path)["attendees"]}
            new_ids = [a["id"] for a in h.read_plan(new_path)["attendees"] if a["id"] not in old_ids]
            if len(new_ids) != 1:
                self.fail(step, "add made %d new attendees: %s" % (len(new_ids), new_ids))
            row["id"] = new_ids[0] if new_ids else "?"
            new_rows = rows + [row]
        h.write_csv(list_path, new_rows)
        return p, new_rows, list_path, new_path

    def run(self):
        list0 = self.path("list00.csv")
        rows = self.gen(100, self.seed, list0)
        plan0 = self.path("step00.json")
        p = h.run("solve", list0, "-o", plan0)
        if p.returncode != 0:
            self.fail(0, "first solve exited %d: %s" % (p.returncode, p.stderr))
            return self.failures
        rc, out = h.check_plan(plan0, list0)
        if rc != 0:
            self.fail(0, "checker: " + out)
        print("seed %d: %d attendees solved" % (self.seed, len(rows)))
        kinds = ["replan"] * self.steps
        for k in self.rng.sample(range(self.steps), max(2, self.steps * 2 // 5)):
            kinds[k] = "walkin"
        last_replan = max(k + 1 for k in range(self.steps) if kinds[k] == "replan")
        for step in range(1, self.steps + 1):
            old_path = self.path("step%02d.json" % (step - 1))
            old = h.read_plan(old_path)
            if kinds[step - 1] == "walkin":
                p, new_rows, list_path, new_path = self.walkin_step(step, rows, old_path)
            else:
                forced = step == last_replan or self.rng.random() < 0.2
                p, new_rows, list_path, new_path = self.replan_step(step, rows, old_path, forced)
            if p.returncode != 0:
                if kinds[step - 1] == "walkin" and p.returncode == 1 and "full" in p.stderr:
                    print("    room full, walk-in refused: %s" % p.stderr.strip())
                    shutil.copy(old_path, new_path)
                    continue
                self.fail(step, "exit %d\n%s%s" % (p.returncode, p.stdout, p.stderr))
                if os.path.exists(new_path):
                    self.fail(step, "a failed step wrote %s" % new_path)
                return self.failures
            new = self.check_common(step, old, new_path, new_rows, list_path, kinds[step - 1] == "walkin")
            if kinds[step - 1] == "walkin":
                self.check_walkin(step, old, new, new_rows[-1]["id"])
            else:
                self.check_replan(step, old, new, new_rows)
            rows = new_rows
            print("    %d on the list, checks done" % len(rows))
        return self.failures


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, action="append", help="seed (repeatable; default 1 2 3)")
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--dir", help="keep the lists and plans here (default: a temporary folder)")
    args = ap.parse_args(argv)
    work = args.dir or tempfile.mkdtemp(prefix="tsunagu-replay-")
    os.makedirs(work, exist_ok=True)
    failures = []
    for seed in args.seed or [1, 2, 3]:
        failures += Replay(seed, args.steps, work).run()
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    print("%d failure(s)" % len(failures) if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
