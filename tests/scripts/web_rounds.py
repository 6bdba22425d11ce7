"""web_rounds.py URL SOURCE_ROOT SCRATCH - a session with rounds (a 席替え
within its slot) through tsunagu serve's API (tests/scripts/test_web_rounds.sh).

  * An event made from the bundled day with a 3-round morning keeps its
    rounds when the page saves the settings; rounds and minutes per round
    are set and cleared through the settings (1 round: no keys); a count
    outside 1-12, or rounds that overrun the slot, are refused (422, the
    reason named, nothing stored).
  * The plan has every round; the event's answer carries the rounds line
    (meetings again against their bound), in Japanese and in English.
  * A move in round 3 (POST move with "round": 3) is a swap with one person
    of that table: the two change places, nobody else moves in any round,
    the history and the changes say so; one that a hard rule forbids is
    refused naming the person, the round and the rule, nothing stored; an
    out-of-date one is refused (409); a bad round is 400; a move across
    tracks in a workgroup's later round is refused.
  * A walk-in takes a seat in every round and nobody moves; a cancellation
    frees every round's seat; a round-1 move is a pin and a re-plan; a
    plain re-plan works; the charts are served.

Every plan the server stores is checked by tests/checker/check_plan.py
against the list it seats.  Every check runs even after one failed; exit 1
when any failed."""
import copy
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web_client import Checks, Client  # noqa: E402

url, src, scratch = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
sample = os.path.join(src, "data", "samples", "attendees.csv")
checker = os.path.join(src, "tests", "checker", "check_plan.py")
data_dir = os.path.join(scratch, "data")


check = Checks()
failures = check.failures
call = Client(url, timeout=120).call


def event(eid, lang="ja"):
    return call("GET", f"/api/events/{eid}?lang={lang}")[1]


def plan(eid):
    return call("GET", f"/api/events/{eid}/plan.json")[1]


def files(eid):
    folder = os.path.join(data_dir, "events", eid)
    return {n: open(os.path.join(folder, n), "rb").read() for n in sorted(os.listdir(folder))}


def wait_job(eid, what):
    for _ in range(1200):
        job = call("GET", f"/api/events/{eid}/job")[1]
        if job.get("state") not in ("queued", "running"):
            break
        time.sleep(0.1)
    check(job.get("state") == "done", f"{what}: the solve ended {job.get('state')}: {job}")


def solve(eid, what, **body):
    status, doc, _ = call("POST", f"/api/events/{eid}/solve", body, base=event(eid)["revision"])
    check(status == 202, f"{what}: solve answered {status} {doc}")
    wait_job(eid, what)


# The list a plan should seat, for the checker: the sample's rows, a
# walk-in's row added, a cancelled person's row emptied (lines stay put).
rows = open(sample, encoding="utf-8").read().rstrip("\n").split("\n")


