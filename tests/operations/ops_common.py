"""ops_common.py - what the random day-of operations share, whether they
drive the command line (ops_cli.py) or the web page's API (ops_web.py):
the lists they start from and edit, the walk-ins they make up, and the
model of who the day's people are, which every plan is checked against
without trusting tsunagu.

The model: the list a plan seats, the walk-ins not (yet) in it, and the
people cancelled at the desk.  A plan must hold exactly the list plus the
walk-ins less the cancelled - nobody lost, nobody twice - record exactly
those cancellations, be accepted by the independent checker
(tests/checker/check_plan.py, run in-process) against that list, and hold
every pin it was asked to.
"""

import contextlib
import csv
import importlib.machinery
import importlib.util
import io
import json
import os
import sys

HEADER = ["id", "name", "kana", "profession", "organization", "region", "interest_regions",
          "experience"]
FAMILY = ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤"]
GIVEN = ["一郎", "花子", "健", "美咲", "大輔", "陽子", "翔太", "由美", "誠", "恵"]
REGIONS = ["千葉", "東葛南部", "東葛北部", "印旛", "山武長生夷隅", "市原", "君津"]


class Failure(Exception):
    pass


_modules = {}


def _load(src, name, path):
    """A module of the source tree, loaded once (tools/gen has no .py)."""
    if name not in _modules:
        loader = importlib.machinery.SourceFileLoader(name, os.path.join(src, *path))
        spec = importlib.util.spec_from_loader(name, loader)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        _modules[name] = module
    return _modules[name]


def checker(src):
    """The independent checker, tests/checker/check_plan.py."""
    return _load(src, "check_plan", ["tests", "checker", "check_plan.py"])


def generate_rows(src, count, seed):
    """A fictional list from tools/gen (the bytes `tools/gen --count N
    --seed S` writes), as rows: dicts of HEADER's fields, all strings."""
    gen = _load(src, "tsunagu_gen", ["tools", "gen"])
    buf = io.BytesIO()
    gen.write_csv(gen.Generator(gen.default_regions(), seed).generate(count), buf)
    return list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"))))


def list_bytes(rows):
    """The list as a UTF-8 CSV with HEADER's columns."""
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in HEADER})
    return out.getvalue().encode("utf-8")


def write_list(path, rows):
    with open(path, "wb") as f:
        f.write(list_bytes(rows))


