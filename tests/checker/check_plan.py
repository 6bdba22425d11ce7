#!/usr/bin/env python3
"""check_plan.py - an independent checker for tsunagu plans.

Usage: check_plan.py PLAN.json ATTENDEES.csv|json [--regions FILE] [--json]

It shares no code with the C implementation and trusts nothing the solver
wrote except the seating itself: it reads the attendee file on its own
(UTF-8, UTF-8 with BOM or CP932; English or Japanese headers; or a JSON
array), checks that the plan seats exactly those people, that the hard rules
and the table sizes hold, and recomputes every score in plan["scores"]
(definitions in docs/plan-format.md).

Prints one line per problem and exits 1 when there is any; otherwise prints
a short summary and exits 0.  Exit 2: usage error or unreadable file.
With --json the recomputed scores are printed as JSON on stdout (problems
then go to stderr).
"""

import argparse
import collections
import csv
import io
import json
import os
import re
import sys
import unicodedata

# ---------------------------------------------------------------- text


def text_key(s):
    """Matching key: NFKC, ASCII case-folded, white space trimmed and
    collapsed to single spaces (what docs call the organisation key)."""
    s = unicodedata.normalize("NFKC", s or "")
    s = "".join(c.lower() if "A" <= c <= "Z" else c for c in s)
    return " ".join(s.split())


def names_table(written, tid, label):
    """A pin names a table (docs/event-format.md, pins): its id as NFKC
    keys, or its printed label as NFKC keys without any space, katakana
    and hiragana alike (MSWグループC, ＭＳＷ　グループＣ)."""
    def loose(x):
        k = "".join(text_key(x).split())
        return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in k)
    if text_key(written) == text_key(tid):
        return True
    return bool(label) and bool(loose(label)) and loose(written) == loose(label)


# Japanese dictionary order, written here from JIS X 4061's description
# (not from the library, which asks ICU): first the plain letters, a voiced,
# semi-voiced or small kana counting as its plain letter and the long-vowel
# mark as the vowel it lengthens; then the voicing marks.  Finer differences
# (small kana, ー against the vowel written out, katakana against hiragana)
# are left out: the checker only says that members never go backwards at
# these two levels.  Text other than kana and spaces has no key here.
SMALL_KANA = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ"))
VOWEL_ROWS = ["あかさたなはまやらわ", "いきしちにひみりゐ", "うくすつぬふむゆる",
              "えけせてねへめれゑ", "おこそとのほもよろを"]
VOWEL_OF = {c: row[0] for row in VOWEL_ROWS for c in row}


def dictionary_key(s):
    """(plain letters, voicing marks) of a reading, or None when it holds
    anything but kana, the long-vowel mark and spaces."""
    s = " ".join(unicodedata.normalize("NFKC", s or "").split())
    letters, marks = [], []
    for c in unicodedata.normalize("NFD", s):
        if c in "\u3099\u309a":  # combining voiced / semi-voiced mark
            if not marks or marks[-1] != 0:
                return None
            marks[-1] = 1 if c == "\u3099" else 2
            continue
        if "\u30a1" <= c <= "\u30f6":  # katakana: its hiragana
            c = chr(ord(c) - 0x60)
        c = SMALL_KANA.get(c, c)
        if c == " ":
            letters.append(" ")  # before every letter: family name first
        elif c == "\u30fc":  # ー: the vowel of the letter before it
            if not letters or letters[-1] not in VOWEL_OF:
                return None
            letters.append(VOWEL_OF[letters[-1]])
        elif "\u3041" <= c <= "\u3093":  # plain hiragana: code point order is gojuon order
            letters.append(c)
        else:
            return None
        marks.append(0)
    return ("".join(letters), tuple(marks))


def trim(s):
    """Remove leading/trailing white space (ASCII and U+3000); keep the rest."""
    return (s or "").strip(" \t\r\n\u3000")


# ---------------------------------------------------------------- regions


class Regions:
    """Region names and border distances (hop counts, BFS)."""

    FAR = 1000

    def __init__(self, doc, source):
        self.source = source
        self.names = []
        self.aliases = {}  # key -> canonical name
        self.municipalities = {}  # key -> canonical name
        if not isinstance(doc, dict) or not isinstance(doc.get("regions"), list):
            raise ValueError("%s: not a region table (no \"regions\" array)" % source)
        for r in doc["regions"]:
            name = r.get("name")
            if not isinstance(name, str) or not name:
                raise ValueError("%s: a region without a name" % source)
            self.names.append(name)
            for alias in (name, r.get("name_en")):
                if isinstance(alias, str) and alias:
                    self.aliases[self._region_key(alias)] = name
            for m in r.get("municipalities") or []:
                self.municipalities[self._muni_key(m)] = name
        self.adj = {n: [] for n in self.names}
        for pair in doc.get("borders") or []:
            if len(pair) != 2 or pair[0] not in self.adj or pair[1] not in self.adj:
                raise ValueError("%s: border %r names an unknown region" % (source, pair))
            self.adj[pair[0]].append(pair[1])
            self.adj[pair[1]].append(pair[0])
        self.dist = {n: self._bfs(n) for n in self.names}

    @staticmethod
    def _region_key(s):
        k = text_key(s)
        for suffix in ("保健医療圏", "医療圏", "地域"):
            if k.endswith(suffix) and len(k) > len(suffix):
                return k[: -len(suffix)]
        return k

    @staticmethod
    def _muni_key(s):
        k = text_key(s).replace("ヶ", "ケ").replace("ケ", "が")
        if len(k) > 1 and k[-1] in "市町村":
            k = k[:-1]
        return k

    def _bfs(self, start):
        d = {start: 0}
        queue = collections.deque([start])
        while queue:
            a = queue.popleft()
            for b in self.adj[a]:
                if b not in d:
                    d[b] = d[a] + 1
                    queue.append(b)
        return d

    def find(self, s):
        return self.aliases.get(self._region_key(s))

    def find_municipality(self, s):
        return self.municipalities.get(self._muni_key(s))

    def distance(self, a, b):
        return self.dist.get(a, {}).get(b, self.FAR)


# ---------------------------------------------------------------- attendee file

HEADERS = {
    "id": "id", "番号": "id",
    "name": "name", "氏名": "name",
    "kana": "kana", "ふりがな": "kana", "フリガナ": "kana",
    "profession": "profession", "職種": "profession",
    "organization": "organization", "所属": "organization",
    "region": "region", "地域": "region",
    "interest_regions": "interest_regions", "関心地域": "interest_regions",
    "experience": "experience", "経験": "experience",
    "municipality": "municipality", "市町村": "municipality", "市区町村": "municipality",
    "午前指定": "pin:@am", "午後指定": "pin:@pm",
    "together": "together", "同席希望": "together",
    "apart": "apart", "別席希望": "apart",
}

PROFESSIONS = {
    "msw": "MSW", "医療ソーシャルワーカー": "MSW",
    "css": "CSS", "相談支援専門員": "CSS",
    "center": "CENTER", "中核地域生活支援センター": "CENTER",
    "中核地域生活支援センター職員": "CENTER",
    "other": "OTHER",
}

EXPERIENCE = {"experienced": "experienced", "経験あり": "experienced",
              "planning": "planning", "これから": "planning"}

DEFAULT_SIDES = [["MSW"], ["CSS", "CENTER"]]


