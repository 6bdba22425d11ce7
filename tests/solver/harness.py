"""harness.py - shared pieces of the solver acceptance tests: attendee lists
and event files written by the tests, running tsunagu, reading plans, and
running the independent checker (tests/checker/check_plan.py) on them.

The tsunagu binary is taken from $TSUNAGU (set by the ctest scripts), else
build/tsunagu under the source root.
"""

import csv
import json
import os
import re
import subprocess
import sys

SRC = os.environ.get("TSUNAGU_SRC") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BIN = os.environ.get("TSUNAGU") or os.path.join(SRC, "build", "tsunagu")
CHECKER = os.path.join(SRC, "tests", "checker", "check_plan.py")
GEN = os.path.join(SRC, "tools", "gen")

COLUMNS = ["id", "name", "kana", "profession", "organization", "region", "interest_regions",
           "experience"]
REQUEST_COLUMNS = ["pin_morning", "pin_afternoon", "together", "apart"]


def person(pid, profession, organization, region, experience="experienced", interests="", **extra):
    """One row of an attendee list.  The name and kana are made from the id,
    so tables list members in id order."""
    row = {"id": pid, "name": "参加者" + pid, "kana": "サンカシャ" + pid,
           "profession": profession, "organization": organization, "region": region,
           "interest_regions": interests, "experience": experience}
    row.update(extra)
    return row


def write_csv(path, rows):
    """Write rows (dicts) as a tsunagu attendee CSV (UTF-8, LF).  Request
    columns appear only when some row uses them."""
    cols = COLUMNS + [c for c in REQUEST_COLUMNS if any(c in r for r in rows)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def exchange(tables=None, lo=6, hi=10, rules=None, sid="morning"):
    return {"id": sid, "title": "交流 " + sid, "start": "11:10", "end": "12:10",
            "kind": "exchange", "tables": tables, "size": {"min": lo, "max": hi},
            "rules": rules or {}}


def workgroup(tables=None, lo=5, hi=8, rules=None, sid="afternoon", tracks=None):
    s = {"id": sid, "title": "グループワーク " + sid, "start": "13:00", "end": "15:00",
         "kind": "workgroup", "tables": tables, "size": {"min": lo, "max": hi},
         "rules": rules or {}}
    if tracks is not None:
        s["tracks"] = tracks
    return s


def event(*sessions):
    return {"format": "tsunagu-event", "version": 1, "title": "テストの会",
            "sessions": list(sessions)}


def write_json(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


def run(*args, lang="en"):
    """Run tsunagu with args (messages in lang; None = the default, Japanese);
    CompletedProcess with text."""
    cmd = [BIN] + [str(a) for a in args]
    if lang and args and args[0] in ("solve", "add", "cancel", "restore", "diff", "check", "chart"):
        cmd += ["--lang", lang]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def read_plan(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_plan(plan_path, attendees_path):
    """Run the independent checker; (exit status, output)."""
    p = subprocess.run([sys.executable, CHECKER, plan_path, attendees_path],
                       capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout + p.stderr


def session(plan, sid):
    for s in plan["sessions"]:
        if s["id"] == sid:
            return s
    raise KeyError(sid)


def tables(plan, sid):
    """{table id: [member ids]} of a session."""
    return {t["id"]: list(t["members"]) for t in session(plan, sid)["tables"]}


def seat_of(plan, sid):
    """{attendee id: table id} of a session."""
    return {m: tid for tid, ms in tables(plan, sid).items() for m in ms}


def score(plan, sid, key):
    """(count, of) of a score."""
    s = plan["scores"][sid][key]
    return s["count"], s["of"]


def mask_seconds(text):
    return re.sub(r'"seconds": *[-+0-9.eE]+', '"seconds": X', text)
