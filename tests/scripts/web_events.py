"""web_events.py URL SAMPLE DATA_DIR BIG... - the events of tsunagu serve's
data folder through its API (tests/scripts/test_web_events.sh); the server
runs with --solvers 1, so of the big lists' solves one runs and the others
wait their turn.

  * The list gives each event's display name, date, size and whether a
    solve of it runs or waits, and lists every event while solves wait.
  * Renaming: a change like any other (If-Match, 409 when out of date,
    refused while the event solves, kept in the history); the name is one
    line without text direction controls, at most 200 characters.
  * Deleting: the whole folder goes, nothing is left in the data folder;
    refused (409 solving) while a solve of the event runs or waits, every
    file kept; an out-of-date page's deletion is refused; a deleted event
    is 404 everywhere and no solve brings its folder back.
  * A folder being deleted (.deleting-*) never shows in the list.
  * An event's folder appears whole: never seen without its meta.json.
  * A link planted in place of an event's folder is no event: 404 for
    every request, nothing written through it.

Every check runs even after one failed (each failure is printed); exit 1
when any failed."""
import json
import os
import re
import shutil
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web_client import Checks, Client  # noqa: E402

url, sample, data_dir = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
bigs = sys.argv[4:]
events_dir = os.path.join(data_dir, "events")
ID = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{4}$")


check = Checks()
failures = check.failures
_client = Client(url, timeout=60)


def call(method, path, body=None, raw=None, base=None):
    status, doc, _ = _client.call(method, path, body, raw, base)
    return status, doc


def new_event(path):
    name = urllib.parse.quote(os.path.basename(path))
    status, doc = call("POST", "/api/events?name=" + name, raw=open(path, "rb").read())
    assert status == 201, (status, doc)
    return doc["id"]


def revision(eid):
    return call("GET", f"/api/events/{eid}")[1].get("revision", 0)


def listed():
    """The events list, by id."""
    return {e["id"]: e for e in call("GET", "/api/events")[1]["events"]}


def job_state(eid):
    return call("GET", f"/api/events/{eid}/job")[1].get("state")


def wait_jobs(ids):
    for _ in range(3000):
        if all(job_state(e) not in ("queued", "running") for e in ids):
            return
        time.sleep(0.1)


def files(eid):
    """Every file of the event's folder, byte for byte."""
    folder = os.path.join(events_dir, eid)
    return {n: open(os.path.join(folder, n), "rb").read() for n in sorted(os.listdir(folder))}


def folder_bytes(eid):
    return sum(len(v) for v in files(eid).values())


def same_files(before, eid, what):
    if not check(os.path.isdir(os.path.join(events_dir, eid)), f"{what}: the event's folder is gone"):
        return
    after = files(eid)
    changed = sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))
    check(not changed, f"{what}: files changed: {changed}")


def meta(eid):
    return json.load(open(os.path.join(events_dir, eid, "meta.json"), encoding="utf-8"))


# ---- the list: name, date, size --------------------------------------------

one, two = new_event(sample), new_event(sample)
items = listed()
check(set(items) == {one, two}, f"the list holds {sorted(items)}, expected {sorted([one, two])}")
for eid in (one, two):
    e = items.get(eid, {})
    check(e.get("name") == "attendees.csv", f"{eid}: listed name {e.get('name')!r}")
    settings = json.load(open(os.path.join(events_dir, eid, "event.json"), encoding="utf-8"))
    check(e.get("date") == settings.get("date", ""), f"{eid}: listed date {e.get('date')!r}, "
          f"the settings say {settings.get('date')!r}")
    check(e.get("attendees") == 100, f"{eid}: listed attendees {e.get('attendees')}, expected 100")
    check(e.get("bytes") == folder_bytes(eid), f"{eid}: listed bytes {e.get('bytes')}, "
          f"the folder holds {folder_bytes(eid)}")
    check("job" not in e, f"{eid}: a job mark without a solve: {e.get('job')}")

# ---- a new event has no day yet ----------------------------------------------------
# The kind of day gives the sessions, professions, rules and title, not its
# date and venue: once every event got the bundled 2014-10-31 and
# 千葉県教育会館501号室 (the list, --list-events, every printout).