class Professions:
    """The event's professions, as the plan embeds them (its "event"
    "professions"), else the bundled つながろう会 table: spelling -> code,
    and which codes are seated."""

    def __init__(self, table=None):
        self.by_key, self.seated = {}, set()
        if not table:
            self.by_key = {k.replace(" ", ""): v for k, v in PROFESSIONS.items()}
            self.seated = {"MSW", "CSS", "CENTER"}
            return
        for p in table:
            code = p["code"]
            for spelling in [code, p.get("label", "")] + list(p.get("aliases") or []):
                if spelling:
                    self.by_key[text_key(spelling).replace(" ", "")] = code
            if p.get("seated", True):
                self.seated.add(code)

    def find(self, text):
        return self.by_key.get(text_key(text).replace(" ", ""))


def sides_of(spec):
    mix = (spec.get("rules") or {}).get("mix")
    sides = mix.get("sides") if isinstance(mix, dict) else None
    return sides or DEFAULT_SIDES


def mixed(people, sides):
    return all(any(a.profession in side for a in people) for side in sides)


class Attendee:
    def __init__(self, line):
        self.line = line
        self.id = None
        self.name = ""
        self.profession = None
        self.organization = ""
        self.org_key = ""
        self.region = None
        self.interests = []
        self.experience = "experienced"
        self.plan_id = None
        self.pins = {}  # session key or "@am"/"@pm" (half-day columns) -> table id
        self.roles = {}  # session key ("" for a role column without one) -> role as written
        self.together = []  # ids as written in the file
        self.apart = []

    @property
    def experienced(self):
        return self.experience == "experienced"


def decode(data):
    """Text of an attendee file: UTF-8 (with or without BOM), else CP932."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp932"), "CP932"


def header_field(h):
    """Field of a header or JSON key: HEADERS, or a pin column
    pin_<session id> / 固定_<session id> as "pin:<session key>"."""
    k = text_key(h)
    if k in HEADERS:
        return HEADERS[k]
    m = re.match(r"^(pin|固定)[_\- ](.+)$", k)
    if m:
        return "pin:" + m.group(2)
    if k in ("role", "役割"):
        return "role:"  # the one session with roles
    m = re.match(r"^(role|役割)[_\- ](.+)$", k)
    return "role:" + m.group(2) if m else None


def read_records(path):
    """Records of the file as (line, {field: text}) and a list of problems."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text, _ = decode(data)
    except UnicodeDecodeError:
        return [], ["%s: neither UTF-8 nor CP932" % path], False
    if text.lstrip().startswith("["):
        return read_json_records(path, text)
    return read_csv_records(path, text)


def read_csv_records(path, text):
    reader = csv.reader(io.StringIO(text, newline=""))
    records, problems = [], []
    header = None
    columns = {}
    prev = 0
    for row in reader:
        line = prev + 1
        prev = reader.line_num
        if header is None:
            header = row
            for i, h in enumerate(row):
                field = header_field(h)
                if field and field not in columns:
                    columns[field] = i
            continue
        if all(trim(c) == "" for c in row):
            continue
        rec = {f: (row[i] if i < len(row) else "") for f, i in columns.items()}
        records.append((line, rec))
    if header is None:
        problems.append("%s: empty file" % path)
    return records, problems, "id" in columns


def read_json_records(path, text):
    try:
        doc = json.loads(text)
    except ValueError as e:
        return [], ["%s: not valid JSON: %s" % (path, e)], False
    if not isinstance(doc, list):
        return [], ["%s: expected a JSON array of attendees" % path], False
    # Line of each element: the line of its opening brace, found by a light
    # scan that skips strings (json.loads does not report positions).
    starts = element_lines(text)
    records, has_id = [], False
    for n, obj in enumerate(doc):
        line = starts[n] if n < len(starts) else 0
        rec = {}
        if isinstance(obj, dict):
            for k, v in obj.items():
                field = header_field(k)
                if field:
                    if isinstance(v, list):
                        v = ";".join(str(x) for x in v)
                    rec[field] = "" if v is None else str(v)
        has_id = has_id or "id" in rec
        records.append((line, rec))
    return records, [], has_id


def element_lines(text):
    lines, depth, line, i, n = [], 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "[{":
            if depth == 1:
                lines.append(line)
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1
    return lines


def read_attendees(path, regions, professions):
    """Attendees of the file in order, whether it has an id column, problems."""
    records, problems, has_id = read_records(path)
    attendees = []
    for line, rec in records:
        where = "%s:%d" % (path, line)
        a = Attendee(line)
        a.id = trim(rec.get("id", "")) if has_id else None
        a.name = trim(rec.get("name", ""))
        a.kana = trim(rec.get("kana", ""))
        a.organization = trim(rec.get("organization", ""))
        a.org_key = text_key(a.organization)
        a.profession = professions.find(rec.get("profession", ""))
        if a.profession is None:
            problems.append("%s: unknown profession %r" % (where, rec.get("profession", "")))
        region_text = trim(rec.get("region", ""))
        if region_text:
            a.region = regions.find(region_text)
            if a.region is None:
                problems.append("%s: unknown region %r" % (where, region_text))
        elif trim(rec.get("municipality", "")):
            a.region = regions.find_municipality(rec["municipality"])
            if a.region is None:
                problems.append("%s: unknown municipality %r" % (where, rec["municipality"]))
        elif a.profession in professions.seated:
            problems.append("%s: no region" % where)
        for part in re.split("[;、]", unicodedata.normalize("NFKC", rec.get("interest_regions", ""))):
            if trim(part):
                r = regions.find(trim(part))
                if r is None:
                    problems.append("%s: unknown interest region %r" % (where, trim(part)))
                elif r not in a.interests:
                    a.interests.append(r)
        exp = text_key(rec.get("experience", ""))
        if exp:
            if exp not in EXPERIENCE:
                problems.append("%s: unknown experience %r" % (where, rec.get("experience")))
            else:
                a.experience = EXPERIENCE[exp]
        for field, value in rec.items():
            if field.startswith("pin:") and trim(value):
                a.pins[field[4:]] = unicodedata.normalize("NFKC", trim(value))
            if field.startswith("role:") and trim(value):
                a.roles[field[5:]] = trim(value)
        for kind in ("together", "apart"):
            for part in re.split("[;、]", unicodedata.normalize("NFKC", rec.get(kind, ""))):
                if trim(part):
                    getattr(a, kind).append(trim(part))
        attendees.append(a)
    return attendees, has_id, problems


# ---------------------------------------------------------------- checks


