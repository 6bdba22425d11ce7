#!/usr/bin/env python3
"""ops_web.py - random day-of operations against `tsunagu serve` (issue 14),
the web page's counterpart of ops_cli.py.

One server on a free loopback port with its own data folder; each sequence
is a fresh event (a list of 12-30 people) worked on by two interleaved
clients, as two browser tabs would: walk-ins (some of them someone already
in the plan or cancelled, some a namesake), cancellations, restorations,
mistakes (an unknown id, a list or settings with an error), moves (drag =
pin + re-plan, sometimes to another track's group), unpins, lists replaced
with an edited copy (people leave, late signups come, a walk-in or someone
cancelled turns up in it), settings changed, re-plans (plain, from scratch,
with new settings) and going back to an earlier plan.  Now and then the
other client cancels someone while a plan is being made: refused while it
is (409), or stored after the solve failed.

Each client keeps the revision it last saw and sends it as If-Match: after
the other client changed the event its write is refused (409) and it
reloads; sometimes a client sends an old revision on purpose.  The test
keeps its own model of the event - who should be seated (the list the plan
seats, the walk-ins, the cancelled), the pins, the settings, the revision,
each plan version - and after every step checks, without trusting tsunagu:

  - a stale write is refused with 409 naming the current revision and the
    changes since (their kinds as the model has them), and every file of
    the event is byte for byte as it was;
  - a refused change (422, a failed solve, a double registration) leaves
    every file byte for byte as it was and says why;
  - meta.json's revision and plan, history.json's revisions and kinds,
    pins.json and event.json are the model's;
  - the current plan holds exactly the day's people - the list it seats,
    plus the walk-ins not in it, less the cancelled - each once, records
    exactly those cancellations, holds every stored pin and records exactly
    those pins, and the independent checker (tests/checker/check_plan.py)
    accepts it against its list; every stored plan stays as it was when
    checked, and going back brings back that plan's seats and settings.

Usage: ops_web.py TSUNAGU SOURCE_ROOT SCRATCH [--sequences N] [--steps N] [--seed S]
                  [--sequence-seed S] [--reasons]
Exit 0 when every step of every sequence held; otherwise the first failure
is printed with its seed and step (--sequence-seed S runs that sequence
alone), and the scratch folder keeps the event's files and the list files.
--reasons counts why solves failed.
"""

import argparse
import copy
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import traceback

from ops_common import Failure, People, changed_files, folder_bytes, generate_rows, list_bytes

P_STALE = 0.15  # a client sends an old revision on purpose
RULES = ["colleagues", "experienced", "mix", "region", "regions_mixed", "new_people"]


def seating(doc):
    """The sessions of an event or a plan that seat people at tables
    (exchange, workgroup; a sharing session seats nobody)."""
    return [s for s in doc["sessions"] if s["kind"] in ("exchange", "workgroup")]


def typed_otherwise(body, rng):
    """The same person typed in another way: an ASCII space or none between
    family and given name, the reading in hiragana, full-width digits in the
    organisation (names and readings match across these)."""
    body = dict(body)
    body["name"] = body["name"].replace("\u3000", rng.choice([" ", ""]))
    body["kana"] = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in body["kana"])
    body["organization"] = "".join(chr(ord(ch) + 0xFEE0) if "0" <= ch <= "9" else ch
                                   for ch in body["organization"])
    return body


class Server:
    """tsunagu serve on a free loopback port, its data in folder/data."""

    def __init__(self, bin_, folder):
        self.data = os.path.join(folder, "data")
        self.err_path = os.path.join(folder, "serve.err")
        self.err = open(self.err_path, "wb")
        self.proc = subprocess.Popen([bin_, "serve", "--port", "0", "--data-dir", self.data,
                                      "--time-limit", "5"],
                                     stdout=subprocess.PIPE, stderr=self.err)
        url = self.proc.stdout.readline().decode().strip()
        if not url.startswith("http://127.0.0.1:"):
            self.stop()
            raise Failure("tsunagu serve printed no loopback address: %r (see %s)"
                          % (url, self.err_path))
        self.port = int(url.rstrip("/").rsplit(":", 1)[1])

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()