templates = {t["id"]: t["title"] for t in call("GET", "/api/events")[1]["templates"]}
tashokushu = os.path.join(os.path.dirname(sample), "tashokushu.csv")
status, doc = call("POST", "/api/events?name=t.csv&template=tashokushu", raw=open(tashokushu, "rb").read())
check(status == 201, f"an event of the kind tashokushu answered {status} {doc}")
third = doc.get("id")
for eid, kind in [(one, "tsunagarou"), (third, "tashokushu")]:
    settings = json.load(open(os.path.join(events_dir, eid, "event.json"), encoding="utf-8"))
    check("date" not in settings and "venue" not in settings,
          f"a new {kind} event took its kind's day: {settings.get('date')!r} {settings.get('venue')!r}")
    check(settings.get("title") == templates.get(kind), f"a new {kind} event's title {settings.get('title')!r}, "
          f"expected its kind's {templates.get(kind)!r}")
    check(listed()[eid].get("date") == "", f"a new {kind} event is listed with the date {listed()[eid].get('date')!r}")
status, doc = call("POST", f"/api/events/{third}/solve", {}, base=revision(third))
wait_jobs([third])
page = urllib.request.urlopen(f"{url}/api/events/{third}/print.html", timeout=60).read().decode()
check("平成26年" not in page and "2014" not in page and "2026年11月14日" not in page and "令和8年11月14日" not in page
      and "千葉県教育会館" not in page and templates.get("tashokushu", "?") in page,
      "the new event's printout is headed by its kind's date or venue (or lacks its title)")
call("DELETE", f"/api/events/{third}", base="*")

# ---- renaming ----------------------------------------------------------------

before = files(one)
status, doc = call("PUT", f"/api/events/{one}/name", {"name": "x"})
check(status == 428, f"a rename without If-Match answered {status}, expected 428")
status, doc = call("PUT", f"/api/events/{one}/name", {"name": "x"}, base=0)
check(status == 409 and doc.get("conflict"), f"an out-of-date rename answered {status} {doc}")
for bad, why in [("会" * 201, "201"), (" \u3000\u202e\n", "空"), (7, "新しい名前")]:
    status, doc = call("PUT", f"/api/events/{one}/name", {"name": bad}, base="*")
    check(status == 422 and why in doc.get("error", ""),
          f"the name {bad!r:.20} answered {status} {doc}, expected 422 saying {why}")
status, doc = call("PUT", f"/api/events/{one}/name?lang=en", {"name": "会" * 201}, base="*")
check(doc.get("error") == "the name is 201 characters long: at most 200, please",
      f"the English refusal of a long name: {doc.get('error')!r}")
same_files(before, one, "refused renames")

rev = revision(one)
status, doc = call("PUT", f"/api/events/{one}/name", {"name": "\u3000秋の交流会\u202e（千葉）\n "}, base=rev)
check(status == 200 and doc.get("name") == "秋の交流会（千葉）" and doc.get("revision") == rev + 1,
      f"a rename answered {status} {doc}")
check(meta(one).get("name") == "秋の交流会（千葉）", f"meta.json's name is {meta(one).get('name')!r}")
check(listed()[one].get("name") == "秋の交流会（千葉）", "the list does not show the new name")
check(os.path.isdir(os.path.join(events_dir, one)), "the folder lost its id")
entries = call("GET", f"/api/events/{one}/history")[1].get("entries", [])
check(entries and entries[0].get("kind") == "rename" and entries[0].get("from") == "attendees.csv"
      and "イベントの名前が「秋の交流会（千葉）」に変わりました" in entries[0].get("text", ""),
      f"the history's newest entry: {entries[:1]}")
# One line for every reader (Python's splitlines, a terminal, the page):
# breaks and separators become a space, invisible marks go; a NUL is said.
status, doc = call("PUT", f"/api/events/{two}/name",
                   {"name": "秋の\u2028交流会\r\n\u2029A\u200bB\ufeff\u200e\u061c"}, base="*")
