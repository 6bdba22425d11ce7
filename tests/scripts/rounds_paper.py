#!/usr/bin/env python3
"""rounds_paper.py - what test_rounds_paper.sh holds the paper of a plan
with rounds (a 席替え) to, read from the files tsunagu wrote and compared
with the plan file alone (no code shared with C).

    rounds_paper.py WHAT SCRATCH NAME PLAN [ARG]

NAME is an output's base name in SCRATCH, PLAN the plan's (PLAN.json):

  maps       NAME.html: a map per round of every session with rounds,
             headed with the round and its times; each round's tables seat
             exactly the plan's members, every attendee once a round
  sheets     NAME.html (--roster-per-page): a sheet per table of a session
             with rounds holding every round, each round's rows the plan's
             members, 次 the table each goes to next
  reception  NAME.html: everyone's itinerary on the reception list
  badges     NAME.html: each badge's box shows the itinerary 3→7→1
  csv        NAME.csv, ARG the language: a column per round, the plan's
  text       NAME.txt: every round's heading and times, everyone's itinerary
  pdf        NAME.pdf read by poppler (NAME.txt, NAME.bbox.html): each map
             and each table's sheet one page, every word inside the margins
  swap       write PLAN.json: NAME.json with two people of the last round
             swapped (only a later round changes); prints their ids
  changed    NAME.html / .txt / .csv / -badges.html of --only-changed
             against the plan before the swap: ARG (ids, comma-separated)
             alone changed, only the last round's map, the sheets of the
             two tables
Exits 1 with the problems printed."""
import csv, html, json, math, re, sys, unicodedata
from collections import Counter

bad = []
squash = lambda t: re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", t))
untag = lambda t: html.unescape(re.sub(r"<[^>]*>", "", t))


def load(path):
    return json.load(open(path, encoding="utf-8"))


def rounds_of(sess):
    """Every round's tables of a session: [round 1 tables, round 2 tables, ...]."""
    return [sess["tables"]] + [r["tables"] for r in sess.get("rounds", [])]


def with_rounds(plan):
    return [s for s in plan["sessions"] if s.get("rounds")]


def stop(t):
    """What an itinerary prints for a table: its number; a group its own name."""
    return t["label"].split()[-1] if t.get("track") else t["id"]


def itineraries(plan, sess):
    """attendee id -> [table of round 1, round 2, ...]."""
    out = {}
    for r, tables in enumerate(rounds_of(sess)):
        for t in tables:
            for m in t["members"]:
                out.setdefault(m, [None] * len(rounds_of(sess)))[r] = t
    return out


def clock(m):
    return f"{m // 60}:{m % 60:02d}"