class Checker:
    def __init__(self, plan, plan_path, attendees, has_id, regions, attendee_path,
                 professions=None):
        self.professions = professions or Professions()
        self.plan = plan
        self.plan_path = plan_path
        self.file = attendees
        self.has_id = has_id
        self.regions = regions
        self.attendee_path = attendee_path
        self.problems = []
        self.scores = collections.OrderedDict()
        self.by_id = {}  # plan id -> Attendee (from the file)
        self.plan_attendee = {}  # plan id -> the plan's attendee object
        self.table_counts = collections.OrderedDict()

    def problem(self, msg):
        self.problems.append("%s: %s" % (self.plan_path, msg))

    # -- attendees: the plan holds exactly the file's people
    def check_attendees(self):
        plan_people = self.plan.get("attendees")
        if not isinstance(plan_people, list):
            self.problem('no "attendees" array')
            return
        def ident(a_id, name, org):
            return a_id if self.has_id else (text_key(name), text_key(org))
        wanted = collections.OrderedDict()
        for a in self.file:
            k = ident(a.id, a.name, a.organization)
            if k in wanted:
                self.problem("%s:%d: duplicate attendee %s in the attendee file"
                             % (self.attendee_path, a.line, fmt_key(k)))
            else:
                wanted[k] = a
        # The day's changes the plan records: people cancelled at the desk
        # stay out even when the file names them (by id, or as the same
        # person); walk-ins need no record in the file.
        def person(name, org):
            return (text_key(name), text_key(org))
        cancelled = self.plan.get("cancelled") or []
        gone_ids = {c.get("id") for c in cancelled if isinstance(c, dict)}
        gone_people = {person(c.get("name", ""), c.get("organization", ""))
                       for c in cancelled if isinstance(c, dict) and c.get("namesake") is not True}
        for k, a in list(wanted.items()):
            if (self.has_id and a.id in gone_ids) or person(a.name, a.organization) in gone_people:
                del wanted[k]
        listed_people = {person(a.name, a.organization) for a in wanted.values()}
        seen = {}
        for p in plan_people:
            if not isinstance(p, dict) or not isinstance(p.get("id"), str):
                self.problem("an attendee without an id: %s" % json.dumps(p, ensure_ascii=False)[:80])
                continue
            k = ident(p["id"], p.get("name", ""), p.get("organization", ""))
            if p["id"] in self.plan_attendee:
                self.problem("attendee %s appears more than once" % p["id"])
                continue
            self.plan_attendee[p["id"]] = p
            if k in seen:
                self.problem("attendee %s appears more than once" % fmt_key(k))
                continue
            seen[k] = p
            if p["id"] in gone_ids:
                self.problem("attendee %s is both in the plan and cancelled" % p["id"])
            a = wanted.get(k)
            if a is None and p.get("walkin") is True:
                if (person(p.get("name", ""), p.get("organization", "")) in listed_people
                        and p.get("namesake") is not True):  # told apart at the desk (add --force)
                    self.problem("walk-in %s (%s) is also in %s: seated twice"
                                 % (p["id"], p.get("name", ""), self.attendee_path))
                self.by_id[p["id"]] = self.walkin(p)
                continue
            if a is None:
                self.problem("attendee %s (%s) is not in %s"
                             % (p["id"], p.get("name", ""), self.attendee_path))
                continue
            self.by_id[p["id"]] = a
            a.plan_id = p["id"]
            where = "attendee %s (%s:%d)" % (p["id"], self.attendee_path, a.line)
            for field, expected in (("name", a.name), ("profession", a.profession),
                                    ("region", a.region), ("organization", a.organization),
                                    ("experience", a.experience)):
                got = p.get(field)
                if expected is not None and got != expected:
                    self.problem("%s: %s is %s in the plan but %s in the file"
                                 % (where, field, show(got), show(expected)))
            # Line 0: added at the desk (tsunagu add, the web page), no record line.
            if "line" in p and p["line"] != 0 and p["line"] != a.line:
                self.problem("%s: line is %s in the plan but the record starts on line %d"
                             % (where, show(p["line"]), a.line))
            if sorted(a.interests) != sorted(p.get("interest_regions") or []):  # order is not meaningful
                self.problem("%s: interest_regions are %s in the plan but %s in the file"
                             % (where, show(p.get("interest_regions") or []), show(a.interests)))
        for k, a in wanted.items():
            if k not in seen:
                self.problem("attendee %s (%s, %s:%d) is missing from the plan"
                             % (fmt_key(k), a.name, self.attendee_path, a.line))

    def walkin(self, p):
        """A walk-in's record, from the plan (the desk's record is the only one)."""
        a = Attendee(0)
        a.id = p["id"]
        a.plan_id = p["id"]
        a.name = trim(p.get("name", ""))
        a.kana = trim(p.get("kana", ""))
        a.organization = trim(p.get("organization", ""))
        a.org_key = text_key(a.organization)
        a.profession = self.professions.find(p.get("profession", ""))
        if a.profession is None:
            self.problem("walk-in %s: unknown profession %r" % (p["id"], p.get("profession")))
        a.region = self.regions.find(p.get("region", "") or "")
        if a.region is None:
            self.problem("walk-in %s: unknown region %r" % (p["id"], p.get("region")))
        a.interests = [r for r in (self.regions.find(x) for x in p.get("interest_regions") or [])
                       if r is not None]
        a.experience = p.get("experience", "experienced")
        return a

    # -- sessions
    def check_sessions(self):
        event = self.plan.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("sessions"), list):
            self.problem('no "event" with "sessions"')
            return
        sessions = {}
        for s in self.plan.get("sessions") or []:
            if isinstance(s, dict) and isinstance(s.get("id"), str):
                if s["id"] in sessions:
                    self.problem("session %s appears twice" % s["id"])
                sessions[s["id"]] = s
        spec_ids = [spec.get("id") for spec in event["sessions"]]
        for sid in sessions:
            if sid not in spec_ids:
                self.problem("session %s is not in the event" % sid)
        earlier_all = []  # co-member pair sets of earlier sessions, every round of each
        for spec in event["sessions"]:
            sid = spec.get("id")
            s = sessions.get(sid)
            if s is None:
                self.problem("session %s of the event is missing from the plan" % sid)
                continue
            if s.get("kind") != spec.get("kind"):
                self.problem("session %s: kind %s, the event says %s"
                             % (sid, show(s.get("kind")), show(spec.get("kind"))))
            if s.get("status") not in ("optimal", "feasible"):
                self.problem("session %s: status %s (expected \"optimal\" or \"feasible\")"
                             % (sid, show(s.get("status"))))
            if spec.get("kind") == "sharing":
                self.check_sharing(spec, s, sessions)
                continue
            tables = self.check_seating(spec, s)
            self.table_counts[sid] = len(tables)
            self.check_sizes(spec, tables)
            self.check_hard_rules(spec, tables)
            self.scores[sid] = self.compute_scores(spec, tables, earlier_all)
            if spec.get("roles"):
                self.check_roles(spec, s, tables)
                self.scores[sid].update(self.role_scores(spec, tables))
            rounds = [tables] + self.check_rounds(spec, s, tables)
            if len(rounds) > 1:
                self.scores[sid]["repeated_pairs"] = self.repeated_pairs(spec, s, rounds, earlier_all)
            elif any(k in s for k in ("rounds", "repeats", "repeats_bound")):
                self.problem("session %s: rounds in the plan but the event gives it one round" % sid)
            earlier_all.append(set().union(*(table_pairs(r) for r in rounds)))
        # An attendee's seats may only name sessions of the event.
        for p_id, p in self.plan_attendee.items():
            for sid in (p.get("seats") or {}):
                if sid not in spec_ids:
                    self.problem("attendee %s: seat in unknown session %s" % (p_id, sid))

    # -- a sharing session: nobody seated, every group of the workgroup it
    # presents in the running order its settings give, timed from its start
    def check_sharing(self, spec, s, sessions):
        sid = spec["id"]
        if s.get("tables"):
            self.problem("session %s: a sharing session seats nobody but has tables" % sid)
        for p_id, p in self.plan_attendee.items():
            if sid in (p.get("seats") or {}):
                self.problem("session %s: %s has a seat in a sharing session" % (sid, p_id))
        pres = spec.get("presentations") or {}
        specs = self.plan["event"]["sessions"]
        mine = [x.get("id") for x in specs].index(sid)
        earlier = [x for x in specs[:mine] if x.get("kind") == "workgroup"
                   and (pres.get("of") is None or x.get("id") == pres.get("of"))]
        if not earlier:
            self.problem("session %s: presents no earlier workgroup session (of %s)" % (sid, show(pres.get("of"))))
            return
        wspec = earlier[-1]
        groups = [t for t in (sessions.get(wspec["id"]) or {}).get("tables") or [] if t.get("members")]
        turns = s.get("presentations")
        if not isinstance(turns, list):
            self.problem("session %s: no \"presentations\" list" % sid)
            return
        self.check_order(sid, wspec, pres, groups, turns)
        self.check_times(spec, pres, turns)

    def check_order(self, sid, wspec, pres, groups, turns):
        """Every group with members exactly once, in the settings' order,
        each with its group's presenter."""
        named = [t.get("group") for t in turns]
        ids = [g["id"] for g in groups]
        for g in ids:
            if named.count(g) != 1:
                self.problem("session %s: group %s presents %d times (expected once)" % (sid, g, named.count(g)))
        for g in named:
            if g not in ids:
                self.problem("session %s: %s is not a group with members of session %s" % (sid, show(g), wspec["id"]))
        by_track = [[g["id"] for g in groups if g.get("track") == tr.get("id")] for tr in wspec.get("tracks") or []]
        if pres.get("order", "by_track") == "alternate":
            want = [lst[i] for i in range(len(ids)) for lst in by_track if i < len(lst)]
        else:
            want = [g for lst in by_track for g in lst]
        if named != want and sorted(named) == sorted(want):
            self.problem("session %s: order %s, the settings (%s) give %s"
                         % (sid, " ".join(named), pres.get("order", "by_track"), " ".join(want)))
        role = pres.get("presenter")
        roles_of = {g["id"]: g.get("roles") or {} for g in groups}
        for t in turns:
            if role is None:
                if "presenter" in t:
                    self.problem("session %s, group %s: a presenter but the settings name no role" % (sid, t.get("group")))
            elif t.get("presenter") != roles_of.get(t.get("group"), {}).get(role):
                self.problem("session %s, group %s: presenter %s but the group's %s is %s"
                             % (sid, t.get("group"), show(t.get("presenter")), role,
                                show(roles_of.get(t.get("group"), {}).get(role))))

    def check_times(self, spec, pres, turns):
        """From the session's start, each turn as long as the settings say,
        one after another; a warning when the last ends after the session."""
        sid = spec["id"]
        minutes, qa = pres.get("minutes", 5), pres.get("qa_minutes", 2)
        at = clock(spec.get("start"))
        for t in turns:
            got = [clock(t.get(k)) for k in ("start", "qa", "end")]
            want = [at, at + minutes, at + minutes + qa]
            if got != want:
                self.problem("session %s, group %s: times %s, expected %s"
                             % (sid, t.get("group"), "/".join(str(t.get(k)) for k in ("start", "qa", "end")),
                                "/".join("%d:%02d" % divmod(m, 60) for m in want)))
            at = want[2]
        end = clock(spec.get("end")) if spec.get("end") else None
        if end is not None and turns and at > end:
            said = any((spec.get("title") or sid) in w for w in self.plan.get("warnings") or [])
            if not said:
                self.problem("session %s: the presentations end at %d:%02d, after %s, and no warning says so"
                             % ((sid,) + divmod(at, 60) + (spec.get("end"),)))

    # -- roles: every group's roles held by its members, the rules kept
    def check_roles(self, spec, s, tables):
        sid = spec["id"]
        roles = [r.get("id") for r in spec["roles"]]
        rules = spec.get("role_rules") or []
        by_table = {t.get("id"): t for t in s.get("tables") or []}
        for t in tables:
            where = "session %s, group %s" % (sid, t["id"])
            held = by_table[t["id"]].get("roles")
            if not isinstance(held, dict) or sorted(held) != sorted(roles):
                self.problem("%s: roles %s, expected one entry per role %s" % (where, show(held), show(roles)))
                continue
            n = len(t["members"])
            cap = 1 if n >= len(roles) else -(-len(roles) // n)
            for r, who in held.items():
                if who is not None and who not in t["members"]:
                    self.problem("%s: %s holds %s but is not a member" % (where, who, r))
            counts = collections.Counter(w for w in held.values() if w is not None)
            for who, k in counts.items():
                if k > cap:
                    self.problem("%s: %s holds %d roles in a group of %d for %d roles"
                                 % (where, who, k, n, len(roles)))
            for text in role_breaks(self, rules, held, hard_only=True):
                self.problem("%s: %s" % (where, text))
            self.check_role_requests(spec, t, held)
            missing = [r for r, w in held.items() if w is None]
            if missing:
                best = most_roles(self, rules, roles, [self.by_id[m] for m in t["members"] if m in self.by_id], cap)
                if len(roles) - len(missing) < best:
                    self.problem("%s: %s held by nobody, but the hard role rules allow %d of %d roles"
                                 % (where, ", ".join(missing), best, len(roles)))
                label = by_table[t["id"]].get("label") or t["id"]
                if not any(label in w for w in self.plan.get("warnings") or []):
                    self.problem("%s: %s held by nobody and no warning says why" % (where, ", ".join(missing)))

    def check_role_requests(self, spec, t, held):
        """A role the list's role column names (role_<session id>, 役割,
        ...) is held by that person."""
        sid = spec["id"]
        with_roles = [x["id"] for x in self.plan["event"]["sessions"] if x.get("roles")]
        for m in t["members"]:
            a = self.by_id.get(m)
            if a is None:
                continue
            want = a.roles.get(text_key(sid))
            if want is None and with_roles == [sid]:
                want = a.roles.get("")
            if want is None:
                continue
            role = [r["id"] for r in spec["roles"]
                    if text_key(want) in (text_key(r.get("id")), text_key(r.get("label")), text_key(r.get("label_en")))]
            if not role or held.get(role[0]) != m:
                self.problem("session %s, group %s: the list names %s %s but the group's %s is %s"
                             % (sid, t["id"], m, want, role[0] if role else want,
                                show(held.get(role[0]) if role else None)))

    def role_scores(self, spec, tables):
        roles = [r.get("id") for r in spec["roles"]]
        rules = spec.get("role_rules") or []
        by_table = {t.get("id"): t for t in self.plan_session(spec["id"]).get("tables") or []}
        unfilled = doubled = breaks = 0
        for t in tables:
            held = by_table[t["id"]].get("roles") or {}
            unfilled += sum(1 for r in roles if held.get(r) is None)
            counts = collections.Counter(w for w in held.values() if w is not None)
            doubled += sum(1 for k in counts.values() if k > 1)
            breaks += len(role_breaks(self, rules, held, hard_only=False))
        return collections.OrderedDict([("roles_unfilled", (unfilled, len(tables) * len(roles))),
                                        ("roles_doubled", (doubled, -1)),
                                        ("role_rule_breaks", (breaks, -1))])

    def plan_session(self, sid):
        for s in self.plan.get("sessions") or []:
            if isinstance(s, dict) and s.get("id") == sid:
                return s
        return {}

    def check_seating(self, spec, s):
        """Tables as dicts {id, members: [ids], track, regions}; checks that
        every non-OTHER attendee sits exactly once and seats agree."""
        sid = spec["id"]
        where = "session %s" % sid
        tables = []
        seat_of = {}
        table_ids = set()
        workgroup = spec.get("kind") == "workgroup"
        tracks = {t.get("id"): t for t in spec.get("tracks") or []}
        for n, t in enumerate(s.get("tables") or []):
            tid = t.get("id")
            if not isinstance(tid, str):
                self.problem("%s: table %d has no id" % (where, n + 1))
                continue
            if tid in table_ids:
                self.problem("%s: table id %s is used twice" % (where, tid))
            table_ids.add(tid)
            members = t.get("members") or []
            tw = "%s, table %s" % (where, tid)
            if not members:
                self.problem("%s: empty table" % tw)
            for m in members:
                if m not in self.plan_attendee:
                    self.problem("%s: member %s is not an attendee of the plan" % (tw, m))
                elif m in seat_of:
                    self.problem("%s: %s is seated twice (also at table %s)" % (tw, m, seat_of[m]))
                else:
                    seat_of[m] = tid
            # The first seat counts; a second one is reported above.
            known = []
            for m in members:
                if m in self.by_id and seat_of.get(m) == tid and m not in known:
                    known.append(m)
            self.check_member_order(tw, known)
            if workgroup:
                if t.get("track") not in tracks:
                    self.problem("%s: unknown track %s" % (tw, show(t.get("track"))))
            else:
                if not t.get("regions"):
                    self.problem("%s: no region" % tw)
                for r in t.get("regions") or []:
                    if r not in self.regions.names:
                        self.problem("%s: unknown region %s" % (tw, show(r)))
            tables.append({"id": tid, "label": t.get("label"), "members": known, "track": t.get("track"),
                           "regions": [r for r in t.get("regions") or [] if r in self.regions.names]})
        # Ids are "1", "2", ... or "<TRACK>-A", "<TRACK>-B", ...; a fresh plan
        # numbers them in order, a re-plan keeps each table's id (a printed
        # sign) and gives a table it adds an id no earlier table had, so
        # ids need not be consecutive.
        for t in tables:
            if workgroup:
                form = re.fullmatch(re.escape(str(t["track"])) + r"-[A-Z]+", str(t["id"])) is not None
            else:
                form = re.fullmatch(r"[1-9][0-9]*", str(t["id"])) is not None
            if not form:
                self.problem("%s: table id %s is not of the form %s" % (
                    where, t["id"], "%s-A, %s-B, ..." % (t["track"], t["track"]) if workgroup else "1, 2, ..."))
        for p_id, p in self.plan_attendee.items():
            a = self.by_id.get(p_id)
            seats = p.get("seats") or {}
            got = seats.get(sid)
            if a is not None and a.profession not in self.professions.seated:
                if p_id in seat_of:
                    self.problem("%s: %s (%s) is OTHER but seated at table %s"
                                 % (where, p_id, a.name, seat_of[p_id]))
                if got is not None:
                    self.problem("%s: %s (%s) is OTHER but has a seat %s"
                                 % (where, p_id, a.name, show(got)))
                continue
            if a is not None and p_id not in seat_of:
                self.problem("%s: %s (%s) is not seated" % (where, p_id, a.name))
            if got != seat_of.get(p_id):
                self.problem("%s: %s's seat says %s but the tables say %s"
                             % (where, p_id, show(got), show(seat_of.get(p_id))))
        return tables

    def check_member_order(self, where, members):
        """Members in reading order (docs/plan-format.md): never backwards
        in dictionary order of the reading (of the name when there is none),
        where both have a key here; the same reading and name: by id, byte
        order."""
        def reading(m):
            p = self.plan_attendee[m]
            return p.get("kana") or p.get("name") or ""
        for a, b in zip(members, members[1:]):
            ka, kb = dictionary_key(reading(a)), dictionary_key(reading(b))
            if ka is not None and kb is not None and ka > kb:
                self.problem("%s: members not in reading order: %s (%s) before %s (%s)"
                             % (where, a, reading(a), b, reading(b)))
                return
            same = [text_key(self.plan_attendee[m].get(f)) for m in (a, b) for f in ("kana", "name")]
            if same[0] == same[2] and same[1] == same[3] and a.encode() > b.encode():
                self.problem("%s: members %s and %s have the same reading and name but are not "
                             "in id order" % (where, a, b))
                return

    def people(self, table):
        return [self.by_id[m] for m in table["members"]]

    def check_sizes(self, spec, tables):
        sid = spec["id"]
        lo, hi = size_range(spec)
        if spec.get("kind") == "workgroup":
            groups = collections.OrderedDict()
            for t in tables:
                groups.setdefault(t["track"], []).append(t)
            for tr in spec.get("tracks") or []:
                members = [a for a in self.seated() if a.profession in (tr.get("professions") or [])]
                if members and tr.get("id") not in groups:
                    self.problem("session %s, track %s: %d members but no group"
                                 % (sid, tr.get("id"), len(members)))
            for track, ts in groups.items():
                self.check_even(sid, "track %s" % track, ts, lo, hi, spec.get("tables"))
        else:
            self.check_even(sid, None, tables, lo, hi, spec.get("tables"))

    def check_even(self, sid, what, tables, lo, hi, fixed):
        where = "session %s" % sid + (", " + what if what else "")
        if not tables:
            return
        sizes = [len(t["members"]) for t in tables]
        if isinstance(fixed, int) and fixed > 0 and len(tables) != fixed:
            self.problem("%s: %d tables, the event asks for %d" % (where, len(tables), fixed))
        if self.is_replan():
            # A re-plan keeps the printed tables and moves as few people as
            # the hard rules allow, so sizes may drift within the range
            # (or within the previous extremes when the headcount forces it).
            # The desk changes a plan without moving anyone ("desk_changes"
            # since it was solved): each walk-in, cancellation or restoration
            # took or freed one chair; a walk-in goes over the preferred size
            # only when the table count is derived, never in a fixed room.
            n = sum(sizes)
            desk = self.plan.get("desk_changes", 0)
            fixed_room = isinstance(fixed, int) and fixed > 0
            lo_r = min(lo, n // len(tables)) - desk
            hi_r = max(hi, -(-n // len(tables))) + desk
            if fixed_room:
                hi_r = max(hi, -(-n // len(tables)))
            for t in tables:
                if not lo_r <= len(t["members"]) <= hi_r:
                    self.problem("%s, table %s: %d members, outside %d-%d in a re-plan"
                                 % (where, t["id"], len(t["members"]), lo_r, hi_r))
            return
        if max(sizes) - min(sizes) > 1:
            self.problem("%s: uneven table sizes %s (largest and smallest differ by more than 1)"
                         % (where, sizes_text(tables)))
            return
        n = sum(sizes)
        counts = [fixed] if isinstance(fixed, int) and fixed > 0 else range(1, n + 1)
        possible = any(k * lo <= n <= k * hi for k in counts)
        if possible:
            for t in tables:
                if not lo <= len(t["members"]) <= hi:
                    self.problem("%s, table %s: %d members, outside %d-%d although %d people fit"
                                 % (where, t["id"], len(t["members"]), lo, hi, n))

    def is_replan(self):
        """A plan made with --previous carries a "moved" score per session."""
        scores = self.plan.get("scores") or {}
        return any(isinstance(v, dict) and "moved" in v for v in scores.values())

    def seated(self):
        return [a for a in self.by_id.values() if a.profession in self.professions.seated]

    def check_hard_rules(self, spec, tables, round1=True):
        sid = spec["id"]
        rules = spec.get("rules") or {}
        hard = lambda r: isinstance(rules.get(r), dict) and rules[r].get("hard") is True
        exchange = spec.get("kind") == "exchange"
        if exchange and hard("mix"):
            sides = sides_of(spec)
            if mixed(self.seated(), sides):
                for t in tables:
                    if not mixed(self.people(t), sides):
                        self.problem("session %s, table %s: not mixed (%s) but mix is hard"
                                     % (sid, t["id"], " / ".join("+".join(s) for s in sides)))
        if hard("experienced"):
            if exchange:
                parts = [(None, tables, self.seated())]
            else:
                parts = []
                for tr in spec.get("tracks") or []:
                    ts = [t for t in tables if t["track"] == tr.get("id")]
                    ps = [a for a in self.seated() if a.profession in (tr.get("professions") or [])]
                    parts.append((tr.get("id"), ts, ps))
            for track, ts, ps in parts:
                if sum(a.experienced for a in ps) < len(ts):
                    continue  # not enough experienced people for every table
                for t in ts:
                    if not any(a.experienced for a in self.people(t)):
                        self.problem("session %s, table %s: no experienced member but experienced is hard"
                                     % (sid, t["id"]))
        if hard("colleagues"):
            for t in tables:
                for org, ms in colleague_groups(self.people(t)).items():
                    self.problem("session %s, table %s: colleagues from %s (%s) but colleagues is hard"
                                 % (sid, t["id"], ms[0].organization,
                                    ", ".join(self.plan_id(a) for a in ms)))

        if not round1:
            return
        # Pins from the file's pin columns (pin_<session id>, or 午前指定 /
        # 午後指定 for the session starting before / from noon) are always
        # hard; requests (together / apart columns) when "requests" is.
        start = spec.get("start") or ""
        half = None
        if re.match(r"^\d{1,2}:\d{2}$", start):
            half = "@am" if int(start.split(":")[0]) < 12 else "@pm"
        seat = {}
        for t in tables:
            for m in t["members"]:
                seat[m] = t
        for pid, a in self.by_id.items():
            want = a.pins.get(text_key(sid)) or (a.pins.get(half) if half else None)
            if want and a.profession in self.professions.seated:
                t = seat.get(pid)
                if t is None or not names_table(want, t["id"], t.get("label")):
                    self.problem("session %s: %s is pinned to table %s but sits at %s"
                                 % (sid, pid, want, t["id"] if t else "no table"))
        # Seats pinned on the day (tsunagu pin, --pin, a drag on the page):
        # the plan's "pinned" list, hard like the list's own pins.
        for pin in self.plan.get("pinned") or []:
            if pin.get("session") != sid:
                continue
            t = seat.get(pin.get("id"))
            if pin.get("id") not in self.by_id:
                self.problem("session %s: pinned %s is not an attendee of the day" % (sid, pin.get("id")))
            elif t is None or t["id"] != pin.get("table"):
                self.problem("session %s: %s is pinned on the day to table %s but sits at %s"
                             % (sid, pin.get("id"), pin.get("table"), t["id"] if t else "no table"))
        if hard("requests"):
            for pid, a in self.by_id.items():
                for kind in ("together", "apart"):
                    for other in getattr(a, kind):
                        if other not in seat or pid not in seat:
                            continue  # not both seated in this session (e.g. another track)
                        same = seat[other] is seat[pid]
                        if (kind == "together") != same:
                            self.problem("session %s: %s and %s asked to sit %s but %s is hard"
                                         % (sid, pid, other, kind, "requests"))

    # -- rounds (a 席替え within the slot): rounds 2..k after round 1's tables
    def check_rounds(self, spec, s, tables):
        """Rounds 2..k as table lists like check_seating's: the same tables
        as round 1 in the same order, as many at each, every seated
        attendee once per round, the hard rules in every round, each
        attendee's itinerary."""
        sid = spec["id"]
        k = spec.get("rounds", 1)
        if not isinstance(k, int) or k <= 1:
            return []
        later = s.get("rounds")
        if not isinstance(later, list) or len(later) != k - 1:
            self.problem("session %s: %d rounds in the event, the plan's \"rounds\" should list rounds 2..%d"
                         % (sid, k, k))
            return []
        first = {t["id"]: t for t in tables}
        order = [t.get("id") for t in s.get("tables") or []]
        seated = set(m for t in tables for m in t["members"])
        out = []
        for n, rd in enumerate(later, 2):
            where = "session %s, round %d" % (sid, n)
            if not isinstance(rd, dict) or rd.get("round") != n:
                self.problem("%s: \"round\" is %s" % (where, show(rd.get("round") if isinstance(rd, dict) else rd)))
                continue
            if rd.get("status") not in ("optimal", "feasible"):
                self.problem("%s: status %s (expected \"optimal\" or \"feasible\")" % (where, show(rd.get("status"))))
            if rd.get("status") == "optimal" and s.get("repeats") != s.get("repeats_bound"):
                self.problem("%s: \"optimal\" but repeats %s are above their bound %s"
                             % (where, show(s.get("repeats")), show(s.get("repeats_bound"))))
            rt = []
            seen = {}
            ids = [t.get("id") for t in rd.get("tables") or []]
            if ids != order:
                self.problem("%s: tables %s, round 1 has %s (the same tables, in order)" % (where, ids, order))
            for t in rd.get("tables") or []:
                tid = t.get("id")
                mine = first.get(tid)
                if mine is None:
                    continue
                if t.get("label") != next(x.get("label") for x in s["tables"] if x.get("id") == tid) or \
                   t.get("track") != mine["track"] or (t.get("regions") or []) != mine["regions"]:
                    self.problem("%s, table %s: label, track or regions differ from round 1" % (where, tid))
                members = t.get("members") or []
                for m in members:
                    if m in seen:
                        self.problem("%s, table %s: %s is seated twice (also at table %s)" % (where, tid, m, seen[m]))
                    elif m not in seated:
                        self.problem("%s, table %s: %s is not seated in round 1" % (where, tid, m))
                    seen[m] = tid
                # a walk-in or a cancellation at the desk moves nobody: the
                # rounds' sizes drift apart by at most that many changes
                if abs(len(members) - len(mine["members"])) > (self.plan.get("desk_changes") or 0):
                    self.problem("%s, table %s: %d members, round 1 has %d" % (where, tid, len(members), len(mine["members"])))
                known = [m for m in members if m in self.by_id]
                self.check_member_order("%s, table %s" % (where, tid), known)
                rt.append({"id": tid, "members": [m for m in members if m in seated],
                           "track": mine["track"], "regions": mine["regions"]})
            for m in seated - set(seen):
                self.problem("%s: %s is seated in round 1 but not in round %d" % (where, m, n))
            self.check_round_rules(spec, rt, n)
            out.append(rt)
        self.check_itineraries(spec, [tables] + out)
        return out

    def check_round_rules(self, spec, tables, n):
        """The session's hard rules in a later round, as in round 1 (pins
        and requests are round 1's: docs/event-format.md, "Rounds")."""
        before = len(self.problems)
        self.check_hard_rules(spec, tables, round1=False)
        for i in range(before, len(self.problems)):
            self.problems[i] = self.problems[i].replace("session %s" % spec["id"], "session %s, round %d" % (spec["id"], n), 1)
        if spec.get("kind") == "workgroup":
            tracks = {t.get("id"): t.get("professions") or [] for t in spec.get("tracks") or []}
            for t in tables:
                for a in self.people(t):
                    if a.profession not in tracks.get(t["track"], []):
                        self.problem("session %s, round %d, group %s: %s is %s, not in track %s"
                                     % (spec["id"], n, t["id"], self.plan_id(a), a.profession, t["track"]))

    def check_itineraries(self, spec, rounds):
        sid = spec["id"]
        for p_id, p in self.plan_attendee.items():
            want = []
            for rt in rounds:
                want += [t["id"] for t in rt if p_id in t["members"]]
            got = (p.get("itinerary") or {}).get(sid)
            if (want or got is not None) and got != want:
                self.problem("session %s: %s's itinerary is %s, the rounds' tables say %s" % (sid, p_id, show(got), want))

    def repeated_pairs(self, spec, s, rounds, earlier_all):
        """Meetings beyond the first over every pair of the seated: each
        round a meeting, an earlier session's tables (any round) one."""
        sid = spec["id"]
        meet = collections.Counter()
        for e in earlier_all:
            for pair in e:
                meet[pair] = 1
        for rt in rounds:
            for pair in table_pairs(rt):
                meet[pair] += 1
        repeats = sum(c - 1 for c in meet.values() if c > 1)
        n = sum(len(t["members"]) for t in rounds[0])
        if s.get("repeats") != repeats:
            self.problem("session %s: \"repeats\" is %s, recounted %d" % (sid, show(s.get("repeats")), repeats))
        bound = s.get("repeats_bound")
        if not isinstance(bound, int) or bound < 0 or bound > repeats:
            self.problem("session %s: \"repeats_bound\" %s is no lower bound of the %d repeats"
                         % (sid, show(bound), repeats))
        # The bound with round 1 as seated: round 1's meetings of earlier
        # sessions, and per later table the round-1 tablemates it must seat
        # (its people spread over round 1's tables as evenly as they allow)
        given = sum(1 for pair in table_pairs(rounds[0]) if any(pair in e for e in earlier_all))
        given += self.round1_pigeonhole(spec, rounds)
        if isinstance(bound, int) and 0 <= bound <= repeats and bound < given:
            self.problem("session %s: \"repeats_bound\" %d is below %d, the meetings again no later rounds "
                         "can avoid with round 1 as seated" % (sid, bound, given))
        rule = (spec.get("rules") or {}).get("no_pair_twice")
        if isinstance(rule, dict) and rule.get("hard") is True and repeats > 0:
            self.problem("session %s: %d pairs meet again but no_pair_twice is hard" % (sid, repeats))
        # a soft rule's meetings again are never silent: the solver's plan
        # warns with their count (the desk's changes recount them after)
        warnings = self.plan.get("warnings") or []
        if repeats > 0 and not self.plan.get("desk_changes") and not any(
                sid in w and re.search(r"再び同席した回数 %d、|\(%d meetings again" % (repeats, repeats), w)
                for w in warnings):
            self.problem("session %s: %d meetings again and no warning says so" % (sid, repeats))
        return (repeats, n * (n - 1) // 2)

    def round1_pigeonhole(self, spec, rounds):
        """Pairs of round-1 tablemates the later rounds must seat together:
        each later table's s people, drawn from round 1's tables (at most
        the people of each that its track takes), spread as evenly as those
        counts allow, meet at least sum C(q, 2).  A table's own round-1
        people may sit at it again whatever their track (a pin put them
        there)."""
        tracks = {t.get("id"): t.get("professions") or [] for t in spec.get("tracks") or []}
        total = 0
        for rt in rounds[1:]:
            for t in rt:
                if spec.get("kind") == "workgroup":
                    caps = [sum(1 for a in self.people(u) if a.profession in tracks.get(t["track"], [])
                                or u["id"] == t["id"]) for u in rounds[0]]
                else:
                    caps = [len(u["members"]) for u in rounds[0]]
                q = [0] * len(caps)
                for _ in range(len(t["members"])):
                    open_ = [k for k in range(len(caps)) if q[k] < caps[k]]
                    if not open_:
                        break
                    k = min(open_, key=lambda k: q[k])
                    total += q[k]
                    q[k] += 1
        return total

    @staticmethod
    def plan_id(a):
        return a.plan_id

    # -- scores
    def compute_scores(self, spec, tables, earlier):
        lo, hi = size_range(spec)
        seated_all = self.seated()
        n_seated = sum(len(t["members"]) for t in tables)
        sc = collections.OrderedDict()
        sc["seated"] = (n_seated, len(seated_all))
        org_sizes = collections.Counter(a.org_key for a in seated_all if a.org_key)
        all_pairs = sum(k * (k - 1) // 2 for k in org_sizes.values())
        col = sum(len(ms) * (len(ms) - 1) // 2
                  for t in tables for ms in colleague_groups(self.people(t)).values())
        out_of_range = sum(1 for t in tables if not lo <= len(t["members"]) <= hi)
        no_exp = sum(1 for t in tables if not any(a.experienced for a in self.people(t)))
        if spec.get("kind") == "exchange":
            own = interest = nb = far = 0
            for t in tables:
                for a in self.people(t):
                    mine = [a.region] + a.interests
                    if a.region in t["regions"]:
                        own += 1
                    elif any(r in t["regions"] for r in mine):
                        interest += 1
                    elif any(self.regions.distance(r, q) == 1 for r in t["regions"] for q in mine):
                        nb += 1
                    else:
                        far += 1
            n_mixed = sum(1 for t in tables if mixed(self.people(t), sides_of(spec)))
            sc["own_region"] = (own, n_seated)
            sc["interest_region"] = (interest, n_seated)
            sc["neighbour_region"] = (nb, n_seated)
            sc["far_region"] = (far, n_seated)
            sc["mixed_tables"] = (n_mixed, len(tables))
            sc["colleague_pairs"] = (col, all_pairs)
            sc["tables_without_experienced"] = (no_exp, len(tables))
            sc["size_out_of_range"] = (out_of_range, len(tables))
        else:
            tracks = {t.get("id"): t.get("professions") or [] for t in spec.get("tracks") or []}
            repeat = pairs = distinct = wrong = 0
            for t in tables:
                ids = sorted(t["members"])
                pairs += len(ids) * (len(ids) - 1) // 2
                for i in range(len(ids)):
                    for j in range(i + 1, len(ids)):
                        if any((ids[i], ids[j]) in e for e in earlier):
                            repeat += 1
                distinct += len(set(a.region for a in self.people(t)))
                wrong += sum(1 for a in self.people(t) if a.profession not in tracks.get(t["track"], []))
            sc["colleague_pairs"] = (col, all_pairs)
            sc["size_out_of_range"] = (out_of_range, len(tables))
            sc["groups_without_experienced"] = (no_exp, len(tables))
            sc["repeat_pairs"] = (repeat, pairs)
            sc["distinct_regions"] = (distinct, -1)
            sc["wrong_track"] = (wrong, n_seated)
            for t in tables:
                for a in self.people(t):
                    if a.profession not in tracks.get(t["track"], []):
                        self.problem("session %s, group %s: %s (%s) is %s, not in track %s (%s)"
                                     % (spec["id"], t["id"], self.plan_id(a), a.name, a.profession,
                                        t["track"], "/".join(tracks.get(t["track"], []))))
        return sc

    def check_scores(self):
        scores = self.plan.get("scores")
        if not isinstance(scores, dict):
            self.problem('no "scores" object')
            return
        moves = self.plan.get("moves") or []
        for sid, mine in self.scores.items():
            theirs = scores.get(sid)
            if not isinstance(theirs, dict):
                self.problem("scores: session %s missing" % sid)
                continue
            for key, (count, of) in mine.items():
                got = theirs.get(key)
                if not isinstance(got, dict):
                    self.problem("scores: %s.%s missing (recomputed %d of %d)" % (sid, key, count, of))
                elif got.get("count") != count or got.get("of") != of:
                    self.problem("scores: %s.%s is %s of %s in the plan, recomputed %d of %d"
                                 % (sid, key, show(got.get("count")), show(got.get("of")), count, of))
            for key, got in theirs.items():
                if key in mine:
                    continue
                if key == "moved":
                    n = sum(1 for m in moves if m.get("session") == sid)
                    if not isinstance(got, dict) or got.get("count") != n:
                        self.problem("scores: %s.moved is %s but the plan lists %d moves"
                                     % (sid, show(got), n))
                else:
                    self.problem("scores: %s.%s is not a known score" % (sid, key))
        for sid in scores:
            if sid not in self.scores:
                self.problem("scores: unknown session %s" % sid)

    def run(self):
        self.check_attendees()
        self.check_sessions()
        self.check_scores()
        return self.problems


# ---------------------------------------------------------------- helpers


def table_pairs(tables):
    """The pairs (sorted ids) sharing a table."""
    pairs = set()
    for t in tables:
        ids = sorted(t["members"])
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pairs.add((ids[i], ids[j]))
    return pairs


def colleague_groups(people):
    """org key -> people at this table sharing it (only keys with 2 or more)."""
    groups = collections.OrderedDict()
    for a in people:
        if a.org_key:
            groups.setdefault(a.org_key, []).append(a)
    return collections.OrderedDict((k, v) for k, v in groups.items() if len(v) > 1)


def clock(text):
    """Minutes since midnight of "H:MM" (None when not a time)."""
    m = re.match(r"^(\d+):(\d{2})$", text or "")
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def role_breaks(checker, rules, held, hard_only):
    """The role rules a group's holders break, one text each."""
    out = []
    who = {r: checker.by_id.get(w) for r, w in held.items() if w is not None}
    for rule in rules:
        hard = rule.get("hard", True)
        if hard_only and not hard:
            continue
        kind = rule.get("rule")
        if kind == "experienced":
            a = who.get(rule.get("role"))
            if a is not None and not a.experienced:
                out.append("%s %s is a newcomer but the role rule experienced is %s"
                           % (rule.get("role"), a.plan_id, "hard" if hard else "soft"))
        elif kind == "not_same_person":
            x, y = rule.get("roles")
            if held.get(x) is not None and held.get(x) == held.get(y):
                out.append("%s holds both %s and %s (not_same_person)" % (held.get(x), x, y))
        elif kind == "spread_organisations":
            rs = [r for r in held if who.get(r) is not None]
            for i in range(len(rs)):
                for j in range(i + 1, len(rs)):
                    a, b = who[rs[i]], who[rs[j]]
                    if a is not b and a.org_key and a.org_key == b.org_key:
                        out.append("%s and %s of %s hold %s and %s (spread_organisations)"
                                   % (a.plan_id, b.plan_id, a.organization, rs[i], rs[j]))
    return out


def most_roles(checker, rules, roles, people, cap):
    """How many of the roles the hard role rules let this group fill, at
    most cap roles a person (a search over every assignment)."""
    best = [0]
    holder = {}

    def allowed(r, a):
        trial = dict(holder)
        trial[r] = a.plan_id
        return not role_breaks(checker, rules, trial, hard_only=True)

    def go(k, filled):
        best[0] = max(best[0], filled)
        if k == len(roles) or filled + len(roles) - k <= best[0]:
            return
        for a in people:
            if sum(1 for w in holder.values() if w == a.plan_id) < cap and allowed(roles[k], a):
                holder[roles[k]] = a.plan_id
                go(k + 1, filled + 1)
                del holder[roles[k]]
        go(k + 1, filled)

    go(0, 0)
    return best[0]


def size_range(spec):
    size = spec.get("size") or {}
    default = (6, 10) if spec.get("kind") == "exchange" else (5, 8)
    return size.get("min", default[0]), size.get("max", default[1])


def letters(i):
    """0 -> A, 25 -> Z, 26 -> AA (spreadsheet style)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(ord("A") + r) + s
    return s


def sizes_text(tables):
    return ", ".join("%s:%d" % (t["id"], len(t["members"])) for t in tables)


def show(v):
    return json.dumps(v, ensure_ascii=False)


def fmt_key(k):
    return k if isinstance(k, str) else "%s / %s" % k


def scores_json(scores):
    return collections.OrderedDict(
        (sid, collections.OrderedDict((k, {"count": c, "of": o}) for k, (c, o) in sc.items()))
        for sid, sc in scores.items())


def main(argv=None):
    ap = argparse.ArgumentParser(description="Check a tsunagu plan against its attendee file.")
    ap.add_argument("plan")
    ap.add_argument("attendees")
    ap.add_argument("--regions", help="region table to read the attendee file with "
                    "(default: the one embedded in the plan)")
    ap.add_argument("--json", action="store_true", help="print the recomputed scores as JSON")
    args = ap.parse_args(argv)
    try:
        with open(args.plan, encoding="utf-8") as f:
            plan = json.load(f)
        if not isinstance(plan, dict) or plan.get("format") != "tsunagu-plan":
            print("%s: not a tsunagu plan" % args.plan, file=sys.stderr)
            return 2
        if args.regions:
            with open(args.regions, encoding="utf-8") as f:
                regions = Regions(json.load(f), args.regions)
        elif "regions" in plan:
            regions = Regions(plan["regions"], args.plan + " (regions)")
        else:
            print('%s: no "regions" table; give --regions' % args.plan, file=sys.stderr)
            return 2
        professions = Professions((plan.get("event") or {}).get("professions"))
        attendees, has_id, problems = read_attendees(args.attendees, regions, professions)
    except (OSError, ValueError) as e:
        print("check_plan: %s" % e, file=sys.stderr)
        return 2
    checker = Checker(plan, os.path.basename(args.plan), attendees, has_id, regions,
                      os.path.basename(args.attendees), professions)
    problems += checker.run()
    out = sys.stderr if args.json else sys.stdout
    for p in problems:
        print(p, file=out)
    if args.json:
        json.dump(scores_json(checker.scores), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif not problems:
        sessions = ", ".join("%s %d tables" % (sid, n) for sid, n in checker.table_counts.items())
        print("OK: %d attendees, %d seated; %s; %d scores recomputed and equal"
              % (len(attendees), len(checker.seated()), sessions,
                 sum(len(sc) for sc in checker.scores.values())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