class Client:
    """One tab: its own connection and the revision it last saw."""

    def __init__(self, name, server, log):
        self.name = name
        self.server = server
        self.log = log
        self.conn = None
        self.rev = 0

    def call(self, method, path, body=None, raw=None, base=None):
        headers = {"X-Tsunagu": "1"}
        if base is not None:
            headers["If-Match"] = '"%d"' % base
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        sep = "&" if "?" in path else "?"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
            try:
                self.conn.request(method, path + sep + "lang=en", body=data, headers=headers)
                r = self.conn.getresponse()
                text = r.read()
                break
            except (OSError, http.client.HTTPException) as e:
                self.conn.close()
                self.conn = None
                if attempt or not self.server.alive():
                    raise Failure("%s %s: no answer (%s); the server %s"
                                  % (method, path, e, "runs" if self.server.alive() else
                                     "exited with %s" % self.server.proc.returncode))
        try:
            doc = json.loads(text or b"{}")
        except ValueError:
            doc = {}
        shown = body if body is not None else ("<%d bytes>" % len(raw) if raw is not None else "")
        self.log.append("%s: %s %s If-Match %s %s -> %d %s" % (
            self.name, method, path, base, json.dumps(shown, ensure_ascii=False)[:200], r.status,
            text[:400].decode("utf-8", "replace")))
        return r.status, doc, r.getheader("ETag")