def round_times(plan, sess, r):
    spec = next(e for e in plan["event"]["sessions"] if e["id"] == sess["id"])
    k = len(rounds_of(sess))
    h, m = map(int, spec["start"].split(":"))
    start = h * 60 + m
    if spec.get("round_minutes"):
        a = start + r * spec["round_minutes"]
        return clock(a), clock(a + spec["round_minutes"])
    h, m = map(int, spec["end"].split(":"))
    end = h * 60 + m
    return clock(start + (end - start) * r // k), clock(start + (end - start) * (r + 1) // k)


def maps(s, name, plan):
    doc = open(f"{s}/{name}.html", encoding="utf-8").read()
    svgs = re.findall(r'<h2>(.*?)</h2>\s*<svg[^>]*data-session="([^"]*)">(.*?)</svg>', doc, re.S)
    for sess in with_rounds(plan):
        for r, tables in enumerate(rounds_of(sess)):
            key = sess["id"] if r == 0 else f"{sess['id']}#{r + 1}"
            mine = [(h2, body) for h2, sid, body in svgs if sid == key]
            if not mine:
                bad.append(f"{name}: no map of {key}")
                continue
            a, b = round_times(plan, sess, r)
            for h2, _ in mine:
                if f"{r + 1}回目 {a}–{b}" not in untag(h2):
                    bad.append(f"{name}: the map of {key} is headed {untag(h2)!r}, not round {r + 1} {a}–{b}")
            seen = {}
            for _, body in mine:
                for tid, part in re.findall(r'<g class="tbl" data-table="([^"]*)">(.*?)</g>\n', body, re.S):
                    seen[tid] = re.findall(r'data-attendee="([^"]*)"', part)
            want = {t["id"]: t["members"] for t in tables}
            if {k: sorted(v) for k, v in seen.items()} != {k: sorted(v) for k, v in want.items()}:
                diff = [k for k in want if sorted(seen.get(k, [])) != sorted(want[k])]
                bad.append(f"{name}: map of {key}: tables {diff[:3]} do not seat the plan's members")
            everyone = Counter(x for v in seen.values() for x in v)
            twice = [x for x, n in everyone.items() if n > 1]
            if twice or len(everyone) != sum(len(v) for v in want.values()):
                bad.append(f"{name}: map of {key}: {len(everyone)} people, twice: {twice[:3]}")
        print(f"{name}: {len(rounds_of(sess))} rounds of {sess['id']} mapped")


def rows(part):
    """Roster rows of an HTML fragment: (name, kana, next or None)."""
    out = []
    for tr in re.findall(r'<tr><td class="num">\d+</td>(.*?)</tr>', part, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        # a role's mark follows the name in its cell
        name = untag(re.sub(r'<span class="role".*?</span>', "", cells[0]))
        nxt = re.search(r'<td class="next">(.*?)</td>', tr, re.S)
        out.append((squash(name), squash(untag(cells[1])), untag(nxt.group(1)) if nxt else None))
    return out


def sheets(s, name, plan):
    doc = open(f"{s}/{name}.html", encoding="utf-8").read()
    people = {a["id"]: a for a in plan["attendees"]}
    secs = re.findall(r'<section class="rosters sheet rounds[^"]*">(.*?)</section>', doc, re.S)
    for sess in with_rounds(plan):
        rnds = rounds_of(sess)
        route = itineraries(plan, sess)
        labels = {squash(t["label"]): t["id"] for t in sess["tables"]}
        done = set()
        for sec in secs:
            h3 = re.search(r"<h3>(.*?)</h3>", sec, re.S)
            title = squash(untag(h3.group(1))) if h3 else ""
            tid = next((labels[l] for l in labels if title.startswith(l) and
                        not title[len(l):len(l) + 1].isdigit()), None)
            if tid is None:
                continue
            done.add(tid)
            parts = re.split(r"<h4>", sec)[1:]
            if len(parts) != len(rnds):
                bad.append(f"{name}: the sheet of table {tid} has {len(parts)} rounds, not {len(rnds)}")
                continue
            for r, part in enumerate(parts):
                a, b = round_times(plan, sess, r)
                if not untag(part).startswith(f"{r + 1}回目 {a}–{b}"):
                    bad.append(f"{name}: sheet {tid}: round {r + 1} headed {untag(part)[:30]!r}")
                t = next(x for x in rnds[r] if x["id"] == tid)
                want = Counter((squash(people[m]["name"]), squash(people[m].get("kana", "")),
                                stop(route[m][r + 1]) if r + 1 < len(rnds) else None) for m in t["members"])
                got = Counter(rows(part))
                if got != want:
                    bad.append(f"{name}: sheet {tid} round {r + 1}: rows {sorted(got - want)[:2]} "
                               f"not the plan's {sorted(want - got)[:2]}")
        if done != {t["id"] for t in sess["tables"]}:
            bad.append(f"{name}: no sheet for tables {sorted({t['id'] for t in sess['tables']} - done)}")
        print(f"{name}: {len(done)} sheets of {sess['id']}, {len(rnds)} rounds each")


def reception(s, name, plan):
    doc = open(f"{s}/{name}.html", encoding="utf-8").read()
    table = re.search(r'<table class="list reception">(.*?)</table>', doc, re.S).group(1)
    got = Counter()
    for kana, nm, rest in re.findall(r'<tr><td class="tick">.*?</td><td>(.*?)</td><td>(.*?)</td>(.*?)</tr>',
                                     table, re.S):
        for cell in re.findall(r'<td class="seat big route"[^>]*>(.*?)</td>', rest, re.S):
            stops = [untag(x) for x in re.findall(r'<span class="stop">(.*?)</span>', cell)]
            got[(squash(untag(nm)), squash(untag(kana)), "→".join(stops))] += 1
    want = Counter()
    people = {a["id"]: a for a in plan["attendees"]}
    for sess in with_rounds(plan):
        for m, route in itineraries(plan, sess).items():
            a = people[m]
            want[(squash(a["name"]), squash(a.get("kana", "")), "→".join(stop(t) for t in route))] += 1
    if got != want:
        bad.append(f"{name}: reception itineraries {sorted(got - want)[:2]} against the plan's {sorted(want - got)[:2]}")
    print(f"{name}: {sum(got.values())} itineraries on the reception list")


def badges(s, name, plan, only=None):
    doc = open(f"{s}/{name}.html", encoding="utf-8").read()
    sess = with_rounds(plan)[0]
    route = itineraries(plan, sess)
    got = {}
    for pid, body in re.findall(r'data-id="([^"]*)">\n(.*?)\n</div>\n', doc, re.S):
        num = re.search(r'<div class="num"[^>]*>(.*?)</div>', body, re.S)
        got[pid] = untag(num.group(1)) if num else None
    want = {m: "→".join(t["id"] for t in r) for m, r in route.items() if only is None or m in only}
    wrong = [(p, got.get(p), want[p]) for p in want if got.get(p) != want[p]]
    if wrong:
        bad.append(f"{name}: badges {wrong[:3]} (got, want)")
    if only is not None and sorted(got) != sorted(only):
        bad.append(f"{name}: badges of {sorted(got)}, expected {sorted(only)}")
    # routes at arm's length on everyone's badge: a long group caption
    # (相談支援専門員・センター グループ 13:00) once shrank the sample's
    # specialists' routes to 5 mm beside the MSWs' 9 mm
    sizes = [float(x) for x in re.findall(r'class="num" style="font-size:([\d.]+)mm', doc)]
    if name == "sample-badges" and (not sizes or min(sizes) < 8.0):
        bad.append(f"{name}: routes printed {min(sizes or [0]):.1f} mm high, under 8 mm")
    print(f"{name}: {len(want)} itineraries on badges")


def csv_check(s, name, plan, lang, only=None):
    table = list(csv.reader(open(f"{s}/{name}.csv", encoding="utf-8-sig")))
    head, body = table[0], table[1:]
    for sess in with_rounds(plan):
        k = len(rounds_of(sess))
        word = "テーブル {}回目" if lang == "ja" else "Table round {}"
        cols = [head.index(word.format(r + 1)) if word.format(r + 1) in head else -1 for r in range(k)]
        if -1 in cols:
            bad.append(f"{name}: headers {head}, expected {word.format(1)} .. {word.format(k)}")
            continue
        route = itineraries(plan, sess)
        for row in body:
            want = [t["id"] for t in route[row[0]]] if row[0] in route else [""] * k
            if [row[c] for c in cols] != want:
                bad.append(f"{name}: {row[0]}: {[row[c] for c in cols]}, the plan says {want}")
                break
    if only is not None and sorted(r[0] for r in body) != sorted(only):
        bad.append(f"{name}: rows of {sorted(r[0] for r in body)}, expected {sorted(only)}")
    print(f"{name}: {len(body)} rows")


def text(s, name, plan, only=None):
    out = open(f"{s}/{name}.txt", encoding="utf-8").read()
    people = {a["id"]: a for a in plan["attendees"]}
    for sess in with_rounds(plan):
        for r in range(len(rounds_of(sess))):
            a, b = round_times(plan, sess, r)
            if only is None and f"\n-- {r + 1}回目 --  {a}-{b}\n" not in out:
                bad.append(f"{name}: no heading of round {r + 1} ({a}-{b})")
        lines = out.split("\n-- 各回のテーブル --\n", 1)
        if len(lines) < 2:
            bad.append(f"{name}: no itineraries")
            continue
        got = Counter()
        for line in lines[1].split("\n\n", 1)[0].splitlines():
            m = re.match(r"  (.+?)  +(.+?)  +(\S.*)$", line)
            if m:
                got[(squash(m.group(1)), squash(m.group(2)), squash(m.group(3)))] += 1
        want = Counter((squash(people[m]["name"]), squash(people[m].get("kana", "")),
                        "→".join(stop(t) for t in route))
                       for m, route in itineraries(plan, sess).items() if only is None or m in only)
        if got != want:
            bad.append(f"{name}: itineraries {sorted(got - want)[:2]} against the plan's {sorted(want - got)[:2]}")
        print(f"{name}: {sum(got.values())} itineraries in the text")


def pdf(s, name, plan):
    """Each map and each sheet of a table with rounds one page; every word
    inside the margins."""
    box = open(f"{s}/{name}.bbox.html", encoding="utf-8").read()
    texts = open(f"{s}/{name}.txt", encoding="utf-8").read().split("\f")
    doc = open(f"{s}/{name}.html", encoding="utf-8").read()
    en = '<html lang="en">' in doc
    room, roster = ("Room map:", "Facilitators' rosters:") if en else ("会場図:", "進行役用名簿:")
    round_word = "Round {}," if en else "{}回目"
    for n, m in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', box, re.S), 1):
        w, h = float(m.group(1)), float(m.group(2))
        margin = (8 if w > h else 12) / 25.4 * 72 - 3
        for x1, x2, word in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', m.group(3)):
            if float(x1) < margin or float(x2) > w - margin:
                bad.append(f"{name}.pdf page {n}: '{word}' runs past the margin")
                break
    maps_html = doc.count('<section class="map')
    maps_pdf = sum(room in t for t in texts)
    if maps_pdf != maps_html:
        bad.append(f"{name}.pdf: {maps_pdf} pages show a map, for {maps_html} maps (one spilled?)")
    for sess in with_rounds(plan):
        pages = math.ceil(len(sess["tables"]) / 12)
        for r in range(len(rounds_of(sess))):
            got = sum(f"{room} {round_word.format(r + 1)}" in t for t in texts)
            if got != pages:
                bad.append(f"{name}.pdf: round {r + 1} mapped on {got} pages, expected {pages}")
        if '<section class="rosters sheet rounds' not in doc:
            continue
        # each table's sheet with all its rounds is one page: the next
        # page starts another sheet
        head = squash(roster + sess["title"])
        mine = [i for i, t in enumerate(texts) if head in squash(t)]
        spilled = [i + 2 for i in mine if i + 1 < len(texts) and squash(roster) not in squash(texts[i + 1])]
        if len(mine) != len(sess["tables"]) or spilled:
            bad.append(f"{name}.pdf: {len(mine)} sheet pages for {len(sess['tables'])} tables, "
                       f"pages {spilled[:5]} continue one")
    print(f"{name}.pdf: {len(texts) - 1} pages, {maps_pdf} of maps")


def swap(s, path, out):
    """Two people of the same profession at two tables of the last round
    change places (the itinerary follows): only that round changed."""
    plan = load(path)
    sess = with_rounds(plan)[0]
    last = sess["rounds"][-1]["tables"]
    prof = {a["id"]: a["profession"] for a in plan["attendees"]}
    a = last[0]["members"][0]
    b = next(m for t in last[1:] for m in t["members"] if prof[m] == prof[a])
    tb = next(t for t in last if b in t["members"])
    last[0]["members"][last[0]["members"].index(a)] = b
    tb["members"][tb["members"].index(b)] = a
    for p in plan["attendees"]:
        if p["id"] in (a, b):
            p["itinerary"][sess["id"]][-1] = tb["id"] if p["id"] == a else last[0]["id"]
    json.dump(plan, open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
    print(f"{a},{b}")


def changed(s, name, plan, who):
    """--only-changed after a change in the last round only (swap)."""
    doc = open(f"{s}/{name}.html", encoding="utf-8").read()
    sess = with_rounds(plan)[0]
    k = len(rounds_of(sess))
    heads = [untag(h) for h in re.findall(r'<section class="map[^"]*">.*?<h2>(.*?)</h2>', doc, re.S)]
    if not heads or any(f"{k}回目" not in h for h in heads):
        bad.append(f"{name}: maps {heads}, expected round {k}'s alone")
    tables = {t["id"] for t in rounds_of(sess)[-1] if set(t["members"]) & set(who)}
    rosters = re.findall(r'<div class="roster round"><h3>(.*?)</h3>', doc, re.S)
    labels = sorted(squash(untag(h)) for h in rosters)
    want = sorted(squash(t["label"]) for t in sess["tables"] if t["id"] in tables)
    if [l[:len(w)] for l, w in zip(labels, want)] != want or len(labels) != len(want):
        bad.append(f"{name}: rosters of {labels}, expected the sheets of {want}")
    listed = re.search(r"<h2>前の計画からの変更</h2>.*?<tbody>(.*?)</tbody>", doc, re.S).group(1)
    if listed.count("<tr>") != len(who):
        bad.append(f"{name}: {listed.count('<tr>')} people listed as changed, expected {len(who)}")
    txt = open(f"{s}/{name}.txt", encoding="utf-8").read()
    for r in range(k - 1):
        if f"-- {r + 1}回目 --" in txt:
            bad.append(f"{name}.txt: round {r + 1} printed though it did not change")
    if f"-- {k}回目 --" not in txt:
        bad.append(f"{name}.txt: round {k} missing")
    text(s, name, plan, only=who)
    badges(s, f"{name}-badges", plan, only=who)
    csv_check(s, name, plan, "ja", only=who)


def main():
    what, s, name, plan_name = sys.argv[1:5]
    extra = sys.argv[5:]
    if what == "swap":
        swap(s, f"{s}/{name}.json", f"{s}/{plan_name}.json")
        return
    plan = load(f"{s}/{plan_name}.json")
    if what == "maps":
        maps(s, name, plan)
    elif what == "sheets":
        sheets(s, name, plan)
    elif what == "reception":
        reception(s, name, plan)
    elif what == "badges":
        badges(s, name, plan)
    elif what == "csv":
        csv_check(s, name, plan, extra[0])
    elif what == "text":
        text(s, name, plan)
    elif what == "pdf":
        pdf(s, name, plan)
    elif what == "changed":
        changed(s, name, plan, extra[0].split(","))
    for b in bad:
        print("FAIL:", b)
    sys.exit(1 if bad else 0)


main()