check(status == 200 and doc.get("name") == "秋の 交流会 AB", f"a name with breaks and marks answered {status} {doc}")
before = files(two)
status, doc = call("PUT", f"/api/events/{two}/name", raw=b'{"name": "a\\u0000b"}', base="*")
check(status == 422 and "NUL" in doc.get("error", ""), f"a name with \\u0000 answered {status} {doc}")
same_files(before, two, "a name with \\u0000")
long_name = "交" * 200  # 600 bytes: above the 400 bytes of other fields, within 200 characters
status, doc = call("PUT", f"/api/events/{two}/name", {"name": long_name}, base=revision(two))
check(status == 200 and meta(two).get("name") == long_name, f"a 200-character name answered {status} {doc}")

# ---- deleting ------------------------------------------------------------------

before = files(two)
status, doc = call("DELETE", f"/api/events/{two}")
check(status == 428, f"a deletion without If-Match answered {status}, expected 428")
status, doc = call("DELETE", f"/api/events/{two}", base=1)
check(status == 409 and doc.get("conflict"), f"an out-of-date deletion answered {status} {doc}")
same_files(before, two, "refused deletions")
status, _ = call("DELETE", "/api/events", base="*")
check(status == 405, f"DELETE of the whole list answered {status}, expected 405")

status, doc = call("DELETE", f"/api/events/{two}", base=revision(two))
check(status == 200 and doc.get("deleted") is True and doc.get("id") == two, f"a deletion answered {status} {doc}")
check(sorted(os.listdir(events_dir)) == [one], f"the events folder holds {sorted(os.listdir(events_dir))}")
check(sorted(os.listdir(data_dir)) == ["events", "serve.lock"],
      f"the data folder holds {sorted(os.listdir(data_dir))}")
check(two not in listed(), "the deleted event is still listed")
for method, path in [("GET", ""), ("GET", "/plan.json"), ("GET", "/history"), ("POST", "/solve"),
                     ("PUT", "/name"), ("DELETE", "")]:
    status, _ = call(method, f"/api/events/{two}{path}", {} if method in ("POST", "PUT") else None,
                     base="*" if method != "GET" else None)
    check(status == 404, f"{method} {path or '/'} of the deleted event answered {status}, expected 404")
for path in ["/job", "/print.html", "/badges.csv", "/history"]:
    status, doc = call("GET", f"/api/events/{two}{path}")
    check(status == 404 and doc.get("no_event") is True and "削除" in doc.get("error", ""),
          f"GET {path} of the deleted event answered {status} {doc}, expected 404 saying it is gone")

# ---- deleting while solves run or wait (one solver) ----------------------------

big = [new_event(path) for path in bigs]
for eid in big:
    status, doc = call("POST", f"/api/events/{eid}/solve", {}, base=revision(eid))
    check(status == 202, f"solve of a big list answered {status} {doc}")
items = listed()
states = [job_state(eid) for eid in big]
check(set(items) == {one, *big}, f"while solves wait the list holds {sorted(items)}")
check(states[0] == "running" and states[-1] == "queued", f"job states {states}: expected the first "
      "running, the last waiting (a solve of 3000 people takes seconds)")
for eid, state in zip(big, states):
    if state in ("queued", "running"):
        check(items.get(eid, {}).get("job") in ("queued", "running"),
              f"the list says nothing of {eid}'s {state} solve: {items.get(eid, {}).get('job')}")
waiting, running = big[-1], big[0]
for eid, what in [(waiting, "waiting"), (running, "running")]:
    before = files(eid)
    status, doc = call("DELETE", f"/api/events/{eid}", base=revision(eid))
    check(status == 409 and doc.get("solving") is True and "計算中" in doc.get("error", ""),
          f"deleting an event whose solve is {what} answered {status} {doc}")
    status, doc = call("PUT", f"/api/events/{eid}/name", {"name": "x"}, base="*")
    check(status == 409, f"renaming an event whose solve is {what} answered {status} {doc}")
    same_files(before, eid, f"refused while {what}")
status, doc = call("DELETE", f"/api/events/{waiting}?lang=en", base="*")
check("cannot be deleted while its plan is being made" in doc.get("error", ""),
      f"the English refusal while solving: {doc.get('error')!r}")
wait_jobs(big)
check([job_state(e) for e in big] == ["done"] * len(big), f"the solves ended {[job_state(e) for e in big]}")