class WebDay:
    """One sequence: an event of the server and what it should hold."""

    def __init__(self, server, src, folder, rng, log, counts, reasons=None):
        self.server = server
        self.reasons = reasons  # why solves failed, when asked (--reasons)
        self.counts = counts
        self.folder = folder
        self.rng = rng
        self.log = log
        self.clients = [Client("A", server, log), Client("B", server, log)]
        rows = generate_rows(src, rng.randint(12, 30), rng.randint(1, 10**6))
        # More newcomers than tools/gen makes (up to three quarters of each
        # track), so that a cancellation may leave a table without an
        # experienced member (the page then re-plans the tables concerned).
        newcomers = rng.random() * 0.8
        for track in (["MSW"], ["CSS", "CENTER"]):
            people = [r for r in rows if r["profession"] in track]
            for k, r in enumerate(people):
                if k >= len(people) * 3 // 4:
                    r["experience"] = "experienced"  # a quarter at least, for the groups
                elif rng.random() < newcomers:
                    r["experience"] = "planning"
        self.people = People(src, rng, rows)
        self.n_lists = 0
        self.list_path = self.new_list_file(rows)
        self.pending = None     # (rows, path): a list uploaded, not seated yet
        self.pins = {}          # (who, session) -> table
        self.rev = 0            # the event's revision
        self.kinds = {}         # revision -> kind of change
        self.version = 0        # the current plan's version
        self.plans = {}         # version -> {people, list_path, seats, settings, sha}
        self.eid = None
        self.event_dir = None
        self.settings = None    # the stored settings (event.json)
        self.initial = None     # the settings the event started with
        self.plan_settings = None  # the settings the current plan was made with

    # ---- files and calls
    def new_list_file(self, rows, raw=None):
        """The list as a file for the checker: the bytes uploaded."""
        self.n_lists += 1
        path = os.path.join(self.folder, "list-%d.csv" % self.n_lists)
        with open(path, "wb") as f:
            f.write(raw if raw is not None else list_bytes(rows))
        return path

    def api(self, action):
        return "/api/events/%s/%s" % (self.eid, action) if action else "/api/events/" + self.eid

    def files(self):
        return folder_bytes(self.event_dir)

    def same_files(self, before, what):
        changed = changed_files(before, self.files())
        if changed:
            raise Failure("%s: refused, but these files changed: %s" % (what, changed))

    def expect(self, got, want, what, doc=None):
        if got not in (want if isinstance(want, tuple) else (want,)):
            raise Failure("%s: answered %s, expected %s\n%s"
                          % (what, got, want, json.dumps(doc, ensure_ascii=False)[:1500]))

    def committed(self, client, kind, doc, etag, what):
        """A change was stored: the model's revision moves on."""
        self.rev += 1
        self.kinds[self.rev] = kind
        if doc.get("revision") != self.rev or etag != '"%d"' % self.rev:
            raise Failure("%s: answered revision %s (ETag %s), expected %d"
                          % (what, doc.get("revision"), etag, self.rev))
        client.rev = self.rev

    def expect_conflict(self, client, method, path, body, raw, base, before, what):
        status, doc, etag = client.call(method, path, body, raw, base)
        self.expect(status, 409, "%s from revision %d (now %d)" % (what, base, self.rev), doc)
        if doc.get("conflict") is not True or doc.get("revision") != self.rev or \
                doc.get("base") != base or etag != '"%d"' % self.rev:
            raise Failure("%s: the 409 says %s" % (what, json.dumps(doc, ensure_ascii=False)[:800]))
        said = [(c.get("revision"), c.get("kind")) for c in doc.get("changes", [])]
        want = [(r, self.kinds[r]) for r in range(base + 1, self.rev + 1)]
        if said != want or not all(c.get("text") for c in doc["changes"]) or doc.get("more"):
            raise Failure("%s: the 409 lists the changes %s, expected %s" % (what, said, want))
        self.same_files(before, what + " (stale)")

    def reload(self, client):
        status, doc, etag = client.call("GET", self.api(""))
        self.expect(status, 200, "%s reloads" % client.name, doc)
        if doc.get("revision") != self.rev or etag != '"%d"' % self.rev:
            raise Failure("%s reloads: revision %s, ETag %s, expected %d"
                          % (client.name, doc.get("revision"), etag, self.rev))
        client.rev = self.rev
        return doc

    def write(self, client, method, action, body=None, raw=None, what=""):
        """Send a change as client: maybe first from an old revision on
        purpose, and from the client's own revision when the other client
        changed the event since (refused: it reloads and sends again).
        Returns status, doc, etag and the event's files before."""
        path = self.api(action)
        before = self.files()
        if self.rev > 1 and self.rng.random() < P_STALE:
            base = self.rng.randint(max(1, self.rev - 3), self.rev - 1)
            self.expect_conflict(client, method, path, body, raw, base, before, what + " on purpose")
            self.tally("stale on purpose 409")
        if client.rev != self.rev:
            self.expect_conflict(client, method, path, body, raw, client.rev, before, what)
            self.tally("stale 409, reloaded")
            self.reload(client)
        status, doc, etag = client.call(method, path, body, raw, client.rev)
        return status, doc, etag, before

    def wait_job(self, client):
        delay = 0.001
        for _ in range(3000):
            status, job, _ = client.call("GET", self.api("job"))
            if job.get("state") not in ("queued", "running"):
                return job
            time.sleep(delay)
            delay = min(delay * 2, 0.02)
        raise Failure("the solve did not end: %s" % job)

    # ---- the model
    def track_of(self, session, profession):
        for t in session.get("tracks") or []:
            if profession in t["professions"]:
                return t
        return None

    def seatable(self, row):
        """Whether the desk finds row (a walk-in, someone restored) a seat in
        every session without moving anyone: a table of their track, with a
        chair free when the plan's settings fix the room (tables x size.max),
        and allowed by the hard rules that judge one seat - no colleague
        there (colleagues), their own or a chosen region's table (region)."""
        if row["profession"] == "OTHER":
            return True
        key = self.people.check_plan.text_key
        own = {row["region"]} | {r for r in (row.get("interest_regions") or "").split(";") if r}
        plan = self.current_plan()
        for spec in seating(self.plan_settings):
            rules = spec["rules"]
            track = self.track_of(spec, row["profession"]) if spec["kind"] == "workgroup" else None
            tables = next(x["tables"] for x in plan["sessions"] if x["id"] == spec["id"])
            if not any((track is None or t.get("track") == track["id"]) and
                       (spec.get("tables") is None or len(t["members"]) < spec["size"]["max"]) and
                       not (rules["colleagues"]["hard"] and
                            any(key(self.people.row(m)["organization"]) == key(row["organization"])
                                for m in t["members"])) and
                       not (spec["kind"] == "exchange" and rules["region"]["hard"] and
                            not own & set(t["regions"]))
                       for t in tables):
                return False
        return True

    def new_plan(self, what):
        """A plan version was stored: check it, keep what it holds."""
        self.version += 1
        self.verify(what)

    def seat_pending(self):
        """A plan seated the list uploaded last: its people are the day's;
        a walk-in it names under another id keeps their pins under that
        id, and the pins of people it no longer names go with them."""
        if self.pending:
            rows, path = self.pending
            renamed = self.people.seat_list(rows)
            self.list_path = path
            self.pending = None
            ids = self.people.ids()
            self.pins = {(renamed.get(w, w), s): t for (w, s), t in self.pins.items()
                         if renamed.get(w, w) in ids}

    def verify(self, what):
        """The event's files against the model (see the module's comment)."""
        files = self.files()
        meta = json.loads(files["meta.json"])
        if meta.get("revision") != self.rev or meta.get("plan", 0) != self.version:
            raise Failure("%s: meta.json is at revision %s, plan %s; expected %d, %d"
                          % (what, meta.get("revision"), meta.get("plan"), self.rev, self.version))
        history = [(h.get("revision"), h.get("kind")) for h in json.loads(files["history.json"])]
        if history != [(r, self.kinds[r]) for r in range(1, self.rev + 1)]:
            raise Failure("%s: history.json holds %s" % (what, history))
        pins = {(p["attendee"], p["session"]): p["table"] for p in json.loads(files["pins.json"])}
        if pins != self.pins:
            raise Failure("%s: pins.json holds %s, expected %s" % (what, pins, self.pins))
        if json.loads(files["event.json"]) != self.settings:
            raise Failure("%s: event.json is not the settings sent" % what)
        for v, kept in self.plans.items():
            if hashlib.sha256(files["plan-%04d.json" % v]).hexdigest() != kept["sha"]:
                raise Failure("%s: plan-%04d.json changed after it was stored" % (what, v))
        if self.version == 0 or self.version in self.plans:
            return
        name = "plan-%04d.json" % self.version
        if self.pins:
            self.tally("plans checked with pins")
        plan = self.people.verify("%s (%s)" % (what, name), os.path.join(self.event_dir, name),
                                  self.list_path,
                                  [(w, s, t) for (w, s), t in sorted(self.pins.items())])
        pinned = {(p["id"], p["session"]): p["table"] for p in plan.get("pinned", [])}
        if pinned != self.pins:
            raise Failure("%s: %s records the pins %s, the page's are %s"
                          % (what, name, pinned, self.pins))
        status, served, _ = self.clients[0].call("GET", self.api("plan.json"))
        if status != 200 or served != json.loads(files[name]):
            raise Failure("%s: GET plan.json is not %s" % (what, name))
        self.plans[self.version] = {
            "people": self.people.snapshot(), "list_path": self.list_path,
            "seats": {a["id"]: a["seats"] for a in plan["attendees"]},
            "settings": copy.deepcopy(self.plan_settings),
            "sha": hashlib.sha256(files[name]).hexdigest()}

    # ---- the start
    def create(self):
        c = self.clients[0]
        raw = list_bytes(self.people.rows)
        status, doc, etag = c.call("POST", "/api/events?name=list-1.csv", raw=raw)
        self.expect(status, 201, "a new event", doc)
        self.eid = doc["id"]
        self.event_dir = os.path.join(self.server.data, "events", self.eid)
        self.committed(c, "created", doc, etag, "a new event")
        doc = self.reload(c)
        self.settings = doc["settings"]
        self.initial = copy.deepcopy(self.settings)
        self.verify("a new event")
        self.solve(c, {}, "the first plan", must=True)

    # ---- steps
    def solve(self, client, body, what, must=False, kind=None, settings=None, pin=None):
        """A solve (or a move, kind "move"): 202, then the job ends done (a
        new plan) or failed (nothing stored, a reason given).  Sometimes the
        other client cancels someone meanwhile (interject)."""
        action = "move" if kind == "move" else "solve"
        status, doc, etag, before = self.write(client, "POST", action, body, what=what)
        self.expect(status, 202, what, doc)
        if doc.get("revision") != self.rev:
            raise Failure("%s: the 202 says revision %s, expected %d" % (what, doc.get("revision"), self.rev))
        during = None if must or self.rng.random() >= 0.1 else self.interject(client, what)
        job = self.wait_job(client)
        if during and job.get("state") != "failed":
            raise Failure("%s: a cancellation was stored while the plan was made, and the job "
                          "ended %s" % (what, job.get("state")))
        if job.get("state") == "failed" and not must:
            if not job.get("error") or job.get("revision") != self.rev:
                raise Failure("%s: failed without a reason or at another revision: %s" % (what, job))
            if "could not be saved" in job["error"]:
                raise Failure("%s: solved but not stored: %s" % (what, job))
            if during:
                self.cancelled_during(during)
            else:
                self.same_files(before, what + " (failed)")
                self.verify(what + " (failed)")
            self.tally("solve failed")
            if self.reasons is not None:
                first = (job.get("diags") or [{}])[0].get("text", job["error"])
                key = re.sub(r"[0-9]+", "N", re.sub(r"\S*[　]\S*|G[0-9]+|[LW][0-9]+", "X", first))[:110]
                self.reasons[key] = self.reasons.get(key, 0) + 1
            return False
        if job.get("state") != "done":
            raise Failure("%s: the job ended %s" % (what, json.dumps(job, ensure_ascii=False)[:2000]))
        if kind is None:
            kind = "settings_plan" if settings is not None and settings != self.settings else \
                "fresh" if body.get("fresh") else "plan"
        self.committed(client, kind, {"revision": job.get("revision")}, '"%d"' % job.get("revision"), what)
        if job.get("plan") != self.version + 1:
            raise Failure("%s: the job stored plan %s, expected %d" % (what, job.get("plan"), self.version + 1))
        if settings is not None:
            self.settings = settings
        if pin:
            self.pins[pin[:2]] = pin[2]
        self.plan_settings = copy.deepcopy(self.settings)
        self.seat_pending()
        self.new_plan(what)
        return True

    def interject(self, solving, what):
        """While solving's solve runs, the other client (just reloaded)
        cancels someone: refused (409) while the event solves, or after the
        job committed (another revision).  Only when the job has already
        failed may it go ahead (or be refused as any cancellation may be):
        returns (client, who, answer, etag) when it was stored."""
        other = self.clients[1 - self.clients.index(solving)]
        who = self.rng.choice(sorted(self.people.ids()))
        status, doc, etag = other.call("POST", self.api("remove"), {"attendee": who}, base=self.rev)
        if status == 409 and doc.get("error"):
            self.tally("busy 409" if not doc.get("conflict") else "busy, then conflict 409")
            return None
        if status == 422 and doc.get("diags"):  # after the job failed: a re-plan cannot hold without them
            self.tally("remove refused 422")
            return None
        self.expect(status, 200, "cancel %s during %s" % (who, what), doc)
        return other, who, doc, etag

    def cancelled_during(self, during):
        other, who, doc, etag = during
        self.committed(other, "remove", doc, etag, "cancel %s after a failed solve" % who)
        self.people.cancel(who)
        self.pins = {k: t for k, t in self.pins.items() if k[0] != who}
        self.new_plan("cancel %s after a failed solve" % who)

    def tally(self, what):
        self.counts[what] = self.counts.get(what, 0) + 1

    def client(self):
        return self.clients[self.rng.randrange(2)]

    def desk(self, path, body, what, kind, want):
        """A walk-in, cancellation or restoration: 200 and a new plan, or
        refused (want names the status) with every file as it was.
        Returns the status and the answer."""
        c = self.client()
        status, doc, etag, before = self.write(c, "POST", path, body, what=what)
        self.expect(status, want, what, doc)
        if status != 200:
            if not (doc.get("diags") or doc.get("error")):
                raise Failure("%s: refused (%d) without saying why" % (what, status))
            self.tally("%s refused %d" % (kind, status))
            self.same_files(before, what)
            self.verify(what)
            return status, doc
        self.committed(c, kind, doc, etag, what)
        if doc.get("moved"):
            self.tally("cancel re-planned tables")
        return status, doc

    def add_walkin(self):
        row = self.people.new_walkin()
        body = {k: row[k] for k in ("name", "kana", "profession", "organization", "region", "experience")}
        status, doc = self.desk("add", body, "add %s" % row["name"], "add",
                                200 if self.seatable(row) else 422)
        if status == 200:
            row["id"] = doc["attendee"]
            self.people.walkins[row["id"]] = row
            self.new_plan("add %s" % row["id"])

    def present_like(self, row, ids):
        return [w for w in ids if w != row.get("id") and self.people.same_person(self.people.row(w), row)
                and self.people.row(w).get("kana", "") == row.get("kana", "")]

    def add_again(self, cancelled):
        """Someone in the plan, or cancelled at the desk, typed in again:
        409 (same_person / cancelled: restore them), nothing stored."""
        pool = sorted(self.people.cancelled) if cancelled else sorted(self.people.ids())
        if not pool:
            return
        who = self.rng.choice(pool)
        row = self.people.row(who)
        body = {k: row.get(k, "") for k in ("name", "kana", "profession", "organization", "region")}
        if self.rng.random() < 0.5:  # typed another way: still the same person
            body = typed_otherwise(body, self.rng)
        what = "add %s (%s) again as %s" % (who, "cancelled" if cancelled else "in the plan",
                                            json.dumps(body, ensure_ascii=False))
        _, doc = self.desk("add", body, what, "add", 409)
        answers = {"cancelled"} if cancelled else {"same_person"}
        if self.present_like(row, self.people.ids()):
            answers.add("same_person")
        if any(self.people.same_person(self.people.cancelled[c], row) for c in self.people.cancelled
               if c != who):
            answers.add("cancelled")
        if not any(doc.get(a) is True for a in answers):
            raise Failure("%s: the 409 is not %s" % (what, " or ".join(sorted(answers))))

    def add_namesake(self):
        listed = [r for r in self.people.rows
                  if r["id"] in self.people.ids() and r["profession"] != "OTHER"]
        if not listed:
            return
        a = self.rng.choice(listed)
        body = {k: a.get(k, "") for k in ("name", "kana", "profession", "organization", "region")}
        body["force"] = True
        status, doc = self.desk("add", body, "add a namesake of %s" % a["id"], "add",
                                200 if self.seatable(a) else 422)
        if status == 200:
            wid = doc["attendee"]
            self.people.walkins[wid] = dict(body, id=wid, namesake=True, experience="experienced",
                                            interest_regions="")
            del self.people.walkins[wid]["force"]
            self.new_plan("add a namesake %s" % wid)

    def cancel(self):
        ids = sorted(self.people.ids())
        if not ids:
            return
        who = self.rng.choice(ids)
        # Without them a hard rule may break (a group's only experienced
        # member, a table's only one of a side): the tables concerned are
        # re-planned at once, or, when no plan holds the rule, the
        # cancellation is refused saying so (as `tsunagu cancel` does).
        # A group's roles are given again too, and a role that must go to
        # someone experienced may find nobody.
        row = self.people.row(who)
        experienced = row["experience"] != "planning"
        may_break = row["profession"] != "OTHER" and any(
            (experienced and spec["rules"]["experienced"]["hard"]) or
            ("mix" in spec["rules"] and spec["rules"]["mix"]["hard"]) or
            (experienced and any(r.get("rule") == "experienced" and r.get("hard")
                                 for r in spec.get("role_rules") or []))
            for spec in seating(self.plan_settings))
        want = (200, 422) if may_break else 200
        if self.desk("remove", {"attendee": who}, "cancel %s" % who, "remove", want)[0] == 200:
            self.people.cancel(who)
            self.pins = {k: t for k, t in self.pins.items() if k[0] != who}
            self.new_plan("cancel %s" % who)

    def unknown(self):
        """A cancellation of nobody, a restoration of someone not cancelled: 422."""
        if self.rng.random() < 0.5:
            self.desk("remove", {"attendee": "NOBODY-%d" % self.rng.randint(0, 99)},
                      "cancel an unknown id", "remove", 422)
        else:
            who = self.rng.choice(["NOBODY"] + sorted(self.people.ids()))
            self.desk("restore", {"attendee": who}, "restore %s, not cancelled" % who, "restore", 422)

    def restore(self):
        if not self.people.cancelled:
            return
        who = self.rng.choice(sorted(self.people.cancelled))
        want = 200 if self.seatable(self.people.cancelled[who]) else 422
        if self.desk("restore", {"attendee": who}, "restore %s" % who, "restore", want)[0] == 200:
            self.people.restore(who)
            self.new_plan("restore %s" % who)

    def current_plan(self):
        with open(os.path.join(self.event_dir, "plan-%04d.json" % self.version), encoding="utf-8") as f:
            return json.load(f)

    def move(self):
        plan = self.current_plan()
        ids = sorted(self.people.ids())
        who = self.rng.choice(ids)
        session = self.rng.choice(seating(plan))
        prof = self.people.row(who)["profession"]
        own = [t for t in session["tables"] if t.get("track") in (None, self.track_id(session["id"], prof))]
        other = [t for t in session["tables"] if t not in own]
        across = bool(other) and (not own or self.rng.random() < 0.15)
        table = self.rng.choice(other if across else own)["id"]
        body = {"attendee": who, "session": session["id"], "table": table}
        what = "move %s to %s:%s" % (who, session["id"], table)
        if prof == "OTHER" or across or self.region_refuses(who, session["id"], session["tables"],
                                                            table):  # refused before anything is stored
            c = self.client()
            status, doc, _, before = self.write(c, "POST", "move", body, what=what)
            self.expect(status, 422, what, doc)
            if not doc.get("error"):
                raise Failure("%s: refused without saying why" % what)
            self.tally("move refused 422")
            self.same_files(before, what)
            self.verify(what)
            return
        self.solve(self.client(), body, what, kind="move", pin=(who, session["id"], table))

    def region_refuses(self, who, session_id, tables, table):
        """Whether the stored settings make the region rule hard in this
        exchange session and the table is not of who's region or a region
        they chose: the move is refused before anything is stored."""
        spec = next(x for x in self.settings["sessions"] if x["id"] == session_id)
        if spec["kind"] != "exchange" or not spec["rules"]["region"]["hard"]:
            return False
        row = self.people.row(who)
        own = {row["region"]} | {r for r in (row.get("interest_regions") or "").split(";") if r}
        return not own & set(next(t for t in tables if t["id"] == table)["regions"])

    def track_id(self, session_id, profession):
        s = next(x for x in self.plan_settings["sessions"] if x["id"] == session_id)
        t = self.track_of(s, profession)
        return t["id"] if t else None

    def unpin(self):
        c = self.client()
        if self.pins and self.rng.random() < 0.7:
            who, session = self.rng.choice(sorted(self.pins))
            if self.rng.random() < 0.3:
                session = None  # every pin of who
        else:
            who = self.rng.choice(sorted(self.people.ids()))
            session = self.rng.choice([None, "morning", "afternoon"])
        body = {"attendee": who} if session is None else {"attendee": who, "session": session}
        what = "unpin %s %s" % (who, session or "(every session)")
        status, doc, etag, before = self.write(c, "POST", "unpin", body, what=what)
        self.expect(status, 200, what, doc)
        left = {k: t for k, t in self.pins.items() if not (k[0] == who and session in (None, k[1]))}
        if left == self.pins:  # no such pin: nothing stored
            self.tally("unpin of no pin")
            self.same_files(before, what + " (no such pin)")
            if doc.get("revision") != self.rev:
                raise Failure("%s: nothing to unpin, but revision %s" % (what, doc.get("revision")))
            c.rev = self.rev
            self.verify(what)
        else:  # stored, with a plan that no longer records the pin
            self.pins = left
            self.committed(c, "unpin", doc, etag, what)
            self.new_plan(what)

    def upload(self):
        base_rows = self.pending[0] if self.pending else self.people.rows
        rows = self.people.edited(base_rows)
        c = self.client()
        if self.rng.random() < 0.1:  # a list with an error: refused, nothing stored
            bad = [dict(r) for r in rows]
            self.rng.choice(bad)["profession"] = "MWS"
            status, doc, _, before = self.write(c, "POST", "attendees?name=bad.csv", raw=list_bytes(bad),
                                                what="a list with an error")
            self.expect(status, 422, "a list with an error", doc)
            if not doc.get("diags"):
                raise Failure("a list with an error: refused without saying why")
            self.same_files(before, "a list with an error")
            self.verify("a list with an error")
            return
        # as organisers save it: UTF-8, with a byte order mark, or Shift_JIS (CP932)
        encoding = self.rng.choice(["utf-8", "utf-8-sig", "cp932"])
        try:
            raw = list_bytes(rows).decode("utf-8").encode(encoding)
        except UnicodeEncodeError:  # a name Shift_JIS cannot write
            encoding, raw = "utf-8", list_bytes(rows)
        path = self.new_list_file(rows, raw)
        what = "replace the list (%s, %s)" % (os.path.basename(path), encoding)
        status, doc, etag, _ = self.write(c, "POST", "attendees?name=" + os.path.basename(path),
                                          raw=raw, what=what)
        self.expect(status, 200, what, doc)
        self.committed(c, "upload", doc, etag, what)
        self.pending = (rows, path)
        self.verify(what)

    def changed_settings(self):
        """The stored settings with one or two things changed (or back to
        how the event started)."""
        rng = self.rng
        if rng.random() < 0.25:
            return copy.deepcopy(self.initial)
        new = copy.deepcopy(self.settings)
        for _ in range(rng.randint(1, 2)):
            s = rng.choice(seating(new))
            what = rng.choice(["tables", "size", "hard", "weight"])
            exchange = s["kind"] == "exchange"
            if what == "tables":
                s["tables"] = None if rng.random() < 0.6 else rng.randint(2, 4) if exchange else rng.randint(1, 3)
            elif what == "size":
                lo = rng.randint(3, 6) if exchange else rng.randint(2, 5)
                s["size"] = {"min": lo, "max": rng.randint(lo, 10 if exchange else 8)}
            else:
                rule = s["rules"][rng.choice([r for r in RULES if r in s["rules"]])]
                if what == "hard":
                    rule["hard"] = not rule["hard"]
                else:
                    rule["weight"] = rng.randint(0, 50)
        return new

    def set_settings(self):
        c = self.client()
        new = self.changed_settings()
        if self.rng.random() < 0.1:  # settings with an error
            bad = copy.deepcopy(new)
            s = self.rng.choice(bad["sessions"])
            s["size"] = {"min": 9, "max": 3}
            status, doc, _, before = self.write(c, "PUT", "settings", bad, what="settings with an error")
            self.expect(status, 422, "settings with an error", doc)
            self.same_files(before, "settings with an error")
            self.verify("settings with an error")
            return
        status, doc, etag, _ = self.write(c, "PUT", "settings", new, what="settings")
        self.expect(status, 200, "settings", doc)
        self.committed(c, "settings", doc, etag, "settings")
        self.settings = new
        self.verify("settings")

    def replan(self):
        r = self.rng.random()
        if r < 0.5:
            self.solve(self.client(), {}, "re-plan")
        elif r < 0.7:
            self.solve(self.client(), {"fresh": True}, "start over")
        else:
            new = self.changed_settings()
            self.solve(self.client(), {"settings": new}, "re-plan with settings", settings=new)

    def undo(self):
        c = self.client()
        earlier = [v for v in self.plans if v < self.version]
        if not earlier or self.rng.random() < 0.1:
            v = self.rng.choice([0, self.version, self.version + 5])
            status, doc, _, before = self.write(c, "POST", "undo", {"plan": v}, what="go back to plan %d" % v)
            self.expect(status, 422, "go back to plan %d (none)" % v, doc)
            self.same_files(before, "go back to plan %d" % v)
            self.verify("go back to plan %d" % v)
            return
        v = self.rng.choice(earlier)
        what = "go back to plan %d" % v
        status, doc, etag, _ = self.write(c, "POST", "undo", {"plan": v}, what=what)
        self.expect(status, 200, what, doc)
        self.committed(c, "undo", doc, etag, what)
        then = self.plans[v]
        self.people.restore_snapshot(then["people"])
        self.list_path = then["list_path"]
        self.plan_settings = copy.deepcopy(then["settings"])
        # the settings that plan was made with come back; the day's name,
        # date and venue stay as they are (they seat nobody)
        heading = {k: self.settings[k] for k in ("title", "date", "venue") if k in self.settings}
        self.settings = copy.deepcopy(then["settings"])
        for k in ("title", "date", "venue"):
            self.settings.pop(k, None)
        self.settings.update(heading)
        self.pins = {k: t for k, t in self.pins.items()
                     if then["seats"].get(k[0], {}).get(k[1]) == t}
        self.new_plan(what)
        if self.plans[self.version]["seats"] != then["seats"]:
            raise Failure("%s: the seats are not those of plan %d" % (what, v))

    STEPS = ["add", "add", "again", "again_cancelled", "namesake", "cancel", "cancel", "unknown",
             "restore", "restore", "move", "move", "move", "unpin", "unpin", "upload", "upload",
             "settings", "replan", "replan", "undo", "undo"]

    def step(self):
        kind = self.rng.choice(self.STEPS)
        {"add": self.add_walkin, "again": lambda: self.add_again(False),
         "again_cancelled": lambda: self.add_again(True), "namesake": self.add_namesake,
         "cancel": self.cancel, "unknown": self.unknown, "restore": self.restore,
         "move": self.move, "unpin": self.unpin, "upload": self.upload,
         "settings": self.set_settings, "replan": self.replan, "undo": self.undo}[kind]()
        return kind