def checked(eid, what):
    """The current plan passes the independent checker against `rows`."""
    path = os.path.join(scratch, what.replace(" ", "-") + ".json")
    listed = os.path.join(scratch, what.replace(" ", "-") + ".csv")
    with open(path, "wb") as f:
        f.write(call("GET", f"/api/events/{eid}/plan.json")[2])
    with open(listed, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    r = subprocess.run([sys.executable, checker, path, listed], capture_output=True, text=True)
    check(r.returncode == 0, f"{what}: the checker says\n{r.stdout}{r.stderr}")
    return json.load(open(path, encoding="utf-8"))


def session(p, sid):
    return next(s for s in p["sessions"] if s["id"] == sid)


def rounds_of(p, sid):
    """Every round's tables of session sid: [round 1's tables, round 2's, ...]."""
    s = session(p, sid)
    return [s["tables"]] + [r["tables"] for r in s.get("rounds", [])]


def seating(p, sid):
    """{(round, attendee): table id} over every round of session sid."""
    return {(k, m): t["id"] for k, tables in enumerate(rounds_of(p, sid), 1) for t in tables for m in t["members"]}


def sizes(p, sid):
    return [[len(t["members"]) for t in tables] for tables in rounds_of(p, sid)]


# ---- an event with a 3-round morning; its settings --------------------------------

status, doc, _ = call("POST", "/api/events?name=attendees.csv&template=tsunagarou-rounds", raw=open(sample, "rb").read())
assert status == 201, (status, doc)
eid = doc["id"]
ev = event(eid)
am = next(s for s in ev["settings"]["sessions"] if s["id"] == "morning")
check(am.get("rounds") == 3 and am.get("round_minutes") == 20, f"the template's morning: {am}")
check(am["rules"].get("no_pair_twice", {}).get("hard") is True, f"the morning's no_pair_twice: {am['rules']}")

# the page sends the stored settings back with one change: the rounds stay
settings = copy.deepcopy(ev["settings"])
settings["sessions"][1]["size"]["max"] = 8
status, doc, _ = call("PUT", f"/api/events/{eid}/settings", settings, base=ev["revision"])
check(status == 200, f"saving the settings answered {status} {doc}")
am = next(s for s in event(eid)["settings"]["sessions"] if s["id"] == "morning")
check(am.get("rounds") == 3 and am.get("round_minutes") == 20, f"saving the settings dropped the rounds: {am}")


def refused_settings(change, said, what):
    ev = event(eid)
    s = copy.deepcopy(ev["settings"])
    change(s)
    before = files(eid)
    status, doc, _ = call("PUT", f"/api/events/{eid}/settings", s, base=ev["revision"])
    text = " ".join(d.get("text", "") for d in doc.get("diags", []))
    check(status == 422 and said in text, f"{what}: answered {status}: {text or doc}")
    check(files(eid) == before, f"{what}: refused, but files changed")


refused_settings(lambda s: s["sessions"][0].update(rounds=13), '"rounds" は 1 から 12 までの整数', "13 rounds")
refused_settings(lambda s: s["sessions"][0].update(rounds=4), "4 回 × 20 分で 80 分かかり", "4 rounds of 20 minutes in 60")

# the afternoon: 2 rounds of 50 minutes, set as the page sets them; then
# one round again (no keys), then 2 rounds with the slot shared evenly
for rounds, minutes in ((2, 50), (1, None), (2, None)):
    ev = event(eid)
    s = copy.deepcopy(ev["settings"])
    pm = s["sessions"][1]
    pm.pop("rounds", None), pm.pop("round_minutes", None)
    if rounds > 1:
        pm["rounds"] = rounds
    if minutes:
        pm["round_minutes"] = minutes
    status, doc, _ = call("PUT", f"/api/events/{eid}/settings", s, base=ev["revision"])
    stored = event(eid)["settings"]["sessions"][1]
    check(status == 200 and stored.get("rounds") == (rounds if rounds > 1 else None) and
          stored.get("round_minutes") == minutes, f"the afternoon's {rounds} rounds of {minutes}: {status} {stored}")

# ---- the plan ------------------------------------------------------------------------

solve(eid, "the first plan")
p = checked(eid, "first plan")
check(len(session(p, "morning").get("rounds", [])) == 2, "the morning has not 3 rounds")
check(len(session(p, "afternoon").get("rounds", [])) == 1, "the afternoon has not 2 rounds")
m = session(p, "morning")
line = event(eid).get("rounds", {}).get("morning", "")
check(f"3回の席替えで同じ人と二度同席した組: {m['repeats']}（下限 {m['repeats_bound']}）" in line,
      f"the morning's rounds line: {line!r}")
line = event(eid, "en").get("rounds", {}).get("morning", "")
check(f"3 rounds, meetings again: {m['repeats']} (lower bound {m['repeats_bound']})" in line,
      f"the morning's rounds line in English: {line!r}")
check("afternoon" in event(eid).get("rounds", {}), "no rounds line for the afternoon")

# ---- a move in round 3 -------------------------------------------------------------------

r3 = session(p, "morning")["rounds"][1]["tables"]
made = refused = None
for table in r3:
    for who in table["members"]:
        for other in r3:
            if other["id"] == table["id"] or (made and refused):
                continue
            ev = event(eid)
            before = files(eid)
            status, doc, _ = call("POST", f"/api/events/{eid}/move",
                                  {"attendee": who, "session": "morning", "table": other["id"], "round": 3},
                                  base=ev["revision"])
            if status == 422 and not refused:
                refused = (who, other, doc)
                check(files(eid) == before, "a refused move in round 3 changed files")
            elif status == 200 and not made:
                made = (who, table, other, doc, ev["revision"], p)
            elif status == 200:  # a second one: fine, but the plan moved on
                p = plan(eid)
            check(status in (200, 422), f"a move in round 3 answered {status} {doc}")
            if status == 200:
                p = plan(eid)
        if made and refused:
            break
    if made and refused:
        break

check(refused is not None, "no move in round 3 was refused (the morning's no_pair_twice is hard)")
if refused:
    who, other, doc = refused
    name = next(a["name"] for a in p["attendees"] if a["id"] == who)
    check(doc.get("error", "").startswith(f"{name} さんは") and "の3回目に「" + other["label"] + "」へは移せません" in doc["error"]
          and "必ず守る決まり" in doc["error"], f"the refusal says: {doc.get('error')}")
check(made is not None, "no move in round 3 was made")
if made:
    who, table, other, doc, base, was = made
    partner = doc.get("partner")
    check(doc.get("revision") == base + 1, f"the move's revision: {doc.get('revision')}, was {base}")
    moved = {m["attendee"]: m for m in doc.get("moved", [])}
    check(set(moved) == {who, partner} and all(m["session"] == "morning#3" for m in moved.values()),
          f"the move's answer: {doc}")
    # the plan the move stored (version 2: the first plan, then this move)
    first = json.load(open(os.path.join(data_dir, "events", eid, "plan-0002.json"), encoding="utf-8"))
    before, after = seating(was, "morning"), seating(first, "morning")
    changed = {k for k in before if before[k] != after.get(k)}
    check(changed == {(3, who), (3, partner)}, f"the swap changed {sorted(changed)}")
    check(after[(3, who)] == other["id"] and after[(3, partner)] == table["id"], "the two did not change places")
    check(sizes(first, "morning") == sizes(was, "morning"), "the swap changed a table's size")
    check(seating(first, "afternoon") == seating(was, "afternoon"), "the swap moved someone in the afternoon")
    entry = next(e for e in call("GET", f"/api/events/{eid}/history")[1]["entries"] if e.get("revision") == base + 1)
    check(entry.get("kind") == "move_round" and "さんが3回目に「" + other["label"] + "」へ移されました" in entry.get("text", "")
          and "さんと入れ替え" in entry["text"], f"the history says {entry}")
checked(eid, "after the moves in round 3")
changes = open(os.path.join(data_dir, "events", eid, "changes-0002.ja.txt"), encoding="utf-8").read()
check(" 3回目: テーブル" in changes and "印刷し直すテーブル" in changes, f"the changes say:\n{changes}")

# out of date, a bad round, across tracks: refused, nothing stored
ev = event(eid)
p = plan(eid)
t3 = session(p, "morning")["rounds"][1]["tables"]
who = t3[0]["members"][0]
before = files(eid)
status, doc, _ = call("POST", f"/api/events/{eid}/move", {"attendee": who, "session": "morning",
                                                         "table": t3[1]["id"], "round": 3}, base=ev["revision"] - 1)
check(status == 409 and doc.get("conflict"), f"an out-of-date move in round 3 answered {status}")
for bad in (13, 0, "2"):
    status, doc, _ = call("POST", f"/api/events/{eid}/move", {"attendee": who, "session": "morning",
                                                             "table": t3[1]["id"], "round": bad}, base=ev["revision"])
    check(status == 400, f"round {bad!r} answered {status} {doc}")
status, doc, _ = call("POST", f"/api/events/{eid}/move", {"attendee": who, "session": "morning",
                                                         "table": t3[1]["id"], "round": 4}, base=ev["revision"])
check(status == 422 and "4 回目の席はありません" in doc.get("error", ""), f"round 4 of 3 answered {status} {doc}")
pm2 = session(p, "afternoon")["rounds"][0]["tables"]
msw = next(m for t in pm2 if t["track"] == "MSW" for m in t["members"])
css = next(t for t in pm2 if t["track"] == "CSS")
status, doc, _ = call("POST", f"/api/events/{eid}/move", {"attendee": msw, "session": "afternoon",
                                                         "table": css["id"], "round": 2}, base=ev["revision"])
check(status == 422 and "職種の違うグループ" in doc.get("error", ""), f"a move across tracks answered {status} {doc}")
check(files(eid) == before, "a refused move changed files")

# ---- the desk: a walk-in, a cancellation ----------------------------------------------------

was = plan(eid)
status, doc, _ = call("POST", f"/api/events/{eid}/add", {"name": "飛込　花子", "kana": "トビコミ　ハナコ",
                                                        "profession": "CSS", "organization": "千葉みなと相談室",
                                                        "region": "千葉", "experience": "experienced"},
                      base=event(eid)["revision"])
check(status == 200, f"the walk-in answered {status} {doc}")
wid = doc.get("attendee", "W001")
rows.append(f"{wid},飛込　花子,トビコミ　ハナコ,CSS,千葉みなと相談室,千葉,,experienced")
p = checked(eid, "after the walk-in")
walkin = next(a for a in p["attendees"] if a["id"] == wid)
check(len(walkin.get("itinerary", {}).get("morning", [])) == 3 and len(walkin["itinerary"].get("afternoon", [])) == 2,
      f"the walk-in's itinerary: {walkin.get('itinerary')}")
for sid in ("morning", "afternoon"):
    now, then = seating(p, sid), seating(was, sid)
    check(all(now[k] == v for k, v in then.items()), f"the walk-in moved someone in the {sid}")
    check({k for k in now if k not in then} == {(r, wid) for r in range(1, len(rounds_of(p, sid)) + 1)},
          f"the walk-in is not seated once in every round of the {sid}")

gone = session(p, "morning")["rounds"][0]["tables"][2]["members"][0]
status, doc, _ = call("POST", f"/api/events/{eid}/remove", {"attendee": gone}, base=event(eid)["revision"])
check(status == 200, f"the cancellation answered {status} {doc}")
rows = [",,,,,,," if r.startswith(gone + ",") else r for r in rows]
q = checked(eid, "after the cancellation")
for sid in ("morning", "afternoon"):
    now, then = seating(q, sid), seating(p, sid)
    check(not any(k[1] == gone for k in now), f"{gone} is still seated in the {sid}")
    if not doc.get("moved"):
        check(all(then[k] == v for k, v in now.items()), f"the cancellation moved someone in the {sid}")

# ---- re-plans: a round-1 move (a pin), then a plain one -----------------------------------------

q = plan(eid)
r1 = session(q, "morning")["tables"]
who = next(m for m in r1[0]["members"] if m != wid)
status, doc, _ = call("POST", f"/api/events/{eid}/move", {"attendee": who, "session": "morning", "table": r1[1]["id"]},
                      base=event(eid)["revision"])
check(status == 202, f"a move in round 1 answered {status} {doc}")
wait_job(eid, "the move in round 1")
r = checked(eid, "after the move in round 1")
check(seating(r, "morning")[(1, who)] == r1[1]["id"], f"{who} is not at {r1[1]['id']} in round 1")
check(any(pin.get("id") == who for pin in r.get("pinned", [])), "the move in round 1 is not a pin")
stay = sum(1 for k, v in seating(q, "morning").items() if k[0] > 1 and seating(r, "morning").get(k) == v)
later = sum(1 for k in seating(q, "morning") if k[0] > 1)
check(stay >= later * 0.7, f"the re-plan kept {stay} of {later} later-round seats")
solve(eid, "a plain re-plan")
checked(eid, "after the re-plan")

# ---- the charts of a plan with rounds ---------------------------------------------------------

final = plan(eid)
name = final["attendees"][0]["name"]
for path in ("print.html", "print.html?roster_per_page=1", "badges.csv", "badges.html"):
    status, _, body = call("GET", f"/api/events/{eid}/{path}")
    check(status == 200 and name.encode() in body, f"{path} answered {status} without {name}")
status, _, body = call("GET", f"/printview.html?event={eid}&lang=ja")
check(status == 200, f"the print view answered {status}")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("web rounds: all checks passed")