status, doc = call("DELETE", f"/api/events/{waiting}", base=revision(waiting))
check(status == 200, f"deleting after the solve answered {status} {doc}")
time.sleep(1)  # nothing of a solve comes back into a deleted folder
check(sorted(os.listdir(events_dir)) == sorted([one, *big[:-1]]),
      f"after the deletion the events folder holds {sorted(os.listdir(events_dir))}")

# A deletion right after a solve was started is refused: the job is
# registered before the solve's 202.
status, _ = call("POST", f"/api/events/{running}/solve", {}, base=revision(running))
status, doc = call("DELETE", f"/api/events/{running}", base="*")
check(status == 409 and doc.get("solving"), f"deleting right after a solve started answered {status} {doc}")
wait_jobs([running])

# ---- a folder being deleted never shows ------------------------------------------

hidden = os.path.join(events_dir, f".deleting-{one}-0a1b2c3d")
shutil.copytree(os.path.join(events_dir, one), hidden)
check(sorted(listed()) == sorted([one, *big[:-1]]), f"a .deleting-* folder shows in the list: {sorted(listed())}")
shutil.rmtree(hidden)

# ---- an event folder appears whole -------------------------------------------------
# A new event is built out of sight (.creating-*) and renamed into place:
# a folder named by an id always holds its meta.json, so a server killed
# half-way leaves nothing the page cannot list or delete (once, the folder
# was made first and a kill -9 left the attendee list in it, unlisted).

seen_without_meta = []
done = threading.Event()


def watch():
    while not done.is_set():
        for name in os.listdir(events_dir):
            if ID.match(name) and not os.path.exists(os.path.join(events_dir, name, "meta.json")):
                if os.path.isdir(os.path.join(events_dir, name)):  # not deleted meanwhile
                    seen_without_meta.append(name)


watcher = threading.Thread(target=watch)
watcher.start()
made = [new_event(bigs[0]) for _ in range(4)]
done.set()
watcher.join()
check(not seen_without_meta, f"event folders were seen without their meta.json: {sorted(set(seen_without_meta))}")
for eid in made:
    call("DELETE", f"/api/events/{eid}", base="*")
check(not [n for n in os.listdir(events_dir) if n.startswith(".")],
      f"hidden folders left by making events: {os.listdir(events_dir)}")

# ---- a link in place of an event's folder ------------------------------------------
# Someone who can write into the (0700) data folder plants a link named like
# an event: it is no event, nothing is read or written through it.

outside = os.path.join(os.path.dirname(os.path.abspath(data_dir)), "outside")
shutil.rmtree(outside, ignore_errors=True)
shutil.copytree(os.path.join(events_dir, one), outside)
planted = "20250314-101530-ab12"
os.symlink(outside, os.path.join(events_dir, planted))
outside_before = {n: open(os.path.join(outside, n), "rb").read() for n in sorted(os.listdir(outside))}
check(planted not in listed(), "a link in place of an event's folder is listed")
for method, path, body in [("GET", "", None), ("GET", "/plan.json", None), ("GET", "/job", None),
                           ("PUT", "/settings", json.load(open(os.path.join(outside, "event.json")))),
                           ("PUT", "/name", {"name": "x"}), ("POST", "/solve", {}),
                           ("POST", "/attendees?name=a.csv", None), ("DELETE", "", None)]:
    raw = open(sample, "rb").read() if path.startswith("/attendees") else None
    status, _ = call(method, f"/api/events/{planted}{path}", body, raw=raw,
                     base="*" if method != "GET" else None)
    check(status == 404, f"{method} {path or '/'} through a planted link answered {status}, expected 404")
time.sleep(0.5)
outside_after = {n: open(os.path.join(outside, n), "rb").read() for n in sorted(os.listdir(outside))}
check(outside_before == outside_after, "a file was written through a link planted in the data folder")
check(os.path.islink(os.path.join(events_dir, planted)), "the planted link went (the page may not delete it)")
os.unlink(os.path.join(events_dir, planted))
shutil.rmtree(outside)

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("events: listed, renamed and deleted; deletion refused while solving")