def run_sequence(server, src, scratch, seed, steps, counts, outcomes, reasons=None):
    folder = os.path.join(scratch, "seq")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    log = []
    day = WebDay(server, src, folder, random.Random(seed), log, outcomes, reasons)
    step = 0
    try:
        day.create()
        for step in range(1, steps + 1):
            kind = day.step()
            counts[kind] = counts.get(kind, 0) + 1
    except Exception as e:  # a Failure, or the test's own error: name the seed either way
        if not isinstance(e, Failure):
            traceback.print_exc()
        print("FAIL: sequence seed %d, step %d: %s" % (seed, step, e))
        print("the last requests:\n" + "\n".join(log[-8:]))
        print("files kept in %s and %s" % (folder, day.event_dir))
        return False
    finally:
        for c in day.clients:
            if c.conn:
                c.conn.close()
    if day.event_dir:
        shutil.rmtree(day.event_dir, ignore_errors=True)  # passed: keep the data folder small
    return True


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("tsunagu")
    ap.add_argument("src")
    ap.add_argument("scratch")
    ap.add_argument("--sequences", type=int, default=int(os.environ.get("TSUNAGU_OPS_WEB_SEQUENCES", 20)))
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sequence-seed", type=int, help="run this one sequence (as a failure names it)")
    ap.add_argument("--reasons", action="store_true", help="count why solves failed, and print it")
    a = ap.parse_args(argv)
    shutil.rmtree(a.scratch, ignore_errors=True)
    os.makedirs(a.scratch)
    seeds = [a.sequence_seed] if a.sequence_seed is not None else \
        [a.seed * 100003 + n for n in range(a.sequences)]
    server = Server(a.tsunagu, a.scratch)
    counts, outcomes = {}, {}
    reasons = {} if a.reasons else None
    start = time.monotonic()
    try:
        for seed in seeds:
            if not run_sequence(server, a.src, a.scratch, seed, a.steps, counts, outcomes, reasons):
                print("server log: %s" % server.err_path)
                return 1
    finally:
        server.stop()
    if server.proc.returncode not in (0, None):
        print("FAIL: tsunagu serve exited %d on SIGTERM (see %s)" % (server.proc.returncode, server.err_path))
        return 1
    print("%d sequences of %d steps held in %.1f s\n  steps: %s\n  outcomes: %s" % (
        len(seeds), a.steps, time.monotonic() - start,
        ", ".join("%s %d" % kv for kv in sorted(counts.items())),
        ", ".join("%s %d" % kv for kv in sorted(outcomes.items()))))
    for why, n in sorted((reasons or {}).items(), key=lambda kv: -kv[1]):
        print("  %5d  %s" % (n, why))
    return 0


if __name__ == "__main__":
    sys.exit(main())