class People:
    """Who the day's people should be, kept by the test, never read from a plan."""

    def __init__(self, src, rng, rows):
        self.check_plan = checker(src)
        self.rng = rng
        self.rows = rows        # the list the plan seats (dicts)
        self.walkins = {}       # id -> row, walk-ins not in the list
        self.cancelled = {}     # id -> row, cancelled at the desk
        self.n_walkins = 0
        self.n_late = 0

    def ids(self):
        """ids the plan must hold: the list, walk-ins not in it, less the cancelled."""
        return ({r["id"] for r in self.rows} | set(self.walkins)) - set(self.cancelled)

    def row(self, who):
        """The record of someone in the plan or cancelled (walk-in or listed)."""
        if who in self.walkins:
            return self.walkins[who]
        if who in self.cancelled:
            return self.cancelled[who]
        return next(r for r in self.rows if r["id"] == who)

    def same_person(self, a, b):
        key = self.check_plan.text_key
        return key(a["name"]) == key(b["name"]) and key(a["organization"]) == key(b["organization"])

    def new_walkin(self):
        """A made-up walk-in (no id: the desk gives one)."""
        rng = self.rng
        self.n_walkins += 1
        name = "%s　%s%d" % (rng.choice(FAMILY), rng.choice(GIVEN), self.n_walkins)
        return {"name": name, "kana": "", "profession": rng.choice(["MSW", "CSS", "CENTER"]),
                "organization": "当日病院%d" % self.n_walkins, "region": rng.choice(REGIONS),
                "interest_regions": "", "experience": "experienced"}

    def cancel(self, who):
        self.cancelled[who] = self.walkins.pop(who, None) or next(r for r in self.rows
                                                                  if r["id"] == who)

    def restore(self, who):
        """Back from the list when it has them; else the desk's own record (a walk-in)."""
        row = self.cancelled.pop(who)
        if not any(r["id"] == who for r in self.rows):
            self.walkins[who] = row

    def edited(self, rows):
        """An edited copy of rows: people leave, late signups come, maybe a
        walk-in or someone cancelled turns up in it.  The walk-ins stay
        walk-ins until a plan seats the new list (seat_list)."""
        rng = self.rng
        rows = list(rows)
        for _ in range(rng.randint(0, 2)):
            if len(rows) > 12:
                rows.pop(rng.randrange(len(rows)))  # left: someone cancelled stays so
        for _ in range(rng.randint(0, 2)):
            self.n_late += 1
            rows.append({"id": "L%04d" % self.n_late, "name": "遅%s　%s" % (rng.choice(FAMILY), self.n_late),
                         "kana": "", "profession": rng.choice(["MSW", "CSS"]),
                         "organization": "遅い病院%d" % self.n_late, "region": rng.choice(REGIONS),
                         "interest_regions": "", "experience": "experienced"})
        unlisted = [wid for wid, w in sorted(self.walkins.items())
                    if not w.get("namesake") and
                    not any(r["id"] == wid or self.same_person(r, w) for r in rows)]
        if unlisted and rng.random() < 0.5:
            wid = rng.choice(unlisted)
            self.n_late += 1
            new_id = wid if rng.random() < 0.5 else "L%04d" % self.n_late
            rows.append(dict(self.walkins[wid], id=new_id))  # the same person, listed now
        if self.cancelled and rng.random() < 0.3:
            cid = rng.choice(sorted(self.cancelled))
            if not any(r["id"] == cid for r in rows):
                rows.append(dict(self.cancelled[cid]))  # listed again: stays cancelled
        return rows

    def seat_list(self, rows):
        """A plan seats list rows: walk-ins the list has now (same id, or the
        same person) are the list's; someone cancelled whom the list names
        under another id (a walk-in listed since) stays cancelled, as the
        list's record.  Returns {walk-in id: list id} for the walk-ins the
        list names under another id."""
        self.rows = rows
        renamed = {}
        for wid, w in list(self.walkins.items()):
            if any(r["id"] == wid for r in rows):
                del self.walkins[wid]
                continue
            listed = None if w.get("namesake") else next(
                (r for r in rows if self.same_person(r, w)), None)
            if listed:
                del self.walkins[wid]
                renamed[wid] = listed["id"]
        for cid, c in list(self.cancelled.items()):
            if c.get("namesake") or any(r["id"] == cid for r in rows):
                continue
            listed = next((r for r in rows if self.same_person(r, c)), None)
            if listed:
                del self.cancelled[cid]
                self.cancelled[listed["id"]] = listed
        return renamed

    def snapshot(self):
        return ([dict(r) for r in self.rows], {k: dict(v) for k, v in self.walkins.items()},
                {k: dict(v) for k, v in self.cancelled.items()})

    def restore_snapshot(self, snap):
        rows, walkins, cancelled = snap
        self.rows = [dict(r) for r in rows]
        self.walkins = {k: dict(v) for k, v in walkins.items()}
        self.cancelled = {k: dict(v) for k, v in cancelled.items()}

    def verify(self, what, plan_path, list_path, pins=()):
        """The plan at plan_path against the model and list_path (the list
        it seats): the day's people exactly once, the cancellations, the
        checker, and each pin (who, session, table).  Returns the plan."""
        with open(plan_path, encoding="utf-8") as f:
            plan = json.load(f)
        got = [a["id"] for a in plan["attendees"]]
        if len(got) != len(set(got)):
            raise Failure("%s: someone is in the plan twice: %s" % (what, sorted(got)))
        want = self.ids()
        if set(got) != want:
            raise Failure("%s: the plan's people differ from the day's\n  missing: %s\n  extra: %s"
                          % (what, sorted(want - set(got)), sorted(set(got) - want)))
        if {c["id"] for c in plan.get("cancelled", [])} != set(self.cancelled):
            raise Failure("%s: the plan's cancellations %s, expected %s"
                          % (what, sorted(c["id"] for c in plan.get("cancelled", [])),
                             sorted(self.cancelled)))
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            rc = self.check_plan.main([plan_path, list_path])
        if rc != 0:
            raise Failure("%s: the checker refused the plan:\n%s" % (what, out.getvalue()[-3000:]))
        seats = {a["id"]: a["seats"] for a in plan["attendees"]}
        for who, session, table in pins:
            if seats.get(who, {}).get(session) != table:
                raise Failure("%s: the pin %s=%s:%s did not hold (%s)"
                              % (what, who, session, table, seats.get(who)))
        return plan


def folder_bytes(folder):
    """Every file of a folder, byte for byte: {name: bytes}."""
    out = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            out[name] = f.read()
    return out


def changed_files(before, after):
    return sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))


def src_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


if __name__ == "__main__":
    sys.exit("ops_common.py is a module of ops_cli.py and ops_web.py")
